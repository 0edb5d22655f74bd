"""The report reader, cue by cue, with tables of sentences; and the extractor end to end."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from deploymap.reading import cues
from deploymap.reading.extraction import extract, places
from deploymap.reading.sentences import dateline, split_sentences

from .conftest import ROOT

REPORT_DATE = dt.date(2024, 10, 18)  # a Friday
D = dt.date


@pytest.mark.parametrize(("sentence", "start", "end"), [
    ("Pyongyang began transporting its special forces to Russia from October 8 to 13.", D(2024, 10, 8), D(2024, 10, 13)),
    ("Troops moved between 8 and 13 October, officials said.", D(2024, 10, 8), D(2024, 10, 13)),
    ("Ships sailed October 8-13.", D(2024, 10, 8), D(2024, 10, 13)),
    ("On October 18, the agency confirmed it.", D(2024, 10, 18), None),
    ("On 4 November 2024 the first units arrived.", D(2024, 11, 4), None),
    ("The units must be ready from November 1.", D(2024, 11, 1), None),
    ("They signed a treaty in June.", D(2024, 6, 1), D(2024, 6, 30)),
    ("The figure was given on 2024-12-19.", D(2024, 12, 19), None),
    ("Zelensky said on Monday that troops arrived.", D(2024, 10, 14), None),
    ("Officials spoke yesterday.", D(2024, 10, 17), None),
    ("Convoys were seen last week.", D(2024, 10, 7), D(2024, 10, 13)),
    ("In March troops were spotted.", D(2024, 3, 1), D(2024, 3, 31)),
    ("In December troops will arrive.", D(2024, 12, 1), D(2024, 12, 31)),  # up to two months ahead: this year
    ("On January 20 troops were spotted.", D(2024, 1, 20), None),
    ("Troops are stationed in the Far East.", REPORT_DATE, None),  # no date: the report's
])
def test_dates(sentence, start, end):
    found = cues.period(sentence, REPORT_DATE)
    assert (found.start, found.end) == (start, end)
    assert found.cue in sentence


@pytest.mark.parametrize(("sentence", "expected"), [
    ("North Korea decided to send about 10,000 troops to support Russia.", [(10_000, "troops")]),
    ("The DPRK sent 1,500 soldiers to Russia.", [(1_500, "troops")]),
    ("At least 100 North Korean soldiers were killed and about 1,000 wounded.", [(100, "killed"), (1_000, "wounded")]),
    ("More than 3,000 North Korean troops have been killed or wounded.", [(3_000, "killed or wounded")]),
    ("Ukraine said two soldiers were captured in Kursk.", [(2, "captured")]),
    ("Some 12 thousand troops will follow.", [(12_000, "troops")]),
    ("North Korea suffered 1,200 casualties.", [(1_200, "killed or wounded")]),
    ("In 2024 the treaty was signed on June 19.", []),  # a year and a day are no figures
    ("The 11th Corps moved 30 kilometres.", []),  # a distance is no figure of people
])
def test_figures_and_what_they_count(sentence, expected):
    found = cues.figures(sentence)
    assert [(f.value, f.counts) for f in found] == expected
    assert all(f.cue in sentence for f in found)  # a figure is never proposed without its words


@pytest.mark.parametrize(("sentence", "who"), [
    ("According to the NIS, 1,500 soldiers were transported.", "NIS"),
    ("According to Kyril Budanov, the head of the DIU, troops must be ready.", "Kyril Budanov"),
    ("EU spokesman Peter Stano said that support will be met with a response.", "EU spokesman Peter Stano"),
    ("NATO Secretary General Mark Rutte told a press conference in Brussels that it was so.", "NATO Secretary General Mark Rutte"),
    ("An intelligence source in Seoul reported that 12,000 troops are expected.", "intelligence source in Seoul"),
    ("The Pentagon confirmed the figure.", "Pentagon"),
    ("Troops were seen near the border.", ""),
])
def test_attribution(sentence, who):
    found, cue = cues.attribution(sentence)
    assert found == who
    assert cue in sentence


@pytest.mark.parametrize(("sentence", "status"), [
    ("The NIS confirmed the deployment.", "confirmed"),
    ("Moscow denied that any North Korean troops were in Russia.", "denied"),
    ("North Korea is expected to send 12,000 troops.", "expected"),
    ("The troops will use Russian equipment.", "expected"),
    ("Officials said troops arrived.", "reported"),
])
def test_status(sentence, status):
    assert cues.status(sentence)[0] == status


@pytest.mark.parametrize(("sentence", "kind"), [
    ("About 1,500 soldiers were transported on four ships.", "transport"),
    ("They were given Russian uniforms and weapons.", "equipment"),
    ("Putin and Kim signed a partnership treaty.", "treaty"),
    ("At least 100 soldiers were killed.", "battles"),
    ("Troops are stationed in Vladivostok.", "deployment"),
    ("The units must be ready for combat operations.", "readiness"),
])
def test_event_types(sentence, kind):
    assert cues.event_type(sentence)[0] == kind


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Troops are stationed in Vladivostok, Ussuriysk, Khabarovsk, and Blagoveshchensk.",
     ["Vladivostok", "Ussuriysk", "Khabarovsk", "Blagoveshchensk"]),
    ("North Korean troops were moved to the Kursk region.", ["Kursk region"]),
    ("Soldiers were seen in Хабаровск.", ["Хабаровск"]),  # the gazetteer's Cyrillic name
    ("The treaty was signed in Pyongyang in June.", ["Pyongyang"]),
    ("Moscow and Pyongyang have forged closer ties.", []),  # governments, not places
    ("President Vladimir Putin met Kim Jong Un.", []),  # people, not places
    ("North Korean soldiers arrived.", []),  # a demonym is never a place
    ("The troops were sent to Russia.", ["Russia"]),
])
def test_places(gazetteer, sentence, expected):
    assert [p.name for p in places(sentence, gazetteer)] == expected


def test_sentences_keep_their_exact_text_and_skip_abbreviations():
    text = "Gen. Kim said so. Mr. Lee agreed! U.S. officials met on Oct. 5.\nA new line"
    found = split_sentences(text)
    assert [s.text for s in found] == ["Gen. Kim said so.", "Mr. Lee agreed!", "U.S. officials met on Oct. 5.", "A new line"]
    assert all(text[s.start:s.end] == s.text for s in found)


@pytest.mark.parametrize(("text", "day"), [
    ("date 2024-12-19 Troops moved.", D(2024, 12, 19)),
    ("Seoul, December 19. North Korea has", D(2024, 12, 19)),
    ("KYIV, Jan. 5, 2025 — Officials said", D(2025, 1, 5)),
    ("No dateline here.", None),
])
def test_datelines(text, day):
    assert dateline(text, today=D(2025, 1, 10))[0] == day


def test_every_proposal_quotes_its_sentence_and_its_figure_and_place(gazetteer):
    text = (ROOT / "data" / "reports" / "2024-10-18-dprk-troops-russia.txt").read_text(encoding="utf-8")
    proposals = extract(text, "r.txt", gazetteer)
    assert proposals
    for proposal in proposals:
        assert proposal.quote in text
        assert not proposal.figure or proposal.figure.cue in proposal.quote
        assert not proposal.place or proposal.place.cue in proposal.quote
    sites = {p.place.name for p in proposals if p.place and p.place.precision == "city"}
    assert {"Vladivostok", "Ussuriysk", "Khabarovsk", "Blagoveshchensk"} <= sites
    figures = {p.figure.value for p in proposals if p.figure}
    assert {10_000, 1_500, 12_000} <= figures


def test_a_report_without_a_dateline_needs_a_date(gazetteer):
    with pytest.raises(ValueError, match="give its date"):
        extract("Troops arrived in Kursk.", "r.txt", gazetteer)
    assert extract("Officials said troops arrived in Vladivostok.", "r.txt", gazetteer, D(2024, 11, 1))[0].event_date == \
        D(2024, 11, 1)


def test_the_command_line_prints_the_proposals_as_csv(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("Seoul, December 19. The NIS said that =1+1 about 100 North Korean soldiers were killed "
                      "in the Kursk region.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "deploymap", "extract", str(report)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("event_id,event_date") and "Kursk region" in done.stdout and ",killed" in done.stdout
    missing = subprocess.run([sys.executable, "-m", "deploymap", "extract", str(tmp_path / "none.txt")], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "none.txt: file not found" in missing.stderr and "Traceback" not in missing.stderr


def test_the_development_set_meets_its_targets():
    import io

    from bench.extraction.score import TARGETS, score

    figures = score(out=io.StringIO())
    assert figures["recall"] >= TARGETS["recall"] and figures["precision"] >= TARGETS["precision"]
    assert figures["verbatim"] == 1.0 and figures["invented figures"] == 0
