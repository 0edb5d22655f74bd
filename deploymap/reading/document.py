"""A report as it arrives, read into its parts: the article inside a saved page, its own date, its layout,
who issued it, and its paragraphs told apart from headlines, bylines, speaker labels and page furniture.

Layouts seen in real reporting: a wire story or feature (headline, deck, byline, then "SEOUL, Dec. 23,
2024 (Yonhap) —" inside the first paragraph), a briefing transcript (``MR. KIRBY:``, ``Q:``), a liveblog
(timestamped entries, newest first), an agency's channel post (terse lines, ``17.12.2024``), a ministry
statement, a think-tank assessment (Key Takeaways). The report's date comes from a dateline wherever
it stands in the first lines, or from a saved page's own metadata; a year is never taken from today.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from dataclasses import dataclass, field
from typing import ClassVar

from deploymap.errors import EventFileError, Problem
from deploymap.reading.dates import MONTH, MONTH_NAMES, WEEKDAY
from deploymap.reading.sources import SourceTable

HEAD_CHARACTERS = 2_500  # a dateline stands in the first lines of a report
NEWS, TRANSCRIPT, LIVEBLOG, CHANNEL, STATEMENT, ASSESSMENT = "news", "transcript", "liveblog", "channel", "statement", "assessment"
TITLE, META, BODY, ENTRY, SPEAKER_TURN, TAKEAWAY = "title", "meta", "body", "entry", "turn", "takeaway"

_FULL_DATES = [re.compile(p, re.IGNORECASE) for p in (
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b",
    r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b",
    rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b",
    rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{MONTH})\s+(?P<y>\d{{4}})\b",
)]
# "SEOUL, Dec. 23, 2024 (Yonhap) —", "Seoul, December 19. …", "KYIV —", "June 18, 2025 —": a dateline opens a paragraph.
# "Oct. 8–13 — …" is a period that opens a paragraph, no dateline: no digit after the dash.
_DATELINE = re.compile(rf"^\s*(?:(?P<city>[A-Z][\w .'’-]{{1,40}}?),\s+)?(?:(?P<place2>[A-Z][\w .'’-]{{1,30}}?),\s+)?"
                       rf"(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:,\s+(?P<y>\d{{4}}))?\s*(?:\([^)]{{1,40}}\)\s*)?[.:—–-]+(?!\d)\s*")
_PLACE_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]{2,30}(?:,\s+[A-Z][\w .'’-]{2,30})?\s*(?:\([^)]{1,40}\)\s*)?(?:—|–|--|-)\s+")
_ISO_DATELINE = re.compile(r"^\s*(?:date\s+)?(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b\s*", re.IGNORECASE)
_SPEAKER = re.compile(r"^(?P<who>Q|(?:(?:MR|MS|MRS|DR|ADM|GEN|MAJ|LT|COL|SEC|SECRETARY|AMB|SEN|REP)\.?\s+(?:GEN\.?\s+)?)?"
                      r"[A-Z][A-Z.'’ -]{1,40}?)\s*:\s+")
_ENTRY = re.compile(r"^\s*(?P<time>\d{1,2}[:.]\d{2})\s*(?:GMT|UTC|BST|CET|EET|KST|EDT|EST|ET|a\.m\.|p\.m\.)?\s*(?:—|–|-|\|)\s*"
                    r"(?!\d{1,2}\.\d{1,2}\.\d{2,4})")  # "14.12–16.12.2024 — …" is a period, not a time
_BULLET = re.compile(r"^\s*(?:[▪️▫️📌❗⚡️•\-*·►✅🔹🔸⚠️]+\s*)+")


def is_bullet(text: str) -> bool:
    """Whether a line is a bullet point that goes on with the line that leads it (its date, its place); a bullet
    that opens with a date leads the ones after it."""
    bullet = _BULLET.match(text)
    return bool(bullet) and not re.match(r"\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}", text[bullet.end():])
_FURNITURE = re.compile(
    r"^(?:By\s+[A-Z][\w.'’ -]+(?:\s+(?:and|&)\s+[A-Z][\w.'’ -]+)*|Photo\s*:.*|Write\s*:.*|Update\s*:.*|\(END\)|.*@\w+\.\w+|"
    r"(?:#\w+\s*)+|Click here.*|Live updates.*|Transcript|Official website.*|Telegram\b.*|👁.*|.*\bedited$|\(Reporting by.*|"
    r"\(Editing by.*|.*All times (?:GMT|UTC).*|Newest first.*|Share|Advertisement|Read more.*|Related.*|Subscribe.*|"
    r"©.*|Copyright.*|\d{1,2}:\d{2}\s*(?:[AP]\.?M\.?)?\s*(?:EDT|EST|ET|GMT|UTC)?|For immediate release|PRESS RELEASE|"
    r"Key Takeaways:?|Spokesperson's Office.*|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})+"
    r"(?:,?\s+and\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})?)$")


@dataclass
class Block:
    """A paragraph (or a line of a post): its text, where it starts in the report, and what it is."""

    text: str
    start: int
    kind: str = BODY
    speaker: str = ""  # a transcript's speaker label ("MR. KIRBY", "Q")
    question: bool = False


@dataclass
class Document:
    text: str
    blocks: list[Block] = field(default_factory=list)
    layout: str = NEWS
    issuer: str | None = None  # the body whose own channel, statement or assessment this is
    date: dt.date | None = None
    date_cue: str = ""
    date_origin: str = ""  # "the dateline", "the page's date", or "" when the report gives none


def read_document(text: str, table: SourceTable, given: dt.date | None = None, published: dt.date | None = None) -> Document:
    """The report's parts, layout, issuer and date. ``published`` is a saved page's own date; ``given`` the date a
    person gave (used when the report has none, and for the year of a dateline that has no year)."""
    document = Document(text, _blocks(text))
    document.date, document.date_cue, document.date_origin = report_date(text, given, published)
    _classify(document, table)
    return document


def report_date(text: str, given: dt.date | None = None, published: dt.date | None = None) -> tuple[dt.date | None, str, str]:
    """The report's own date and the words that give it: a dateline in the first lines, else a page's date."""
    head = text.lstrip("\ufeff")[:HEAD_CHARACTERS]
    no_year = ""  # a dateline that gave a day but no year, and nothing to take the year from
    for line in head.splitlines():
        stripped = _BULLET.sub("", line).strip()
        iso = _ISO_DATELINE.match(stripped)
        if iso:
            found = _date(iso.group("y"), iso.group("m"), iso.group("d"))
            if found:
                return found, iso.group(0).strip(), "the dateline"
        match = _DATELINE.match(stripped)
        if match and (match.group("y") or match.group("city") or re.search(r"\([^)]+\)\s*[-—–]", match.group(0))):
            # "Dec 17 (Wire) -": a wire's dateline without its city
            month = MONTH_NAMES[match.group("mon").rstrip(".").lower()]
            if match.group("y"):
                found = _date(match.group("y"), month, match.group("d"))
            else:
                # No year: the latest such day on or before the date given; else within a year after the latest
                # dated day the report mentions; never a year from today (a 2024 story read in 2026 is not of 2026).
                hint = _latest_mentioned(text)
                reference = given or published or (hint + dt.timedelta(days=364) if hint and hint.year < 9999 else hint)
                found = _latest(month, int(match.group("d")), reference) if reference else None
                if found is None:
                    no_year = no_year or match.group(0).strip(" —–-:.")
                    continue  # a later line may still give the whole date
            if found:
                return found, match.group(0).strip(" —–-:."), "the dateline"
        for pattern in _FULL_DATES:
            match = pattern.search(stripped)
            if match and _is_date_line(stripped, match):
                month = match.group("m") if "m" in match.groupdict() and match.group("m") else \
                    MONTH_NAMES[match.group("mon").rstrip(".").lower()]
                found = _date(match.group("y"), month, match.group("d"))
                if found:
                    return found, match.group(0), "the dateline"
    if published:
        return published, published.isoformat(), "the page's date"
    if no_year:
        return None, no_year, NO_YEAR
    return given, "", ""


NO_YEAR = "a dateline without a year"


def _latest_mentioned(text: str) -> dt.date | None:
    """The latest full date (with its year) the report mentions anywhere."""
    found = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text[:200_000]):
            month = match.group("m") if "m" in match.groupdict() and match.group("m") else \
                MONTH_NAMES[match.group("mon").rstrip(".").lower()]
            day = _date(match.group("y"), month, match.group("d"))
            if day is not None and day <= dt.date.today():  # a day to come is a forecast, not the report's time
                found.append(day)
    return max(found) if found else None


def _latest(month: int, day: int, reference: dt.date) -> dt.date | None:
    """The latest ``day`` of ``month`` on or before ``reference`` (a 29 February in the last leap year)."""
    for year in range(reference.year, max(reference.year - 8, 0), -1):
        found = _date(year, month, day)
        if found is not None and found <= reference:
            return found
    return None


def _is_date_line(line: str, match: re.Match) -> bool:
    """A full date in a line of the report's head: the line is short, or the date opens it or follows a label."""
    return len(line) <= 120 or match.start() <= 40


def _date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; in a report without blank lines, each line is one."""
    if not re.search(r"\n[ \t]*\n", text):  # one line at a time: no list of every line, blank or not
        return [Block(m.group(), m.start()) for m in re.finditer(r"[^\n]+", text) if not m.group().isspace()]
    blocks: list[Block] = []
    position = 0
    # Runs of lines between empty lines, found by their separators (a regular expression repeating a line per line
    # would hold a frame per line: hundreds of megabytes for a megabyte of short lines).
    for separator in re.finditer(r"\n{2,}|\n?\Z", text):
        chunk, start = text[position:separator.start()], position
        position = separator.end()
        lead = len(chunk) - len(chunk.lstrip("\n"))
        chunk, start = chunk[lead:], start + lead
        heading = _DAY_HEADING.match(chunk)  # a roundup's "MONDAY" over its paragraph is a heading of its own
        if heading and heading.end() < len(chunk):
            blocks.append(Block(chunk[:heading.end()].rstrip("\n"), start))
            blocks.append(Block(chunk[heading.end():], start + heading.end()))
        elif chunk.strip():
            blocks.append(Block(chunk, start))
        if separator.end() >= len(text):
            break
    return blocks


_DAY_HEADING = re.compile(rf"[ \t]*{WEEKDAY}[ \t]*[:.]?[ \t]*\n", re.IGNORECASE)


def is_day_heading(text: str) -> bool:
    """A roundup's heading that is a day and nothing else ("MONDAY", "Tuesday:")."""
    return bool(_DAY_HEADING.fullmatch(text.strip() + "\n"))


_BYLINE = re.compile(r"(?m)^[ \t]*By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*(?:,|\||$|and\b)|"
                     r"\((?:AP|AFP|Reuters|Yonhap|Kyodo|dpa|Bloomberg)\)\s*[—–-]")


def _classify(document: Document, table: SourceTable) -> None:
    """Name each block's kind, and the layout and issuer of the whole."""
    blocks = document.blocks
    speakers = sum(bool(_SPEAKER.match(b.text)) for b in blocks)
    entries = sum(bool(_ENTRY.match(b.text)) for b in blocks)
    head = " ".join(b.text for b in blocks[:4])[:3000]  # the top of the page, however long its first blocks
    if speakers >= 2:
        document.layout = TRANSCRIPT
    elif entries >= 2:
        document.layout = LIVEBLOG
        # An entry's heading line over its text ("19:02 — Umerov: first engagements\nUkraine's defence minister …"):
        # the text is the entry's body.
        split: list[Block] = []
        for block in blocks:
            heading, _, rest = block.text.partition("\n")
            if _ENTRY.match(heading) and rest.strip():
                split += [Block(heading, block.start), Block(rest, block.start + len(heading) + 1)]
            else:
                split.append(block)
        document.blocks = blocks = split
    elif _BYLINE.search(head):
        document.layout = NEWS  # a byline or an agency's credit: a reporter's story, whatever words it holds
    elif re.search(r"\bTelegram\b|@\w+|\bt\.me/", head) \
            or re.search(r"\bchannel\b|\bsubscribers\b", "\n".join(head.split("\n")[:3])[:300]) \
            or sum(bool(_BULLET.match(b.text)) for b in blocks) >= 3 or _dated_log(blocks):
        document.layout = CHANNEL  # a channel's post, or a unit's log of dated lines ("14.12.2024 — Plekhovo. …")
        document.blocks = blocks = [part for block in blocks for part in _post_heading(block)]
    elif re.search(r"Campaign Assessment|Key Takeaways|Institute for the Study of War|\bAnalys[ie]s\b|\bAssessment\b|"
                   r"\bCommentary\b", head, re.IGNORECASE):
        document.layout = ASSESSMENT
    elif re.search(r"\bMINISTRY\b|PRESS RELEASE|(?i:\bpress\s+release\b)|\bPress Service\b|Official website|\bStatement\b|"
                   r"\bIntelligence Update\b|\bDefen[cs]e Intelligence\b|\bGeneral Staff\b|\bCommuniqu[ée]\b|\bOperational update\b|"
                   r"\bpress service\b|\bofficial statement\b", head):
        document.layout = STATEMENT
    letterhead = _letterhead(blocks, table)
    if letterhead and document.layout in (NEWS, STATEMENT):
        document.layout = STATEMENT  # a page headed by the body's name alone is that body's own statement
    if document.layout in (CHANNEL, STATEMENT, ASSESSMENT):
        # The body that issues it speaks: the one its first lines name (an assessment by another institute than
        # ISW is that institute's); a channel the table does not know, by the name on its first line.
        # A channel by the name its first line gives it first: its posts name others ("Zelensky: our soldiers …").
        own = _channel_name(blocks[0].text) if document.layout == CHANNEL and blocks else None
        short = own is not None and len(blocks[0].text.strip().split("\n")[0]) <= 60  # a name, not a headline
        first_line = blocks[0].text.strip().split("\n")[0] if blocks else ""
        document.issuer = letterhead or (short and table.canonical(first_line)) or own or \
            table.canonical(" ".join(b.text for b in blocks[:3]))
    elif document.layout == TRANSCRIPT:  # "MINISTER:" speaks for the body the transcript's heading names
        document.issuer = table.canonical(" ".join(b.text for b in blocks[:3] if not _SPEAKER.match(b.text)))
    body_seen = False
    takeaways = 0  # blocks still to read as Key Takeaways (they repeat the body's claims)
    for block in blocks:
        line = block.text.strip()
        if re.fullmatch(r"Key Takeaways:?", line, re.IGNORECASE):
            block.kind, takeaways = META, 1
            continue
        if takeaways and ("\n" in line or len(line) <= 250):
            block.kind = TAKEAWAY
            takeaways = 1 if "\n" not in line else 0  # one block of lines, or one line a block until a paragraph
            continue
        takeaways = 0
        speaker = _SPEAKER.match(line) if document.layout == TRANSCRIPT else None
        if speaker:
            block.kind, block.speaker = SPEAKER_TURN, speaker.group("who").strip()
            block.question = block.speaker == "Q"
            body_seen = True
            continue
        if document.layout == LIVEBLOG and _ENTRY.match(line):
            block.kind = ENTRY
            continue
        if _FURNITURE.fullmatch(line) or _only_date(line):
            block.kind = META
            continue
        sentence_like = bool(re.search(r"[.!?\"”’)]$", line)) and len(line.split()) >= 8
        if (not body_seen and not sentence_like and not _BULLET.match(line) and len(line.split()) < 40) or (
                "\n" not in line and not re.search(r"[.!?\"”’)]$", line) and len(line.split()) < 14):
            block.kind = TITLE  # a headline, a deck's first line, a channel's name, a subheading
            continue
        body_seen = True
    if document.layout == NEWS:
        _interview(document)
    if document.layout == NEWS:  # a feature's deck and anecdote before its dateline are no claims
        opening = next((i for i, b in enumerate(blocks[:8]) if b.kind == BODY and opens_with_dateline(b.text)
                        and not _timeline_entry(b.text, document.date)), None)
        for block in blocks[:opening or 0]:
            if block.kind == BODY:
                block.kind = TITLE


def _interview(document: Document) -> None:
    """A Q&A: questions as lines of their own ("How many are we talking about?"), each answered by the paragraphs
    under it. The answers are the interviewee's: the unit the introduction names ("commands a battalion of Ukraine's
    95th Separate Air Assault Brigade"), which speaks for them."""
    blocks = [b for b in document.blocks if b.kind == BODY]
    asked = [b for b in blocks if "\n" not in b.text.strip() and b.text.strip().endswith("?") and len(b.text.split()) <= 30]
    if len(asked) < 3:
        return
    first = document.blocks.index(asked[0])
    introduction = " ".join(b.text[:2000] for b in document.blocks[:first][:8])
    # Only an interview that says it is one, with a unit the interviewee serves in ("commands a battalion of …"); an
    # explainer with question subheads is the reporter's, whatever units it names.
    unit = _UNIT.search(introduction) if _INTERVIEW.search(introduction) else None
    serves = unit is not None and (_SERVES.search(introduction[max(0, unit.start() - 80):unit.start()]) or re.search(
        r"\b(?:its|the\s+brigade's|the\s+unit's)\s+(?:press\s+officer|commander|spokes\w+|officer|soldiers?)\b",
        introduction[unit.end():unit.end() + 300], re.IGNORECASE))
    if not serves \
            or re.search(r"\b(?:Russia(?:'s|’s)?|Russian|North Korea(?:'s|’s|n)?|DPRK|KPA)\s+(?:\w+\s+)?$",
                         introduction[max(0, unit.start() - 40):unit.start()]):
        return
    asked_ids = {id(b) for b in asked}  # a set: a long interview's every paragraph is looked up once
    document.issuer = re.sub(r"^(?:the\s+)?", "", unit.group(0)).strip()
    answering = False
    for block in document.blocks[first:]:
        if id(block) in asked_ids:
            block.kind, block.speaker, block.question, answering = SPEAKER_TURN, "Q", True, True
        elif answering and block.kind == BODY:
            block.kind, block.speaker = SPEAKER_TURN, "A"


_INTERVIEW = re.compile(r"\b(?:Q\s?&\s?A|interview(?:ed|s)?|(?:spoke|talked)\s+(?:to|with)|in\s+conversation\s+with)\b",
                        re.IGNORECASE)
_SERVES = re.compile(r"\b(?:commands?|commanding|commander|leads?|heads?|serves?|serving|spokes\w+|chief|officer|fighter|"
                     r"soldier|of)\b[^.]{0,80}$", re.IGNORECASE)
# A unit by its number and name: "95th Separate Air Assault Brigade", "8th Separate Special Operations Regiment".
_UNIT = re.compile(r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){0,5}(?:Brigade|Regiment|Battalion|Division|Corps|Group)\b")


_INSTITUTION = re.compile(r"\b(?:ministry|intelligence|service|staff|office|agency|forces|command|council|department|"
                          r"directorate|institute|cent(?:er|re)|headquarters)\b|@\w+", re.IGNORECASE)


# "Ministry of National Defence of the Republic of Lithuania", "Federal Foreign Office": a body's own name alone.
_BODY_NAME = re.compile(r"(?:(?:Federal|National|State|Royal|Presidential|Joint)\s+)?(?:Ministry|Department|Office|Agency|Directorate|"
                        r"Service|Command|Headquarters|Council|Mission)\s+(?:of|for)\s+[A-Z][\w'’ -]{2,80}")


_DATED_LINE = re.compile(r"[ \t]*\d{1,2}\.\d{1,2}\.\d{4}\b[^\n]{0,12}[—–,:-]")


def _dated_log(blocks: list[Block]) -> bool:
    """A unit's log: most of the first lines start with a numeric date ("14.12.2024 — Plekhovo. …")."""
    lines = [line for block in blocks[:12] for line in block.text[:2000].splitlines() if line.strip()][:40]
    dated = sum(bool(_DATED_LINE.match(line)) for line in lines)
    return dated >= 3 and dated * 2 >= len(lines) - 2


def _channel_name(first: str) -> str | None:
    """The name a channel's first line gives it ("HORNET | UAV group | Kursk direction" → "HORNET"), if it is one."""
    line = first.strip().splitlines()[0][:200] if first.strip() else ""
    part = re.split(r"[|·•—–]", line)[0].strip(" \t:-")
    part = re.sub(r"[^\w\s'’().&-]+", "", part).strip()
    if 2 <= len(part) <= 60 and re.search(r"[A-Za-z]", part) and not re.search(r"\d", part) \
            and not re.search(rf"\b{MONTH}", part) and len(part.split()) <= 6 \
            and not re.search(r"\b(?!of\b|the\b|and\b)[a-z]{3,}\b", part):  # a name, not a post's headline
        return part
    return None


def _letterhead(blocks: list[Block], table: SourceTable) -> str | None:
    """The body a page is headed by: a line of the first two blocks that is nothing but a body's name
    ("DEFENCE INTELLIGENCE OF UKRAINE", "Ministry of Defence 🇬🇧"); the lowest such line names the unit that speaks
    (a directorate under its ministry)."""
    found = None
    for number, block in enumerate(blocks[:2]):
        for position, line in enumerate(block.text.splitlines()):
            words = re.sub(r"[^\w\s'’()-]+", " ", line).split()
            if number == position == 0 and _BODY_NAME.fullmatch(line.strip()) and not table.canonical(line):
                found = line.strip()  # a body the table does not know, by the name its own page gives itself
                continue
            if not 1 <= len(words) <= 8 or re.search(r"[.!?]\s*$", line.strip()) or not _INSTITUTION.search(line):
                continue
            named = table.canonical(" ".join(words))
            if named and sum(len(m.group()) for _, m in _alias_matches(" ".join(words), table)) >= 0.6 * len(" ".join(words)):
                found = named
    return found


def _alias_matches(text: str, table: SourceTable):
    for canonical, pattern in table.entries:
        for match in pattern.finditer(text):
            yield canonical, match


def opens_with_dateline(text: str) -> bool:
    """Whether a paragraph opens with a dateline ("SEOUL, Dec. 23, 2024 (Yonhap) --", "KYIV, Ukraine —")."""
    return any(pattern.match(text) for pattern in (_ISO_DATELINE, _DATELINE, _PLACE_DATELINE))


def _timeline_entry(text: str, report: dt.date | None) -> bool:
    """A paragraph that opens with a bare date other than the report's ("Oct. 18, 2024 — The spy agency says …"): a
    timeline's entry, not the story's dateline (which names its city, or gives the report's own day)."""
    found = _DATELINE.match(text)
    if not found or found.group("city") or found.group("place2") or report is None:
        return False
    day = _date(found.group("y") or report.year, MONTH_NAMES.get(found.group("mon").rstrip(".").lower(), 0), found.group("d"))
    return day is not None and day != report


def _post_heading(block: Block) -> list[Block]:
    """A pasted post's heading lines apart from its text ("————\n09.01.2025 22:47\n⚡️ Kursk direction. …"): the date
    heads the post, as a line of its own would."""
    lines = block.text.split("\n")
    count = 0
    while count < min(len(lines) - 1, 4) and not re.search(r"\w", lines[count]):
        count += 1  # a rule over the post
    # then its date: with a time of day, or under a rule ("————\n09.01.2025 22:47"), not an event's day in the text
    if count < len(lines) - 1 and _date_alone(lines[count]) and (count or re.search(r"\d{1,2}:\d{2}", lines[count])):
        count += 1
    else:
        count = 0
    if not count or not "".join(lines[count:]).strip():
        return [block]
    heading = "\n".join(lines[:count])
    return [Block(heading, block.start), Block("\n".join(lines[count:]), block.start + len(heading) + 1)]


def _date_alone(line: str) -> bool:
    """A line that is a date (and a time) and no words ("09.01.2025 22:47", "Jan 9, 2025"), not "Arrival on 23.10"."""
    words = re.sub(rf"\b{MONTH}\b\.?|\b(?:GMT|UTC|KST|EET|CET|BST|am|pm|a\.m\.|p\.m\.)", "", line, flags=re.IGNORECASE)
    return _only_date(line) and not re.search(r"[^\W\d_]{2,}", words)


def _only_date(line: str) -> bool:
    """A line that is a date and little else ("October 23, 2024", "16.12.2024 09:14", "Dec. 16, 2024")."""
    rest = line
    for pattern in _FULL_DATES:
        rest = pattern.sub("", rest)
    return rest != line and len(re.sub(r"[\W\d_]+", " ", rest).split()) <= 6 and not re.search(r"[.!?]$", line.strip())


def body_text(block: Block) -> tuple[int, str]:
    """A block's text without its speaker label, bullet, entry time or dateline: (offset into the block, text)."""
    text = block.text
    cut = 0
    for pattern in (_SPEAKER, _ENTRY, _BULLET, _ISO_DATELINE, _DATELINE, _PLACE_DATELINE):
        if pattern is _SPEAKER and block.kind != SPEAKER_TURN:
            continue
        match = pattern.match(text, cut)
        if match and match.end() < len(text):
            cut = match.end()
    return cut, text[cut:]


def report_from_bytes(name: str, data: bytes) -> tuple[str, dt.date | None]:
    """An uploaded report as text, and a saved page's own date: UTF-8 ``.txt`` or ``.md`` as it is, ``.html`` as the
    article inside it (trafilatura, offline), or its visible text where no article is found."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EventFileError(name, [Problem(f"is not UTF-8 text: byte {data[exc.start]:#04x} at offset {exc.start}")]) from None
    if name.lower().endswith((".html", ".htm")) or re.match(r"\s*<(?:!doctype\s+html|html)\b", text, re.IGNORECASE):
        return article(text)
    return text, None


def article(markup: str) -> tuple[str, dt.date | None]:
    """The article of a saved page, and its date (from the page's metadata), without menus, cookie notices or footers."""
    import trafilatura

    found = trafilatura.extract(markup, output_format="txt", include_comments=False, include_tables=False,
                                favor_recall=True, deduplicate=False) or ""
    metadata = trafilatura.extract_metadata(markup)
    published = None
    if metadata is not None and metadata.date:
        try:
            published = dt.date.fromisoformat(str(metadata.date)[:10])
        except ValueError:
            published = None
    text = found if len(found) >= 200 else html_text(markup)
    return text, published


class _Text(html.parser.HTMLParser):
    """Collects the visible text of an HTML page (no script, style or head), one block per line."""

    BLOCKS: ClassVar[set[str]] = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
                                  "blockquote"}
    HIDDEN: ClassVar[set[str]] = {"script", "style", "head", "title", "noscript", "template", "nav", "footer", "aside"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The visible text of a page, one block per line (the fallback where no article is found)."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line)
