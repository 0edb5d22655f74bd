--
-- PostgreSQL database dump
--

\restrict wA5wvCcpdrnIwrTBRrGyXog4XzCmfSl0luEfy5EUbF81RVzm2TbUIQb9V8oLYAU

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
    changed_fields text,
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
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    name text NOT NULL,
    applied_at text NOT NULL
);


--
-- Name: source_aliases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.source_aliases (
    alias text NOT NULL,
    canonical text NOT NULL,
    change_id bigint NOT NULL
);


--
-- Name: store_lock; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.store_lock (
    id integer NOT NULL,
    writes bigint NOT NULL,
    schema_version integer NOT NULL,
    schema_signature text
);


--
-- Data for Name: changes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes (id, at, actor, action, origin, detail) FROM stdin;
1	2026-12-01T01:28:58+00:00	deploymap (shipped data)	seed	events.csv	{"added": 21, "changed": 0, "reports": ["2024-10-18-dprk-troops-russia.txt"], "unchanged": 0}
2	2026-12-01T01:28:58+00:00	maker	import	deploymap file ours.csv	{"added": 3, "changed": 0, "reports": [], "unchanged": 0}
3	2026-12-01T01:28:58+00:00	maker	import	acled file acled.csv	{"added": 2, "changed": 0, "reports": [], "unchanged": 0}
4	2026-12-01T01:28:58+00:00	maker	correct	event up-1	{"fields": ["summary", "troops"], "reason": "a later count"}
5	2026-12-01T01:28:58+00:00	maker	retract	event dprk-2024-002	{"reason": "duplicate"}
6	2026-12-01T01:28:58+00:00	maker	retract	event up-3	{"reason": "test"}
7	2026-12-01T01:28:59+00:00	maker	restore	event up-3	{"reason": "test again"}
8	2026-12-01T01:28:59+00:00	maker	import	deploymap file ours-2.csv	{"added": 0, "changed": 1, "reports": [], "unchanged": 0}
\.


--
-- Data for Name: event_versions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.event_versions (version_id, change_id, superseded_by, retracted, row_hash, event_id, event_date, end_date, reported_date, event_type, status, source, location, country, latitude, longitude, geo_precision, troops, summary, quote, report, fatalities, sub_event_type, actor1, actor2, wording, provenance, changed_fields, counts) FROM stdin;
1	1	\N	f	a7f1a7b97a3a6478ecf9a6eb22da88e992d9119aa59388ea6a99354f97236400	dprk-2024-001	2024-10-18	\N	2024-10-18	deployment	confirmed	NIS (South Korea)			\N	\N		10000	NIS confirms North Korea decided to send about 10,000 troops to support Russia and has begun deploying units.	On October 18, South Korea's intelligence agency confirmed that North Korea has decided to send about 10,000 troops to support Russia in its war against Ukraine and has already begun deploying units.	2024-10-18-dprk-troops-russia.txt	\N						\N	
3	1	\N	f	498b07fa62d606039e1fee51c0f74065826549affdda845e2088612b483d1e14	dprk-2024-003	2024-10-18	\N	2024-10-18	statement	confirmed	NIS (South Korea)			\N	\N		\N	NIS says North Korea is directly involved in the war after troops were moved onto Russian Navy transport ships.	After the meeting, the NIS said it had confirmed "the beginning of North Korea's direct involvement" in the war in Ukraine after learning that troops from the North had been transferred to Russian Navy transport ships.	2024-10-18-dprk-troops-russia.txt	\N						\N	
4	1	\N	f	c69df81e54a67ba7c3fde4f3926fbc70f630e7d3cd1c1a082a58b357a0c2a301	dprk-2024-004	2024-10-08	2024-10-13	2024-10-18	transport	confirmed	NIS (South Korea)			\N	\N		\N	North Korean special forces transported to Russia between 8 and 13 October.	The NIS also said it had confirmed that Pyongyang began transporting its special forces to Russia from October 8 to 13.	2024-10-18-dprk-troops-russia.txt	\N						\N	
5	1	\N	f	f9558455520da253f516e745f1a6062be8c0aefe479eb1ab2e160114145c9517	dprk-2024-005	2024-10-08	2024-10-13	2024-10-18	transport	reported	NIS (South Korea)			\N	\N		1500	About 1,500 soldiers moved in the first phase on four Russian amphibious assault ships and three escort vessels (dated by the 8-13 October transport).	According to the NIS, approximately 1,500 North Korean soldiers were transported during the first phase using four amphibious assault ships and three escort vessels owned by Russia.	2024-10-18-dprk-troops-russia.txt	\N						\N	
6	1	\N	f	02f625cd2d53251ca741365bf5456d4f3f4b3ad37ed43084861123cf35331c12	dprk-2024-006	2024-10-18	\N	2024-10-18	deployment	expected	Intelligence source in Seoul			\N	\N		12000	A total of 12,000 North Korean troops, including elite units, expected to join the war.	An intelligence source in Seoul reported that North Korea is expected to involve a total of 12,000 troops in the war in Ukraine, including from the country's most elite military units.	2024-10-18-dprk-troops-russia.txt	\N						\N	
7	1	\N	f	f129536ad0bc5908ec9b7fe54644c7af917001baf7ba1e266aab695894b8d2c4	dprk-2024-007	2024-10-18	\N	2024-10-18	deployment	reported	NIS (South Korea)	Vladivostok	RU	43.10562	131.87353	city	\N	North Korean troops stationed in Vladivostok and integrated with Russian military units.	North Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.	2024-10-18-dprk-troops-russia.txt	\N						\N	
8	1	\N	f	c01ea807b130b34f02548cc03c5e3891af98136130745fe16121deb3818dc33b	dprk-2024-008	2024-10-18	\N	2024-10-18	deployment	reported	NIS (South Korea)	Ussuriysk	RU	43.80467	131.95734	city	\N	North Korean troops stationed in Ussuriysk and integrated with Russian military units.	North Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.	2024-10-18-dprk-troops-russia.txt	\N						\N	
9	1	\N	f	99a194f14bed5a1edf44bdb69e39a4773efa649adf58caff64ea4a78e2abaf1e	dprk-2024-009	2024-10-18	\N	2024-10-18	deployment	reported	NIS (South Korea)	Khabarovsk	RU	48.46204	135.0971	city	\N	North Korean troops stationed in Khabarovsk and integrated with Russian military units.	North Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.	2024-10-18-dprk-troops-russia.txt	\N						\N	
10	1	\N	f	3bd6ba9119b6f1937bae4f025427ed2b32c337f3f7dd9c8fb3857786cd0ddf08	dprk-2024-010	2024-10-18	\N	2024-10-18	deployment	reported	NIS (South Korea)	Blagoveshchensk	RU	50.27593	127.52637	city	\N	North Korean troops stationed in Blagoveshchensk and integrated with Russian military units.	North Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.	2024-10-18-dprk-troops-russia.txt	\N						\N	
11	1	\N	f	a237e1bf896bbf8bf09fb9814a3888b96a8975f577e76c8977016e23c1cfaf68	dprk-2024-011	2024-10-18	\N	2024-10-18	equipment	reported	NIS (South Korea)			\N	\N		\N	Troops were given Russian military uniforms and weapons.	According to the Seoul intelligence agency, they were given Russian military uniforms and weapons.	2024-10-18-dprk-troops-russia.txt	\N						\N	
12	1	\N	f	769020f9325a7d59a416fc5e3c7e58d68339eb9e59eb32243f2c6f9693a39289	dprk-2024-012	2024-10-18	\N	2024-10-18	equipment	reported	NIS (South Korea)			\N	\N		\N	Troops were given false IDs posing as local residents, apparently to hide their involvement.	In addition, false IDs were also provided, posing as local residents, apparently to conceal their involvement by posing as part of the Russian forces.	2024-10-18-dprk-troops-russia.txt	\N						\N	
13	1	\N	f	4cd50bed9a8fa6bc0183c56960a81f6b9e9a40c50c77c7be2d11dd6e51daa781	dprk-2024-013	2024-10-18	\N	2024-10-18	statement	reported	Presidential Office (South Korea)	Seoul	KR	37.566	126.9784	city	\N	Seoul's presidential office says it has monitored the troop movement with allies and will take preemptive measures.	Seoul's presidential office said South Korea has closely monitored North Korea's troop movement to Russia from the beginning in coordination with its allies, and will continue to monitor the situation and take all necessary preemptive measures.	2024-10-18-dprk-troops-russia.txt	\N						\N	
14	1	\N	f	448d7dd80ee9810af69f70a2faec1bffeb8352676f7b933aa4496084e5acdc49	dprk-2024-014	2024-10-18	\N	2024-10-18	assessment	reported	Report			\N	\N		\N	The deployment is described as a major step in Moscow-Pyongyang military cooperation, beside a suspected arms trade.	The North Korean deployment signals a major development in military cooperation between Moscow and Pyongyang, in addition to the suspected arms trade, which is already criticized by the international community.	2024-10-18-dprk-troops-russia.txt	\N						\N	
15	1	\N	f	b328bc9cdcedb03b47b4687811fe487942f1c8df57937ee600debac13c3579d9	dprk-2024-015	2024-06-01	2024-06-30	2024-10-18	treaty	confirmed	Report	Pyongyang	KP	39.03385	125.75432	city	\N	Putin and Kim Jong Un signed a partnership treaty with mutual-defence provisions at their June summit in Pyongyang.	Moscow and Pyongyang have recently forged closer ties, with President Vladimir Putin and North Korean leader Kim Jong Un signing a new partnership treaty that includes provisions on mutual defense during their summit in Pyongyang in June.	2024-10-18-dprk-troops-russia.txt	\N						\N	
16	1	\N	f	f6897f4736a903cac2aff29815b396f440c937d844bd88e01c19f7c5e08faffc	dprk-2024-016	2024-10-18	\N	2024-10-18	statement	reported	President of Ukraine			\N	\N		\N	Zelensky suggests Russia relies on North Korean forces to offset heavy troop losses.	Zelensky suggested that Russia is relying on North Korean forces to offset its heavy troop losses as many young Russians seek to avoid conscription.	2024-10-18-dprk-troops-russia.txt	\N						\N	
17	1	\N	f	6b3074c157d5f42c50e79635689a217953a82fa2600f00ca3b9c4c237e8d9e60	dprk-2024-017	2024-10-18	\N	2024-10-18	statement	reported	NATO	Brussels	BE	50.85045	4.34878	city	\N	NATO's Mark Rutte, in Brussels, says NATO is in close contact with partners but needs further confirmation.	Following the NIS announcement, NATO Secretary General Mark Rutte told a press conference in Brussels that the organization was in "close contact with all our partners, including the Republic of Korea" regarding the development of relations between North Korea and Russia, but stressed that the North Atlantic Treaty Organization needed further confirmation , to come to a conclusion.	2024-10-18-dprk-troops-russia.txt	\N						\N	
18	1	\N	f	443cea0e9d2cd65cd0e197a91d621a2183c859efd57668577d56fdee5628c235	dprk-2024-018	2024-10-18	\N	2024-10-18	statement	reported	NATO			\N	\N		\N	Rutte tells Yonhap that North Korea is helping fuel Russia's aggression even if not on the battlefield.	In his response to a request from the Yonhap news agency, Rutte emphasized that North Korea is helping to fuel Russia's aggression against Ukraine, even if it was not physically on the battlefield helping Moscow.	2024-10-18-dprk-troops-russia.txt	\N						\N	
19	1	\N	f	04bb8b9c33e2b224d0292e7fcf231e49d45dd08ba3a824b5e9bf9bc49b241f8a	dprk-2024-019	2024-10-18	\N	2024-10-18	statement	reported	EU			\N	\N		\N	EU spokesman Peter Stano says continued North Korean military support for Russia will meet an appropriate response.	EU spokesman Peter Stano said that North Korea's continued military support for Russia's aggressive war against Ukraine will be met with an appropriate response.	2024-10-18-dprk-troops-russia.txt	\N						\N	
20	1	\N	f	fdbde3ca5df874e8a9e9a7fe8b2235dc66946775742616cdbe568df3cc635aaf	dprk-2024-020	2024-11-01	\N	2024-10-18	readiness	expected	DIU (Ukraine)			\N	\N		\N	DIU head Kyrylo Budanov: North Korean troops to be ready for combat operations from 1 November.	According to Kyril Budanov, the head of the DIU, the North Korean military must be ready for combat operations from November 1.	2024-10-18-dprk-troops-russia.txt	\N						\N	
21	1	\N	f	5aef8f099c3a2e0605fa512904298f6b9f13d3bee754aa4836471f30019fe837	dprk-2024-021	2024-11-01	\N	2024-10-18	equipment	expected	DIU (Ukraine)			\N	\N		\N	North Korean troops are expected to use Russian equipment and ammunition.	In addition, it is noted that they will use Russian equipment and ammunition.	2024-10-18-dprk-troops-russia.txt	\N						\N	
25	3	\N	f	b8e85d0bfc88e40ff29f997d164cd7afe5426145580b77f28db547bb9fea3445	RUS9001	2024-12-14	\N	\N	battles	reported	Ukrainska Pravda	Sudzha	RU	51.1903	35.2706	region	3	Test row, not ACLED data.			3	Armed clash	Military Forces of Russia (2000-)		dataset	ACLED export acled.csv, timestamp 1734480000; summary is ACLED's notes, not a verbatim quote	\N	killed
26	3	\N	f	9cf757477ff25b2925a392a55f451a710ce2372839c60d26ab8e7865e973e4ad	RUS9002	2024-12-14	\N	\N	battles	reported	Ukrainska Pravda	Sudzha	RU	51.1903	35.2706	region	\N	Test row, not ACLED data.			0	Armed clash	Military Forces of Russia (2000-)		dataset	ACLED export acled.csv, timestamp 1734480000; summary is ACLED's notes, not a verbatim quote	\N	
22	2	4	f	e7b749fc5d37f9ba03bc1d6506766ef0d049ebb060905bee69bd3c56036dd3ab	up-1	2024-12-14	2024-12-15	2024-12-19	battles	reported	NIS (South Korea)	Kursk region	RU	51.73	36.19	region	100	About 100 killed	At least 100 North Korean soldiers have been killed.	up.txt	\N						\N	
27	4	\N	f	49995c8ef0d84fa24509376324684352ba77e6f460fd47b526745c17d9dfd92f	up-1	2024-12-14	2024-12-15	2024-12-19	battles	reported	NIS (South Korea)	Kursk region	RU	51.73	36.19	region	120	About 120 killed	At least 100 North Korean soldiers have been killed.	up.txt	\N						["summary", "troops"]	
2	1	5	f	59bc2869beea257a39d9cdcf2d946d343360b8536fa28797e4e5cb0aa4821a86	dprk-2024-002	2024-10-18	\N	2024-10-18	meeting	reported	Presidential Office (South Korea)			\N	\N		\N	President Yoon Suk-yeol called an emergency security meeting before the NIS confirmation.	The confirmation from the National Intelligence Service (NIS) came after South Korean President Yoon Suk-yeol called an emergency security meeting amid growing speculation that North Korea may be providing soldiers to fight Russia in Ukraine.	2024-10-18-dprk-troops-russia.txt	\N						\N	
28	5	\N	t	59bc2869beea257a39d9cdcf2d946d343360b8536fa28797e4e5cb0aa4821a86	dprk-2024-002	2024-10-18	\N	2024-10-18	meeting	reported	Presidential Office (South Korea)			\N	\N		\N	President Yoon Suk-yeol called an emergency security meeting before the NIS confirmation.	The confirmation from the National Intelligence Service (NIS) came after South Korean President Yoon Suk-yeol called an emergency security meeting amid growing speculation that North Korea may be providing soldiers to fight Russia in Ukraine.	2024-10-18-dprk-troops-russia.txt	\N						[]	
24	2	6	f	73929eadbfe9f6bae74d8fddc5540a71d1e704d5791a2ffa83e02e0930ff2f88	up-3	2024-10-18	\N	2024-10-18	statement	denied	Kremlin (Russia)			\N	\N		\N	Denied	No troops.	up.txt	\N						\N	
29	6	7	t	73929eadbfe9f6bae74d8fddc5540a71d1e704d5791a2ffa83e02e0930ff2f88	up-3	2024-10-18	\N	2024-10-18	statement	denied	Kremlin (Russia)			\N	\N		\N	Denied	No troops.	up.txt	\N						[]	
30	7	\N	f	73929eadbfe9f6bae74d8fddc5540a71d1e704d5791a2ffa83e02e0930ff2f88	up-3	2024-10-18	\N	2024-10-18	statement	denied	Kremlin (Russia)			\N	\N		\N	Denied	No troops.	up.txt	\N						[]	
23	2	8	f	e135b56696af00895ad090c0c556cf1e6e7b2577514b8ec7a97cd3fd751ba7df	up-2	2024-11-04	\N	2024-11-05	deployment	reported	DIU (Ukraine)	Хабаровск	RU	48.46204	135.0971	city	\N	Troops in Khabarovsk, {{7*7}} =1+1	  Troops seen, "quoted",\nover two lines  	up.txt	\N						\N	
31	8	\N	f	805b0b82814a4ee1bb822264e959a31e0e18acbe3230a90db4171f2b5e8a05d0	up-2	2024-11-04	\N	2024-11-05	deployment	reported	DIU (Ukraine)	Хабаровск	RU	48.46204	135.0971	city	\N	Troops in Khabarovsk, seen again	  Troops seen, "quoted",\nover two lines  	up.txt	\N						["summary"]	
\.


--
-- Data for Name: reports; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reports (sha256, name, text, change_id) FROM stdin;
d4d2aebdb35738ea99680a2874a05ab032f35f627a709f0ae0a8d1c9bc08760f	2024-10-18-dprk-troops-russia.txt	 date 2024-10-18 On October 18, South Korea's intelligence agency confirmed that North Korea has decided to send about 10,000 troops to support Russia in its war against Ukraine and has already begun deploying units.\nThe DPRK sent 1,500 soldiers to Russia\nThe confirmation from the National Intelligence Service (NIS) came after South Korean President Yoon Suk-yeol called an emergency security meeting amid growing speculation that North Korea may be providing soldiers to fight Russia in Ukraine.\nAfter the meeting, the NIS said it had confirmed "the beginning of North Korea's direct involvement" in the war in Ukraine after learning that troops from the North had been transferred to Russian Navy transport ships.\nThe NIS also said it had confirmed that Pyongyang began transporting its special forces to Russia from October 8 to 13.\nAccording to the NIS, approximately 1,500 North Korean soldiers were transported during the first phase using four amphibious assault ships and three escort vessels owned by Russia.\nAn intelligence source in Seoul reported that North Korea is expected to involve a total of 12,000 troops in the war in Ukraine, including from the country's most elite military units.\nNorth Korean troops stationed in Russia have been stationed in various locations in the Far East, including Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk, where they are now integrated with Russian military units.\nAccording to the Seoul intelligence agency, they were given Russian military uniforms and weapons. In addition, false IDs were also provided, posing as local residents, apparently to conceal their involvement by posing as part of the Russian forces.\nSeoul's presidential office said South Korea has closely monitored North Korea's troop movement to Russia from the beginning in coordination with its allies, and will continue to monitor the situation and take all necessary preemptive measures.\nThe North Korean deployment signals a major development in military cooperation between Moscow and Pyongyang, in addition to the suspected arms trade, which is already criticized by the international community.\nNorth Korean soldiers will fight for Russia against Ukraine: what is known\nMoscow and Pyongyang have recently forged closer ties, with President Vladimir Putin and North Korean leader Kim Jong Un signing a new partnership treaty that includes provisions on mutual defense during their summit in Pyongyang in June.\nZelensky suggested that Russia is relying on North Korean forces to offset its heavy troop losses as many young Russians seek to avoid conscription.\nFollowing the NIS announcement, NATO Secretary General Mark Rutte told a press conference in Brussels that the organization was in "close contact with all our partners, including the Republic of Korea" regarding the development of relations between North Korea and Russia, but stressed that the North Atlantic Treaty Organization needed further confirmation , to come to a conclusion.\nIn his response to a request from the Yonhap news agency, Rutte emphasized that North Korea is helping to fuel Russia's aggression against Ukraine, even if it was not physically on the battlefield helping Moscow.\nEU spokesman Peter Stano said that North Korea's continued military support for Russia's aggressive war against Ukraine will be met with an appropriate response.\nAccording to Kyril Budanov, the head of the DIU, the North Korean military must be ready for combat operations from November 1.\nIn addition, it is noted that they will use Russian equipment and ammunition.\nAs for further plans for the movement of the rest of the North Korean troops, there is no information yet.\n	1
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schema_migrations (name, applied_at) FROM stdin;
0001_initial	2026-12-01T01:28:58+00:00
0002_versions_record_changed_fields	2026-12-01T01:28:58+00:00
0003_source_aliases	2026-12-01T01:28:58+00:00
add_field_counts	2026-12-01T01:28:58+00:00
\.


--
-- Data for Name: source_aliases; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.source_aliases (alias, canonical, change_id) FROM stdin;
\.


--
-- Data for Name: store_lock; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.store_lock (id, writes, schema_version, schema_signature) FROM stdin;
1	8	4	423a9037beb16c1d2f18096856be687282fc72e279a21a395d5a1ef1f57f9896
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
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (name);


--
-- Name: source_aliases source_aliases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.source_aliases
    ADD CONSTRAINT source_aliases_pkey PRIMARY KEY (alias);


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
-- Name: source_aliases source_aliases_change_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.source_aliases
    ADD CONSTRAINT source_aliases_change_id_fkey FOREIGN KEY (change_id) REFERENCES public.changes(id);


--
-- PostgreSQL database dump complete
--

\unrestrict wA5wvCcpdrnIwrTBRrGyXog4XzCmfSl0luEfy5EUbF81RVzm2TbUIQb9V8oLYAU

