"""The "Add a report" page and the review rules: proposals held to their quotes, saved once, with the report."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from deploymap.errors import EventFileError
from deploymap.pages.add_report import date_key
from deploymap.reading.document import html_text
from deploymap.reading.review import check_rows, figure_in, place_in, save_report
from deploymap.store.database import Database, sha256_of

from .conftest import ROOT
from .payloads import MARKDOWN_PAYLOADS, assert_inert

REPORT = ("Seoul, December 19. South Korea's National Intelligence Service said on Thursday that at least 100 North "
          "Korean soldiers had been killed and about 1,000 wounded in the Kursk region.\n"
          "According to the NIS, North Korean troops were also seen in Khabarovsk.\n")

PAGE = """
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from deploymap.pages.add_report import render
from deploymap.view.dataset import open_store
from deploymap.reading.pool import ReaderPool
from geo import Resolver, GeoSettings

@st.cache_resource
def reader():
    return ReaderPool()

database = open_store({url!r})
render(database, reader(), Resolver.from_settings(GeoSettings()), lambda: "tester")
"""


@pytest.fixture
def page(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    at = AppTest.from_string(PAGE.format(root=str(ROOT), url=url), default_timeout=60)
    return at, Database(url)


def test_a_pasted_report_is_proposed_reviewed_and_saved_with_its_text(page):
    at, database = page
    at.run()
    at.text_area(key="report_pasted").set_value(REPORT).run()
    # "Seoul, December 19." gives no year, and the report names none: the page asks, never takes today's year.
    assert "Seoul, December 19" in at.warning[0].value and "gives no year" in at.warning[0].value
    assert at.date_input[0].value is None and at.button[0].disabled  # nothing is read against today's year
    at.date_input[0].set_value(dt.date(2024, 12, 19)).run()
    assert not at.warning and any(c.value.startswith("Dated as given") for c in at.caption)
    at.text_input(key="report_publication").set_value("Yonhap").run()
    at.button[0].click().run()  # propose
    assert not at.exception
    editor = at.dataframe[0].proto  # an empty cell (a row with no figure has no Counts) is blank, not "None"
    assert editor.HasField("placeholder") and editor.placeholder == ""
    proposed = at.session_state["proposals"]
    figures = sorted(zip(proposed["troops"], proposed["counts"], strict=True))
    assert ("100", "killed") in figures and ("1000", "wounded") in figures
    assert set(proposed["location"]) >= {"Kursk region", "Khabarovsk"}
    assert all(q in REPORT for q in proposed["quote"]) and set(proposed["event_date"]) == {"2024-12-19"}
    at.button(key="save_report").click().run()
    assert not at.exception and "events added" in at.success[0].value.replace("\\", "")
    saved = database.snapshot()
    assert len(saved) == 21 + len(proposed) and database.report_text(sha256_of(REPORT)) == REPORT  # the seed and these
    at.button(key="save_report").click().run()  # the same report again: nothing new
    assert "nothing changed" in at.success[0].value.replace("\\", "") and len(database.snapshot()) == len(saved)


def rows(**overrides) -> pd.DataFrame:
    row = {"event_id": "r1", "event_date": "2024-12-19", "event_type": "battles", "status": "reported", "source": "NIS",
           "location": "Kursk region", "troops": "100", "counts": "killed", "summary": "100 killed.",
           "quote": REPORT.splitlines()[0][20:], "report": "r.txt", "wording": "verbatim"}
    row.update(overrides)
    return pd.DataFrame([row])


@pytest.mark.parametrize(("override", "message"), [
    ({"quote": "Soldiers were killed in Kursk."}, "row 1, column 'quote': is not a verbatim part of the report"),
    ({"troops": "150"}, "row 1, column 'troops': is not stated in the quote, got '150'"),
    ({"location": "Belgorod"}, "row 1, column 'location': is not named in the quote, got 'Belgorod'"),
    ({"event_date": "19 Dec"}, "row 1, column 'event_date': is not an ISO date"),
    ({"counts": "maimed"}, "row 1, column 'counts': must be one of"),
])
def test_an_edited_row_the_report_does_not_support_is_refused(override, message):
    with pytest.raises(EventFileError) as info:
        check_rows(rows(**override), "r.txt", REPORT)
    assert message in str(info.value)


def test_a_claim_saved_under_another_id_is_not_saved_twice(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 's.sqlite'}")
    first = save_report(database, "r.txt", REPORT, rows())
    second = save_report(database, "r.txt", REPORT, rows(event_id="r9"))
    assert first.result.added == 1 and second.skipped == 1 and second.report_known
    assert len(database.snapshot()) == 1


@pytest.mark.parametrize(("figure", "quote", "found"), [
    ("1500", "about 1,500 soldiers", True), ("1500", "1 500 soldiers", True), ("12000", "12 thousand troops", True),
    ("2", "two soldiers captured", True), ("150", "about 1,500 soldiers", False), ("100", "1001 nights", False),
])
def test_figure_in(figure, quote, found):
    assert figure_in(figure, quote) is found


@pytest.mark.parametrize(("place", "quote", "found"), [
    ("Kursk region", "in the Kursk region", True), ("Khabarovsk", "seen in khabarovsk", True), ("Kyiv", "in Kiev", False),
])
def test_place_in(place, quote, found):
    assert place_in(place, quote) is found


def test_html_reports_become_their_visible_text():
    markup = ("<html><head><title>t</title><script>alert(1)</script></head><body><h1>Troops</h1>"
              "<p>About 1,500 soldiers &amp; officers moved.</p><style>p{}</style><p>Second.</p></body></html>")
    assert html_text(markup) == "Troops\n\nAbout 1,500 soldiers & officers moved.\n\nSecond."


def test_a_report_beyond_the_size_limit_is_refused_with_a_message(page, monkeypatch):
    import deploymap.reading.pool as reader_pool

    monkeypatch.setattr(reader_pool, "MAX_REPORT_CHARS", 1_000)
    at, _ = page
    at.run()
    at.text_area(key="report_pasted").set_value(REPORT * 20).run()
    assert not at.exception
    assert "characters long" in at.error[0].value and "1,000" in at.error[0].value
    assert not at.button  # nothing to propose from


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_hostile_report_text_and_publication_reach_messages_only_as_text(page, payload):
    at, _ = page
    at.run()
    at.text_area(key="report_pasted").set_value(f"Seoul, December 19, 2024. {payload} — The NIS said 100 troops moved to "
                                                f"{payload}.\n").run()
    at.text_input(key="report_publication").set_value(payload).run()
    at.button[0].click().run()
    assert not at.exception
    if at.button(key="save_report"):
        at.button(key="save_report").click().run()
    assert_inert(at)


WIRE = ("N. Korean troops suffer some 1,100 casualties: JCS\n\nBy Kim Ha-na\n\nSEOUL, Dec. 23, 2024 (Agency) -- North Korean "
        "soldiers have sustained roughly 1,100 casualties in Russia's Kursk region, the Joint Chiefs of Staff said "
        "Monday.\n\nLast Thursday, the spy agency told lawmakers that at least 100 of the North's soldiers had died.\n")


def test_a_wire_story_pasted_on_the_page_is_dated_by_its_dateline(page):
    """A new user pastes a wire story: the date box follows the dateline, every date lands in its year."""
    at, _ = page
    at.run()
    at.text_area(key="report_pasted").set_value(WIRE).run()
    assert at.date_input(key=date_key(dt.date(2024, 12, 23))).value.isoformat() == "2024-12-23"
    assert any("Dated from the dateline" in c.value for c in at.caption)
    at.button[0].click().run()
    proposed = at.session_state["proposals"]
    assert sorted(proposed["event_date"]) == ["2024-12-19", "2024-12-23"]
    assert set(proposed["source"]) == {"JCS (South Korea)", "NIS (South Korea)"}


def test_a_report_without_a_date_asks_for_one(page):
    at, _ = page
    at.run()
    at.text_area(key="report_pasted").set_value("The NIS said 100 North Korean soldiers were killed.\n").run()
    assert "gives no date of its own" in at.warning[0].value


def test_summaries_follow_an_analysts_edits_and_empty_cells_stay_empty():
    from deploymap.reading.review import fill_new_rows, with_summaries

    proposed = pd.DataFrame([rows().iloc[0].to_dict() | {"summary": "NIS: 100 killed (Kursk region), reported."}])
    edited = proposed.copy()
    edited.loc[0, "troops"] = "120"
    added = pd.DataFrame([dict.fromkeys(edited.columns, None) | {"source": "JCS (South Korea)", "quote": "q"}])
    result = with_summaries(fill_new_rows(pd.concat([edited, added], ignore_index=True), "r.txt",
                                          pd.Timestamp("2024-12-19").date()), proposed)
    assert result.loc[0, "summary"] == "NIS: 120 killed (Kursk region), reported."
    assert result.loc[1, "summary"] == "JCS (South Korea): claim, reported." and result.loc[1, "end_date"] == ""
    assert "None" not in result.to_csv()
    rewritten = proposed.assign(troops="130", summary="An analyst's own words.")  # the summary edited too: it stays
    assert with_summaries(rewritten, proposed).loc[0, "summary"] == "An analyst's own words."


def test_a_claim_saved_from_another_report_is_found_by_its_fields_not_its_words(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 's.sqlite'}")
    first = "At least 100 North Korean soldiers have been killed in the Kursk region, the NIS said."
    second = "The NIS says 100 North Korean troops were killed in the Kursk region."
    save_report(database, "a.txt", first, rows(event_id="a1", quote=first))
    again = save_report(database, "b.txt", second, rows(event_id="b1", quote=second))
    assert again.skipped == 1 and len(database.snapshot()) == 1
