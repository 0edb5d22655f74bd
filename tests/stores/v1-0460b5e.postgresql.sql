--
-- PostgreSQL database dump
--

\restrict Im77d19iAUi9I9QCvufcPvF0hiSfb7sDSjfAbZ4jMzi4N9OWpoIUQdlOISLi1Ox

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.changes (
    id bigint NOT NULL,
    at text NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    origin text NOT NULL,
    detail text NOT NULL
);


--
-- Name: changes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.changes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: event_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_versions (
    version_id bigint NOT NULL,
    change_id bigint NOT NULL,
    superseded_by bigint,
    retracted boolean DEFAULT false NOT NULL,
    row_hash text NOT NULL,
    event_id text DEFAULT ''::text NOT NULL,
    event_date text,
    end_date text,
    reported_date text,
    event_type text DEFAULT ''::text NOT NULL,
    status text DEFAULT ''::text NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    location text DEFAULT ''::text NOT NULL,
    country text DEFAULT ''::text NOT NULL,
    latitude double precision,
    longitude double precision,
    geo_precision text DEFAULT ''::text NOT NULL,
    troops bigint,
    summary text DEFAULT ''::text NOT NULL,
    quote text DEFAULT ''::text NOT NULL,
    report text DEFAULT ''::text NOT NULL,
    fatalities bigint,
    sub_event_type text DEFAULT ''::text NOT NULL,
    actor1 text DEFAULT ''::text NOT NULL,
    actor2 text DEFAULT ''::text NOT NULL,
    wording text DEFAULT ''::text NOT NULL,
    provenance text DEFAULT ''::text NOT NULL,
    counts text DEFAULT ''::text NOT NULL
);


--
-- Name: event_versions_version_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.event_versions ALTER COLUMN version_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.event_versions_version_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reports (
    sha256 text NOT NULL,
    name text NOT NULL,
    text text NOT NULL,
    change_id bigint NOT NULL
);


--
-- Name: store_lock; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.store_lock (
    id integer NOT NULL,
    writes bigint NOT NULL,
    schema_version integer NOT NULL
);


--
-- Data for Name: changes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes (id, at, actor, action, origin, detail) FROM stdin;
1	2026-11-30T22:00:21+00:00	deploymap (shipped data)	seed	events.csv	{"added": 21, "changed": 0, "reports": ["2024-10-18-dprk-troops-russia.txt"], "unchanged": 0}
2	2026-11-30T22:00:21+00:00	maker	import	deploymap file ours.csv	{"added": 3, "changed": 0, "reports": [], "unchanged": 0}
3	2026-11-30T22:00:21+00:00	maker	import	acled file acled.csv	{"added": 2, "changed": 0, "reports": [], "unchanged": 0}
4	2026-11-30T22:00:21+00:00	maker	correct	event up-1	{"fields": ["summary", "troops"], "reason": "a later count"}
5	2026-11-30T22:00:21+00:00	maker	retract	event dprk-2024-002	{"reason": "duplicate"}
6	2026-11-30T22:00:21+00:00	maker	retract	event up-3	{"reason": "test"}
7	2026-11-30T22:00:22+00:00	maker	restore	event up-3	{"reason": "test again"}
8	2026-11-30T22:00:22+00:00	maker	import	deploymap file ours-2.csv	{"added": 0, "changed": 1, "reports": [], "unchanged": 0}
\.


--
-- Data for Name: event_versions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.event_versions (version_id, change_id, superseded_by, retracted, row_hash, event_id, event_date, end_date, reported_date, event_type, status, source, location, country, latitude, longitude, geo_precision, troops, summary, quote, report, fatalities, sub_event_type, actor1, actor2, wording, provenance, counts) FROM stdin;
1	1	\N	f	d12b8a9fffd8fee4dfeb843fb11a2a93d5f27b21f73bb7bbdb3636dbbe829259	dprk-2024-001	2024-10-18	\N	2024-10-18	deployment	confirmed	NIS (South Korea)			\N	\N		10000	NIS confirms North Korea decided to send about 10,000 troops to support Russia and has begun deploying units.	On October 18, South Korea's intelligence agency confirmed that North Korea has decided to send about 10,000 troops to support Russia in its war against Ukraine and has already begun deploying units.	2024-10-18-dprk-troops-russia.txt	\N						
3	1	\N	f	0bbf140c6601f265895c12ef7050481760e58c24f419b782e9fd087997a378ca	dprk-2024-003	2024-10-18	\N	2024-10-18	statement	confirmed	NIS (South Korea)			\N	\N		\N	NIS says North Korea is directly involved in the war after troops were moved onto Russian Navy transport ships.	After the meeting, the NIS said it had confirmed "the beginning of North Korea's direct involvement" in the war in Ukraine after learning that troops from the North had been transferred to Russian Navy transport ships.	2024-10-18-dprk-troops-russia.txt	\N						
4	1	\N	f	253aca993a7c7834696b75d4ce40f1c28bf1d31a093fe5aa804dde38f78f0b17	dprk-2024-004	2024-10-08	2024-10-13	2024-10-18	transport	confirmed	NIS (South Korea)			\N	\N		\N	North Korean special forces transported to Russia between 8 and 13 October.	The NIS also said it had confirmed that Pyongyang began transporting its special forces to Russia from October 8 to 13.	2024-10-18-dprk-troops-russia.txt	\N						
5	1	\N	f	d86e1b4cb3e1bbd9ddaca2a91de4a8ccc191b19923a0aff0aeefd194dcaa2ce9	dprk-2024-005	2024-10-08	2024-10-13	2024-10-18	transport	reported	NIS (South Korea)			\N	\N		1500	About 1,500 soldiers moved in the first phase on four Russian amphibious assault ships and three escort vessels (dated by the 8-13 October transport).	According to the NIS, approximately 1,500 North Korean soldiers were transported during the first phase using four amphibious assault ships and three escort vessels owned by Russia.	2024-10-18-dprk-troops-russia.txt	\N						
6	1	\N	f	921b707ee54c2d984dd20f0b421943167150de29c85010638ceb6f96f18073b6	dprk-2024-006	2024-10-18	\N	2024-10-18	deployment	expected	Intelligence source in Seoul			\N	\N		12000	A total of 12,000 North Korean troops, including elite units, expected to join the war.	An intelligence source in Seoul reported that North Korea is expected to involve a total of 12,000 troops in the war in Ukraine, including from the country's most elite military units.	2024-10-18-dprk-troops-russia.txt	\N						
7	1	\N	f	60d83cce000e513ba5e6862d999964cdceb5c1003c929024a4cbef2ba8a44601	dprk-2024-007	2024-10-18	\N	2024-10-18	deployment	reported	NIS (South Korea)	Vladivostok	RU	43.10562	131.87353	city	\N	North Korean troops stationed in Vladivostok and integrated with Russian military units.	North Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.	2024-10-18-dprk-troops-russia.txt	\N						
8	1	\N	f	a70dec4aa50341fd3a106e1fc961725ea9bede12effd1493c691f2a676fc51a3	dprk-2024-008	2024-10-18	\N	2024-10-18	deployment	reported	NIS (South Korea)	Ussuriysk	RU	43.80467	131.95734	city	\N	North Korean troops stationed in Ussuriysk and integrated with Russian military units.	North Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.	2024-10-18-dprk-troops-russia.txt	\N						
9	1	\N	f	ac409046361673f5adff468e8d150ef5fa7e86297aba3168574ca4a884265cc3	dprk-2024-009	2024-10-18	\N	2024-10-18	deployment	reported	NIS (South Korea)	Khabarovsk	RU	48.46204	135.0971	city	\N	North Korean troops stationed in Khabarovsk and integrated with Russian military units.	North Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.	2024-10-18-dprk-troops-russia.txt	\N						
10	1	\N	f	6009cffc8e5bc3d71f9b272b336d0040321572b0850b4494a757900ce763fce2	dprk-2024-010	2024-10-18	\N	2024-10-18	deployment	reported	NIS (South Korea)	Blagoveshchensk	RU	50.27593	127.52637	city	\N	North Korean troops stationed in Blagoveshchensk and integrated with Russian military units.	North Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.	2024-10-18-dprk-troops-russia.txt	\N						
11	1	\N	f	b37826970f08cfbfcdf8fdeca687ca5f348f71279e0bb07ce92ad4cfa3404e5d	dprk-2024-011	2024-10-18	\N	2024-10-18	equipment	reported	NIS (South Korea)			\N	\N		\N	Troops were given Russian military uniforms and weapons.	According to the Seoul intelligence agency, they were given Russian military uniforms and weapons.	2024-10-18-dprk-troops-russia.txt	\N						
12	1	\N	f	16fe7a17db6fbfc1518e7d894caa3e2c7b6e1febfffcd11630c0cf893738aa97	dprk-2024-012	2024-10-18	\N	2024-10-18	equipment	reported	NIS (South Korea)			\N	\N		\N	Troops were given false IDs posing as local residents, apparently to hide their involvement.	In addition, false IDs were also provided, posing as local residents, apparently to conceal their involvement by posing as part of the Russian forces.	2024-10-18-dprk-troops-russia.txt	\N						
13	1	\N	f	503115ad5b3fdea9b7ac2f1dd0120b194f96788669fbae244a2e615ece415b4b	dprk-2024-013	2024-10-18	\N	2024-10-18	statement	reported	Presidential Office (South Korea)	Seoul	KR	37.566	126.9784	city	\N	Seoul's presidential office says it has monitored the troop movement with allies and will take preemptive measures.	Seoul's presidential office said South Korea has closely monitored North Korea's troop movement to Russia from the beginning in coordination with its allies, and will continue to monitor the situation and take all necessary preemptive measures.	2024-10-18-dprk-troops-russia.txt	\N						
14	1	\N	f	793020604b0128da9f818799304ffa316b17f660cf1f91cb94cbd38aeceaeb2e	dprk-2024-014	2024-10-18	\N	2024-10-18	assessment	reported	Report			\N	\N		\N	The deployment is described as a major step in Moscow-Pyongyang military cooperation, beside a suspected arms trade.	The North Korean deployment signals a major development in military cooperation between Moscow and Pyongyang, in addition to the suspected arms trade, which is already criticized by the international community.	2024-10-18-dprk-troops-russia.txt	\N						
15	1	\N	f	717af4e34b410ab65c9a4ffa89a09bd8d468a30fa0a806bfaffa20f27fb22a75	dprk-2024-015	2024-06-01	2024-06-30	2024-10-18	treaty	confirmed	Report	Pyongyang	KP	39.03385	125.75432	city	\N	Putin and Kim Jong Un signed a partnership treaty with mutual-defence provisions at their June summit in Pyongyang.	Moscow and Pyongyang have recently forged closer ties, with President Vladimir Putin and North Korean leader Kim Jong Un signing a new partnership treaty that includes provisions on mutual defense during their summit in Pyongyang in June.	2024-10-18-dprk-troops-russia.txt	\N						
16	1	\N	f	08e4ada1cbac3dd6a3477c3ab4962914d134c762dbab6c7f34c2b45fcaf75f84	dprk-2024-016	2024-10-18	\N	2024-10-18	statement	reported	President of Ukraine			\N	\N		\N	Zelensky suggests Russia relies on North Korean forces to offset heavy troop losses.	Zelensky suggested that Russia is relying on North Korean forces to offset its heavy troop losses as many young Russians seek to avoid conscription.	2024-10-18-dprk-troops-russia.txt	\N						
17	1	\N	f	bd8a1603c31d931cd9ebd3e25fa1e133dac4faba192ba26e78c30f1187cf9ab9	dprk-2024-017	2024-10-18	\N	2024-10-18	statement	reported	NATO	Brussels	BE	50.85045	4.34878	city	\N	NATO's Mark Rutte, in Brussels, says NATO is in close contact with partners but needs further confirmation.	Following the NIS announcement, NATO Secretary General Mark Rutte told a press conference in Brussels that the organization was in "close contact with all our partners, including the Republic of Korea" regarding the development of relations between North Korea and Russia, but stressed that the North Atlantic Treaty Organization needed further confirmation , to come to a conclusion.	2024-10-18-dprk-troops-russia.txt	\N						
18	1	\N	f	62fd147a96f030b029c790fc9f9b68f50423d91e961a18c9023818253995fd9b	dprk-2024-018	2024-10-18	\N	2024-10-18	statement	reported	NATO			\N	\N		\N	Rutte tells Yonhap that North Korea is helping fuel Russia's aggression even if not on the battlefield.	In his response to a request from the Yonhap news agency, Rutte emphasized that North Korea is helping to fuel Russia's aggression against Ukraine, even if it was not physically on the battlefield helping Moscow.	2024-10-18-dprk-troops-russia.txt	\N						
19	1	\N	f	fa26271c3ebc52f4d3ed1b2b80ca9b3f22b2daeaeb9b0c9cfac5aaf163f1213d	dprk-2024-019	2024-10-18	\N	2024-10-18	statement	reported	EU			\N	\N		\N	EU spokesman Peter Stano says continued North Korean military support for Russia will meet an appropriate response.	EU spokesman Peter Stano said that North Korea's continued military support for Russia's aggressive war against Ukraine will be met with an appropriate response.	2024-10-18-dprk-troops-russia.txt	\N						
20	1	\N	f	fd98ab7723296b9af27143d963c6957eed6ac5f4db7743f3ce6bae41daea7d58	dprk-2024-020	2024-11-01	\N	2024-10-18	readiness	expected	DIU (Ukraine)			\N	\N		\N	DIU head Kyrylo Budanov: North Korean troops to be ready for combat operations from 1 November.	According to Kyril Budanov, the head of the DIU, the North Korean military must be ready for combat operations from November 1.	2024-10-18-dprk-troops-russia.txt	\N						
21	1	\N	f	efdffdc2ca39506ada3c65e45034dfbab357d5479551394c281668f01636bf62	dprk-2024-021	2024-11-01	\N	2024-10-18	equipment	expected	DIU (Ukraine)			\N	\N		\N	North Korean troops are expected to use Russian equipment and ammunition.	In addition, it is noted that they will use Russian equipment and ammunition.	2024-10-18-dprk-troops-russia.txt	\N						
25	3	\N	f	686f9cef1929f272aa1bfb5c1dedcbf63c351a7e32e4a29df2afe6640b042473	RUS9001	2024-12-14	\N	\N	battles	reported	Ukrainska Pravda	Sudzha	RU	51.1903	35.2706	region	3	Test row, not ACLED data.		acled.csv	3	Armed clash	Military Forces of Russia (2000-)		dataset	ACLED export acled.csv, timestamp 1734480000; summary is ACLED's notes, not a verbatim quote	killed
26	3	\N	f	453d37b021db941540821862a9021ab0dee80da8895a71567d3449e87c9509e0	RUS9002	2024-12-14	\N	\N	battles	reported	Ukrainska Pravda	Sudzha	RU	51.1903	35.2706	region	\N	Test row, not ACLED data.		acled.csv	0	Armed clash	Military Forces of Russia (2000-)		dataset	ACLED export acled.csv, timestamp 1734480000; summary is ACLED's notes, not a verbatim quote	
22	2	4	f	12c26a199bec0df10bae0bcca6cdfb830beb37b45c1fb747a2c425fa91f44143	up-1	2024-12-14	2024-12-15	2024-12-19	battles	reported	NIS (South Korea)	Kursk region	RU	51.73	36.19	region	100	About 100 killed	At least 100 North Korean soldiers have been killed.	up.txt	\N						
27	4	\N	f	29ee46f6ebc322d2c594b1d573f5a72258d4dfab09467176ee8bdf9668467e8f	up-1	2024-12-14	2024-12-15	2024-12-19	battles	reported	NIS (South Korea)	Kursk region	RU	51.73	36.19	region	120	About 120 killed	At least 100 North Korean soldiers have been killed.	up.txt	\N						
2	1	5	f	4b1dfdf87bfb9689b080f2a36b7921be206cda525a9abf5013c7cc9fa3ef4fb2	dprk-2024-002	2024-10-18	\N	2024-10-18	meeting	reported	Presidential Office (South Korea)			\N	\N		\N	President Yoon Suk-yeol called an emergency security meeting before the NIS confirmation.	The confirmation from the National Intelligence Service (NIS) came after South Korean President Yoon Suk-yeol called an emergency security meeting amid growing speculation that North Korea may be providing soldiers to fight Russia in Ukraine.	2024-10-18-dprk-troops-russia.txt	\N						
28	5	\N	t	4b1dfdf87bfb9689b080f2a36b7921be206cda525a9abf5013c7cc9fa3ef4fb2	dprk-2024-002	2024-10-18	\N	2024-10-18	meeting	reported	Presidential Office (South Korea)			\N	\N		\N	President Yoon Suk-yeol called an emergency security meeting before the NIS confirmation.	The confirmation from the National Intelligence Service (NIS) came after South Korean President Yoon Suk-yeol called an emergency security meeting amid growing speculation that North Korea may be providing soldiers to fight Russia in Ukraine.	2024-10-18-dprk-troops-russia.txt	\N						
24	2	6	f	fcd44367bdbd89f405a0c503bce20492e16cdee5a127c8d51db0c752de1a826c	up-3	2024-10-18	\N	2024-10-18	statement	denied	Kremlin (Russia)			\N	\N		\N	Denied	No troops.	up.txt	\N						
29	6	7	t	fcd44367bdbd89f405a0c503bce20492e16cdee5a127c8d51db0c752de1a826c	up-3	2024-10-18	\N	2024-10-18	statement	denied	Kremlin (Russia)			\N	\N		\N	Denied	No troops.	up.txt	\N						
30	7	\N	f	fcd44367bdbd89f405a0c503bce20492e16cdee5a127c8d51db0c752de1a826c	up-3	2024-10-18	\N	2024-10-18	statement	denied	Kremlin (Russia)			\N	\N		\N	Denied	No troops.	up.txt	\N						
23	2	8	f	24b7797c61818cad907b70f436342d011811dde868f920c7aaf4ec1c8471170b	up-2	2024-11-04	\N	2024-11-05	deployment	reported	DIU (Ukraine)	Хабаровск	RU	48.46204	135.0971	city	\N	Troops in Khabarovsk, {{7*7}} =1+1	  Troops seen, "quoted",\nover two lines  	up.txt	\N						
31	8	\N	f	6559f62725e5537740a0de77ad2c816cd3353b997cb8b0224f944fa48aaa6b44	up-2	2024-11-04	\N	2024-11-05	deployment	reported	DIU (Ukraine)	Хабаровск	RU	48.46204	135.0971	city	\N	Troops in Khabarovsk, seen again	  Troops seen, "quoted",\nover two lines  	up.txt	\N						
\.


--
-- Data for Name: reports; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reports (sha256, name, text, change_id) FROM stdin;
d4d2aebdb35738ea99680a2874a05ab032f35f627a709f0ae0a8d1c9bc08760f	2024-10-18-dprk-troops-russia.txt	 date 2024-10-18 On October 18, South Korea's intelligence agency confirmed that North Korea has decided to send about 10,000 troops to support Russia in its war against Ukraine and has already begun deploying units.\nThe DPRK sent 1,500 soldiers to Russia\nThe confirmation from the National Intelligence Service (NIS) came after South Korean President Yoon Suk-yeol called an emergency security meeting amid growing speculation that North Korea may be providing soldiers to fight Russia in Ukraine.\nAfter the meeting, the NIS said it had confirmed "the beginning of North Korea's direct involvement" in the war in Ukraine after learning that troops from the North had been transferred to Russian Navy transport ships.\nThe NIS also said it had confirmed that Pyongyang began transporting its special forces to Russia from October 8 to 13.\nAccording to the NIS, approximately 1,500 North Korean soldiers were transported during the first phase using four amphibious assault ships and three escort vessels owned by Russia.\nAn intelligence source in Seoul reported that North Korea is expected to involve a total of 12,000 troops in the war in Ukraine, including from the country's most elite military units.\nNorth Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.\nAccording to the Seoul intelligence agency, they were given Russian military uniforms and weapons. In addition, false IDs were also provided, posing as local residents, apparently to conceal their involvement by posing as part of the Russian forces.\nSeoul's presidential office said South Korea has closely monitored North Korea's troop movement to Russia from the beginning in coordination with its allies, and will continue to monitor the situation and take all necessary preemptive measures.\nThe North Korean deployment signals a major development in military cooperation between Moscow and Pyongyang, in addition to the suspected arms trade, which is already criticized by the international community.\nNorth Korean soldiers will fight for Russia against Ukraine: what is known\nMoscow and Pyongyang have recently forged closer ties, with President Vladimir Putin and North Korean leader Kim Jong Un signing a new partnership treaty that includes provisions on mutual defense during their summit in Pyongyang in June.\nZelensky suggested that Russia is relying on North Korean forces to offset its heavy troop losses as many young Russians seek to avoid conscription.\nFollowing the NIS announcement, NATO Secretary General Mark Rutte told a press conference in Brussels that the organization was in "close contact with all our partners, including the Republic of Korea" regarding the development of relations between North Korea and Russia, but stressed that the North Atlantic Treaty Organization needed further confirmation , to come to a conclusion.\nIn his response to a request from the Yonhap news agency, Rutte emphasized that North Korea is helping to fuel Russia's aggression against Ukraine, even if it was not physically on the battlefield helping Moscow.\nEU spokesman Peter Stano said that North Korea's continued military support for Russia's aggressive war against Ukraine will be met with an appropriate response.\nAccording to Kyril Budanov, the head of the DIU, the North Korean military must be ready for combat operations from November 1.\nIn addition, it is noted that they will use Russian equipment and ammunition.\nAs for further plans for the movement of the rest of the North Korean troops, there is no information yet.\n	1
\.


--
-- Data for Name: store_lock; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.store_lock (id, writes, schema_version) FROM stdin;
1	8	1
\.


--
-- Name: changes_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.changes_id_seq', 8, true);


--
-- Name: event_versions_version_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.event_versions_version_id_seq', 31, true);


--
-- Name: changes changes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes
    ADD CONSTRAINT changes_pkey PRIMARY KEY (id);


--
-- Name: event_versions event_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_versions
    ADD CONSTRAINT event_versions_pkey PRIMARY KEY (version_id);


--
-- Name: reports reports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_pkey PRIMARY KEY (sha256);


--
-- Name: store_lock store_lock_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_lock
    ADD CONSTRAINT store_lock_pkey PRIMARY KEY (id);


--
-- Name: one_current_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX one_current_version ON public.event_versions USING btree (event_id) WHERE (superseded_by IS NULL);


--
-- Name: versions_by_change; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX versions_by_change ON public.event_versions USING btree (change_id);


--
-- Name: event_versions event_versions_change_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_versions
    ADD CONSTRAINT event_versions_change_id_fkey FOREIGN KEY (change_id) REFERENCES public.changes(id);


--
-- Name: event_versions event_versions_superseded_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_versions
    ADD CONSTRAINT event_versions_superseded_by_fkey FOREIGN KEY (superseded_by) REFERENCES public.changes(id);


--
-- Name: reports reports_change_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_change_id_fkey FOREIGN KEY (change_id) REFERENCES public.changes(id);


--
-- PostgreSQL database dump complete
--

\unrestrict Im77d19iAUi9I9QCvufcPvF0hiSfb7sDSjfAbZ4jMzi4N9OWpoIUQdlOISLi1Ox

