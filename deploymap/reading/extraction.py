"""Proposed event rows from a report: one per claim and figure (or per place a claim names), each with its
verbatim sentence as the quote and the words behind every field. Offline and deterministic.

The report is read into its parts (``document``), then sentence by sentence with what the sentences
before it said: who spoke (a "he", "the agency" or a lawmaker relaying a briefing is resolved from
them), when (a sentence that goes on with the same speaker keeps its date), and what about. A sentence
becomes rows when it states a figure of North Korea's forces (``figures``), puts them somewhere
(``places``), or is a named source's statement about them; headlines, Key Takeaways, page furniture,
commentary and what the report "could not independently verify" do not.

The proposals are for a person to review before they are saved: ``python -m deploymap extract`` prints
them, and the "Add a report" page shows them in an editable table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace

import pandas as pd

from deploymap.fields import CATEGORY_COLUMNS, COLUMNS
from deploymap.reading import stance
from deploymap.reading.clauses import SPEAKERS_JOINED, bare_subject, clause_around, clause_speaker, pairs, place_figure_pairs
from deploymap.reading.dates import EVENT, MONTH, WEEKDAY, When, claim_date, expressions
from deploymap.reading.dates import SPEECH as SPOKEN
from deploymap.reading.document import (
    ASSESSMENT,
    BODY,
    CHANNEL,
    ENTRY,
    META,
    SPEAKER_TURN,
    STATEMENT,
    TITLE,
    TRANSCRIPT,
    Block,
    Document,
    body_text,
    is_bullet,
    is_day_heading,
    read_document,
)
from deploymap.reading.figures import DPRK, OTHER_FORCE, Figure, figures
from deploymap.reading.places import Place, Places, places
from deploymap.reading.sentences import Sentence, split_sentences
from deploymap.reading.sources import GENERIC, REPORT, SourceTable, is_lawmaker, speaker
from geo.gazetteer import Gazetteer

HOME = "KP"  # the country whose forces the reader follows (figures.DPRK names them)
EARLIEST_REPORT, LATEST_REPORT = dt.date(1900, 1, 1), dt.date(2199, 12, 31)  # dates relative to these stay valid
# A sentence that goes on about what the one before it said (its speaker and date carry over).
_CONTINUES = re.compile(r"^(?:They|Their|These|Those|Some\s+of\s+them|Most\s+of\s+them|Many\s+of\s+them|It|He|She|"
                        r"The\s+(?:troops|soldiers|units|forces|men|pair|two|three|additional|North\s+Koreans|"
                        r"North\s+Korean\s+(?:troops|soldiers|units|forces))|In\s+addition|Additionally|Also|Moreover|"
                        r"Furthermore|Separately|According\s+to\s+(?:him|her|them))\b")
# A sentence that speaks of the forces the sentences before named ("the capture", "the troops").
_ABOUT_THEM = re.compile(r"\b(?:they|them|their|the\s+reports|(?:the|those|these)\s+(?:troops|soldiers|units|forces|"
                         r"servicemen|personnel|contingent|pair|prisoners|captives|capture|deployment|dispatch|casualties|losses|sappers|deminers|engineers|"
                         r"builders|workers|crews|wounded|dead|additional\s+personnel)|"
                         r"(?:one|each|both|neither|either)\s+(?:of\s+the\s+)?(?:prisoners?|captives?|men|soldiers?))\b",
                         re.IGNORECASE)  # "one prisoner had on him …": one of those the report told of
# A sentence in the present tense tells how things stand when reported, not on the date of the one before.
_PRESENT = re.compile(r"\b(?:are|is|remain|remains|has|have)\b", re.IGNORECASE)  # "has moved": as things stand now
_PAST = re.compile(r"\b(?:was|were|had|did)\b|(?<!\bare\s)(?<!\bis\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bhave\s)"
                   r"(?<!\bhas\s)\b(?:left|sent|went|came|began|took|fought|crossed|arrived|moved|deployed|killed|"
                   r"captured|attacked|transferred|transported|joined|entered|launched)\b", re.IGNORECASE)
# A speaker's own words in quotation marks, with no figure or place: colour, not a row ("'They walked into our fire
# like it was a parade,' he said.").
_OWN_WORDS = re.compile(r"\s*[\"“]")
_NOT_A_CLAIM = re.compile(
    r"\bincorrectly\s+(?:said|stated|reported|gave)|\bCORRECTION\b|\bearlier\s+version\s+of\s+this\b|"
    r"\b(?:last\s+week's|yesterday's|an\s+earlier|a\s+previous|last\s+month's)\s+(?:issue|edition|newsletter|version|story|"
    r"article),?\s+we\s+(?:wrote|said|reported|stated)\b|\bregret\s+the\s+error\b|could\s+not\s+(?:be\s+)?independently\s+verif|not\s+(?:been\s+)?independently\s+verified|has\s+not\s+observed\s+"
    r"(?:confirmation|evidence)|cannot\s+(?:independently\s+)?confirm|\bI(?:'m|\s+am)\s+not\s+going\s+to\b|\bI\s+won't\b|"
    r"\bwe\s+don't\s+know\b|\bno\s+information\b|\bcondemn|\burges?\b|\bcalled\s+(?:on|for)\b|\bI'd\s+refer\b|"
    r"\bspeculate\b|\ban\s+update\s+on\b|\bif\b|\bmarks?\s+a\s+(?:new|significant|major)|\bhighly\s+concerning\b|\bthat's\s+just\b|\bI\s+can't\s+tell\b|"
    r"\bwould\s+tell\s+you\b|\bwe'll\s+have\s+more\b|\bstill\s+unclear\b|\bremains\s+unclear\b|\bI'll\s+leave\b|"
    r"\blet\s+me\b|\bI\s+know\b|\bhere\s+to\s+talk\b|\btake\s+(?:a\s+few\s+|your\s+|some\s+)?questions\b|\bthe\s+floor\b|"
    r"\bgood\s+(?:afternoon|morning|evening)\b|\bwelcome\s+to\b|^\W*(?:If|Should|Were|Unless)\b|"
    r"^\s*[\[(]\s*(?:Photo|Picture|Image|Video|Caption)\b[^\])]{0,40}[\])]|^\W*(?:Photo|Picture|Image|Video|Caption)\s*[:|]|"
    r"^\W*(?:Watch|What\s+to\s+watch|Questions?|Unknowns?)\s*:|"
    r"^(?:It|This|That)\s+(?:was|is|would\s+be|marks)\b|\bsignals?\s+a\s+(?:major|new)\b",
    re.IGNORECASE)
# A line that starts an item of its own: a bullet or a date ("▪️ 22.12.2024: 3 DPRK soldiers were wounded").
_ITEM = re.compile(r"\s*(?:[^\w\s\"“'(]{1,3}\s*|\d{1,2}[./]\d{1,2}\b)")
# Signals that a sentence goes on about the forces named before, where it names no other force ("Troops sent earlier
# are now kept in reserve", "a small number are already in the Kursk region", "the combat units are still there").
_ABOUT_THEM_TOO = re.compile(r"^\W*(?:Troops|Soldiers|Units)\b|\ba\s+(?:small|large|significant|considerable|sizeable)\s+"
                             r"number\b|\b(?:the|those|these)\s+(?:combat|returning|remaining|surviving|wounded|new|fresh|"
                             r"first|second|third)\s+(?:troops|soldiers|units|forces)\b|"
                             r"\b(?:a|another)\s+(?:further|new|second|third|fresh|larger|additional)?\s*(?:deployment|dispatch|"
                             r"wave|rotation|contingent)\b", re.IGNORECASE)  # "a further deployment could take place"
_RESERVES = re.compile(r"\breserves\b|\b(?:its|their)\s+own\b", re.IGNORECASE)
_IN_COUNTRY = re.compile(r"\bin\s+(?:Russia|Ukraine|North\s+Korea)\b(?!['’]s)")
# A count of all of them, or since a day: no line's place is its place ("In total, the enemy lost 30 …")
_WIDE = r"all|total|overall|across|whole|entire|every"  # words that widen the view beyond one place
_WIDER_COUNT = re.compile(rf"\b(?:{_WIDE}|since|altogether|in\s+all)\b", re.IGNORECASE)
# "They have lost about 200 soldiers in that assault": the present perfect of the event the sentence before dated
_BACK_REFERENCE = re.compile(r"\b(?:that|those|the\s+same)\s+(?:assault|attack|battle|fighting|operation|offensive|"
                             r"engagement|clash|day|days|battles|assaults|attacks|clashes)\b", re.IGNORECASE)
# A sentence that opens with a person, by title and name, who does something other than speak ("Capt. Serhiy Lytvyn,
# who …, commands a drone company"; "Kim Min-jun has spent a year at the front").
_PERSON = re.compile(r"\W{0,3}(?:(?:Capt|Col|Gen|Lt|Maj|Sgt|Cpl|Pvt|Dr|Mr|Ms|Mrs|Sen|Rep)\.?\s+)?"
                     r"(?P<name>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2})"
                     r"(?=,|\s+(?:is|was|commands|commanded|leads|led|heads|headed|has|had|serves|served|spent|spends)\b)")
# What a forecast about the forces tells, where it names no figure or place: that more are sent, or that they fight.
_ON_THE_MOVE = re.compile(r"\b(?:send\w*|sent|dispatch\w*|deploy\w*|join\w*|reinforce\w*|rotat\w*|combat|combat-ready|"
                          r"fight\w*|front|ready|assaults?|use|used|follow|additional|more|take\s+part|participat\w*|"
                          r"integrat\w*|enter\s+(?:the\s+)?(?:war|combat|fighting|battle)|battle|withdraw\w*|training|trained|offensive|counteroffensive|thrown)\b",
                          re.IGNORECASE)
_NOT_A_PERSON = re.compile(rf"\b(?:On|In|At|Late|Early|Last|This|Next|The|By|For|From|After|Before|Since|During|Meanwhile|"
                           rf"South|North|Korea|Russia|Ukraine|United|{WEEKDAY}|{MONTH})\b")
_COMMENT_TAIL = re.compile(r"\b(?:said|says|added|noted|wrote)\s*,\s+(?:a|an|which|one|the\s+kind)\b(?![^.;]*\bthat\b)")
_LETTERS = re.compile(r"[^\W\d_]{2,}")  # a word left on a line beside its date: no post's own date line
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*(?:GMT|UTC|EET|KST|CET|[AaPp]\.?[Mm]\.?))?")
_WORD = re.compile(r"\w")  # searched between positions: no copy of a long block for each of its sentences
_LEAD = re.compile(r"\W*(?:the\s+)?", re.IGNORECASE)  # before a sentence's subject ("Kyiv's forces still hold …")
_UNNAMED_PLACE = re.compile(r"\b(?:another|a\s+different|other|a\s+neighbou?ring|the\s+next)\s+(?:\w+\s+)?(?:areas?|sectors?|"
                            r"locations?|directions?)\b|"
                            r"\b(?:a|an|another|one|two|three|four|five|fourth|fifth|other)\s+(?:\w+\s+)?(?:villages?|towns?|"
                            r"settlements?|hamlets?)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\?\s*$")
_WIDER = re.compile(rf"\b(?:{_WIDE}|general)\b", re.IGNORECASE)  # a line leading bullets: "General losses:" too
_CARRY = 400  # how far back (characters) a place named before may carry into a bullet, a line or an answer
_GOES_ON = re.compile(r"^(?:In\s+addition|Additionally|Also|Moreover|Furthermore|Besides)\b")
_QUOTE_END = re.compile(r"[.!?,…][\"”]\s*$")
# A sentence without a figure that says someone said nothing, or asks: no claim ("He did not say how many soldiers
# were involved", "Pyongyang's state media have said nothing", "He asked whether Moscow still denied it").
_SILENT = re.compile(
    r"\b(?:did\s+not|didn't|would\s+not|wouldn't|declined\s+to|refused\s+to|could\s+not)\s+(?:(?:intend|plan|want)\s+to\s+)?(?:say|publish|release|mention|specify|give|"
    r"disclose|elaborate|comment|provide|confirm\s+or\s+deny|put\s+a\s+number)\b|\bsaid\s+nothing\b|\bnothing\s+to\s+add\b|"
    r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?commented\b|\bno\s+comment\b|\bbrushed\s+off\s+questions\b|"
    r"\b(?:asked|asking|ask|unclear|unknown|uncertain|wonder\w*|question\s+of|not\s+known)\b[^.;]{0,60}\bwhether\b",
    re.IGNORECASE)
_QUALIFIED = re.compile(r"[,;]|\b(?:but|and|although|though|while|yet)\b", re.IGNORECASE)


def _silent(text: str) -> bool:
    """Whether the sentence only says that someone said nothing, or asks: "He did not say how many", not "Budanov
    confirmed that they had entered combat but did not say where" (a claim that a silence qualifies)."""
    found = _SILENT.search(text)
    return bool(found) and not (not found.group(0).lower().startswith(("ask", "unclear", "unknown", "uncertain", "wonder",
                                                                       "question", "not known"))
                                and not re.search(r"\s(?:intend|plan|want)\s", found.group(0))  # a refusal to tell
                                and _QUALIFIED.search(text, 0, found.start()))


# Weapons, munitions, ships and money shipped or paid, with no people in the sentence: not the forces themselves.
_MATERIEL = re.compile(
    r"\b(?:shells?|munitions?|ammunition|containers?|launchers?|self-propelled|howitzers?|artillery\s+(?:pieces|systems|guns)|"
    r"missiles?|dollars?|warships?|landing\s+ships?|vessels?|aircraft|An-\d+|air-defen[cs]e|electronic-warfare|know-how|"
    r"vehicles?|buggies|trucks?|(?<!think\s)tanks?|BTR\S*|BMP\S*|personnel\s+carriers?)\b|\$",
    re.IGNORECASE)
_PEOPLE_WORDS = (r"troops|soldiers|servicemen|personnel(?!\s+carriers)|units|forces|infantry|men|fighters|contingent|brigades?|officers|"
                 r"engineers|advis[eo]rs|operators|gunners|specialists|generals|instructors|sappers|deminers|builders|"
                 r"workers|pilots|commanders|regiments?|battalions?|prisoners?|captives?|casualties|dead|wounded|crews?")
_PEOPLE = re.compile(rf"\b(?:{_PEOPLE_WORDS}|they|them|their)\b", re.IGNORECASE)
_LAWMAKER_BRIEFERS = ("NIS (South Korea)",)  # whose briefings lawmakers relay


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed row: the fields of an event, and the words that gave each."""

    event_date: dt.date
    end_date: dt.date | None
    event_type: str
    status: str
    source: str
    place: Place | None
    figure: Figure | None
    quote: str
    report: str
    cue: dict[str, str] = field(default_factory=dict)
    reported: dt.date | None = None  # the report's date

    @property
    def summary(self) -> str:
        """One line in our words, built from the fields (never copied from the report)."""
        what = f"{self.figure.value:,} {self.figure.counts}" if self.figure else self.event_type
        where = f" ({self.place.name})" if self.place and self.place.precision != "country" else ""
        return f"{self.source or REPORT}: {what}{where}, {self.status}."


@dataclass
class _Context:
    """What the sentences read so far said: who spoke, when, and of whom."""

    source: str = ""  # the last sentence's speaker
    speaker: str = ""  # the speaker the last sentence named itself ("" when it named none)
    kind: str = ""  # what kind of event the last sentence told of
    mentions: list[str] = field(default_factory=list)  # every body named so far, in order (for "he", "the agency")
    event: tuple[dt.date, dt.date | None, str] | None = None  # the last sentence's own date, for the next to go on with
    spoken: dict[str, tuple[dt.date, str]] = field(default_factory=dict)  # when each source spoke, as the text says
    about_dprk: bool = False
    people: dict[str, str] = field(default_factory=dict)  # a surname → the source its bearer speaks for
    briefers: list[str] = field(default_factory=list)  # bodies whose briefings the report names, in order
    question_places: list[Place] = field(default_factory=list)
    lead_places: list[Place] = field(default_factory=list)  # a channel line's places, for the bullets under it
    bullet_places: list[Place] = field(default_factory=list)  # the last bullet's places, for a bullet going on with it
    bullet_at: int = 0
    korean: bool = False  # a report from Seoul: "the spy agency" is South Korea's
    post: tuple[dt.date, dt.date | None, str] | None = None  # a channel post's date, or the period its heading reports
    line: int = -1  # where the line of the sentence being read starts
    same_line: bool = False  # the sentence goes on the line of the one before (a channel's bullet of two sentences)
    line_places: list[Place] = field(default_factory=list)  # the places the line named so far
    lead_at: int = 0  # where the sentences that named lead_places, line_places and question_places start
    line_at: int = 0
    question_at: int = 0
    named: list[str] = field(default_factory=list)  # every body the whole report names (for "the agency" in a lede)
    _first: dict[bool, list[str]] = field(default_factory=dict)
    last_day: dt.date | None = None  # the last day a sentence named, of any kind ("the same day" after "said Monday")
    named_dprk: bool = False  # the sentence before named the North's forces
    block_bullet: bool = False  # the block being read is a bullet
    block_word: int = 0  # where its first word stands
    post_day: dt.date | None = None  # the date of the channel post being read (a paste may hold several)
    entry: When | None = None  # the date a timeline's entry opens with ("Oct. 18, 2024 — The spy agency says …")
    person: tuple[str, int] | None = None  # a person a sentence opened with, and how many bodies were named by then
    asked: bool = False  # the sentence before asked about the North's forces
    opener: str = ""  # the body the sentence before opened with ("Ukraine's General Staff has pushed back …")

    def first_named(self, spies: bool, fits) -> list[str]:
        """The first agency the whole report names (worked out once per kind: a report of a million "the agency
        said" asks it as often)."""
        if spies not in self._first:
            self._first[spies] = [name for name in self.named if fits(name)][:1]
        return self._first[spies]

    def new_topic(self, keep_subject: bool = False) -> None:
        """A liveblog entry (or a channel's next line): nothing carries over but who is who (and, on a channel,
        whose forces its lines are about)."""
        self.source, self.event, self.question_places, self.last_day = "", None, [], None
        self.about_dprk = self.about_dprk and keep_subject


def extract(text: str, report: str, gazetteer: Gazetteer, report_date: dt.date | None = None,
            table: SourceTable | None = None, published: dt.date | None = None) -> list[Proposal]:
    """The proposals of one report. ``report_date`` is used where the report gives no date of its own;
    ``published`` is a saved page's own date."""
    table = table or SourceTable.shipped()
    document = read_document(text, table, report_date, published)
    if document.date is None:
        raise ValueError("the report has no dateline; give its date")
    if not EARLIEST_REPORT <= document.date <= LATEST_REPORT:
        raise ValueError(f"the report's date must be between {EARLIEST_REPORT} and {LATEST_REPORT}, got {document.date}")
    known = Places(gazetteer)
    named = [name for _, name in table.all_in(text)]
    context = _Context(briefers=[name for name in named if name in _LAWMAKER_BRIEFERS], named=named,
                       korean=_from_seoul(text))
    region = _main_region(text, known)
    proposals: list[Proposal] = []
    turn_speaker = ""
    line = scanned = 0
    for block in document.blocks:
        if block.kind == SPEAKER_TURN:
            turn_speaker = block.speaker
        elif block.kind == ENTRY or (document.layout == CHANNEL and not is_bullet(block.text)):
            context.new_topic(keep_subject=document.layout == CHANNEL)  # a bullet goes on with the line above it
            # A line that leads bullets ("Results of three days of fighting:") goes on with the place above it,
            # unless it widens the view ("Total losses across all sectors since November:").
            lead = block.text.strip().split("\n")[0].rstrip()
            if not lead.endswith(":") or _WIDER.search(lead):
                context.lead_places = []
        if (document.layout == CHANNEL and block.kind in (TITLE, META)) or (
                block.kind in (TITLE, META) and is_day_heading(block.text)):
            _heading_dates(block, document, known, region, context)  # a roundup's "MONDAY" dates what follows
        if block.kind not in (BODY, SPEAKER_TURN):
            continue
        offset, body = body_text(block)
        context.entry = _entry_date(block.text[:offset], document.date)
        # once a block: whether it is a bullet, and where its first word stands (its first sentence is the bullet's)
        context.block_bullet = is_bullet(block.text)
        first_word = _WORD.search(document.text, block.start, block.start + len(block.text))
        context.block_word = first_word.start() if first_word else block.start
        for sentence in split_sentences(body):
            piece = Sentence(block.start + offset + sentence.start, block.start + offset + sentence.end, sentence.text)
            # where its line starts: looked for only back to the sentence before (one long line stays linear)
            newline = text.rfind("\n", scanned, piece.start)
            line, scanned = (newline + 1 if newline >= 0 else line), piece.start
            context.same_line, context.line = line == context.line, line
            proposals += _read_sentence(piece, document, block, turn_speaker, table, known, region, context, report)
    return _without_superseded(proposals)


def _without_superseded(proposals: list[Proposal]) -> list[Proposal]:
    """Without a row of a place alone that the next row tells again with its figure, quoting the same sentence and the
    one after it ("… an attack near Novoivanovka. The SSO say at least 14 were killed in the strike"): one claim."""
    kept: list[Proposal] = []
    for row, after in zip(proposals, [*proposals[1:], None][:len(proposals)], strict=True):
        if after is not None and row.figure is None and after.figure is not None and row.place is not None \
                and after.place is not None and row.place.name == after.place.name and row.source == after.source \
                and len(after.quote) > len(row.quote) and after.quote.startswith(row.quote):
            continue
        kept.append(row)
    return kept


def _read_sentence(sentence: Sentence, document: Document, block: Block, turn_speaker: str, table: SourceTable,
                   known: Places, region: Place | None, context: _Context, report: str) -> list[Proposal]:
    # A paste of a channel's posts: each post's lines are read against the post's own date (its "yesterday", its
    # "14-15 December"), the rows dated as of that post.
    text, report_date = sentence.text, (context.post_day if document.layout == CHANNEL and context.post_day else document.date)
    times = expressions(text, report_date, context.event[0] if context.event else context.last_day)
    spans = [(w.position, w.position + len(w.cue)) for w in times]
    rejected: list[str] = []
    another = bool(OTHER_FORCE.search(text))  # the sentence names another force somewhere
    found_figures = figures(text, spans, rejected, theirs=context.about_dprk and context.named_dprk
                            and not another and not _RESERVES.search(text))
    mentioned = table.all_in(text)  # once a sentence: the bodies' pattern is the costliest read of it
    source, source_cue, written, explicit = _source(text, document, block, turn_speaker, table, context, mentioned)
    if written and found_figures and (at := text.find(written)) >= 0:
        # "according to Hrytsenko and two other soldiers interviewed for this story": who speaks, not a count
        found_figures = [f for f in found_figures if not at <= f.start < at + len(written)]
    found_places = places(text, known, region)
    # A place in the North is where the forces set out from, not where the report puts them ("taken on board near
    # Chongjin"): the rows map them abroad.
    named = [p for p in found_places if p.precision != "country" and p.country != HOME
             and not (written and p.name in written)]
    # "their number in Russia", "near a fourth village": a place of its own, if no named one; nothing to carry to it
    own_place = bool(_IN_COUNTRY.search(text) or _UNNAMED_PLACE.search(text)) or any(p.country == HOME for p in found_places)
    dprk = bool(DPRK.search(text))
    continues = bool(_CONTINUES.match(text))
    # A channel's post goes on about the forces its lines named, line by line, until a line turns to another force's
    # (a line of its own: a clause, not a dated heading or a list of vehicles hit).
    led = OTHER_FORCE.match(text, _LEAD.match(text).end())  # "Kyiv's forces still hold …": led by another force
    led_by_other = bool(led) and not (written and led.group(0) in written)  # not the force that speaks
    line_of_its_own = document.layout == CHANNEL and len(_LETTERS.findall(text)) >= 5 \
        and not (_MATERIEL.search(text) and not _PEOPLE.search(text))
    goes_on = continues or bool(_ABOUT_THEM.search(text)) or context.asked or (
        not another and (bool(_ABOUT_THEM_TOO.search(text)) or line_of_its_own))
    about_dprk = dprk or (context.about_dprk and not led_by_other and goes_on)
    # an explainer's answer goes on about whom its question asked of ("Where have they been fighting?" "Almost entirely …")
    context.asked = bool(_QUESTION.search(text)) and (bool(_ABOUT_THEM.search(text)) or (dprk and bool(_PEOPLE.search(text))))
    context.named_dprk = dprk or (bool(found_figures) and about_dprk)  # named them, or counted them ("8,000 of them")
    previous_event, context.event = context.event, None
    previous_speaker, context.speaker = context.speaker, source if explicit else ""
    kind, kind_cue = stance.event_type(text)
    previous_kind, context.kind = context.kind, kind
    context.mentions += [name for _, name in mentioned]
    context.opener = mentioned[0][1] if mentioned and mentioned[0][0] <= 20 else ""
    person = _PERSON.match(text)  # "Capt. Serhiy Lytvyn, who goes by the call sign Lis, commands a company": "he" after
    if person and not mentioned and not any(p.name.split()[0] in person.group("name") for p in found_places) \
            and not _NOT_A_PERSON.search(person.group("name")):
        relays = is_lawmaker(text) and context.briefers and context.korean  # "Lee …, a lawmaker on the committee"
        context.person = (context.briefers[0] if relays else person.group("name"), len(context.mentions))
    inherited = None  # where the sentence that named the places stands, when they come from one before
    if block.question:
        context.question_places, context.question_at = named, sentence.start
    # a bullet's first sentence (its marker already cut from the text read), or a line that is one
    bullet = is_bullet(text) or (context.block_bullet and sentence.start <= context.block_word)
    if named and not bullet and (dprk or not another):
        context.lead_places, context.lead_at = named, sentence.start
    elif not named and found_figures and context.lead_places and not own_place and not _WIDER_COUNT.search(text) and not (
            bullet and context.bullet_places and context.bullet_at > context.lead_at) and (
            bullet or (document.layout == CHANNEL and not _ITEM.match(document.text, context.line))):
        named, inherited = context.lead_places, context.lead_at  # "21.12.2024 — near Ulanok: …" then "▫️ 5 DPRK
        # servicemen were eliminated."
    elif not named and found_figures and bullet and context.bullet_places and not own_place \
            and not _WIDER_COUNT.search(text) and not any(w.role == EVENT for w in times):
        # a bullet of no date of its own goes on with the one before: "🔹 On 14 and 15 December, units … suffered losses
        # near Plekhovo." then "🔹 At least 30 KPA servicemen were killed or wounded."
        named, inherited = context.bullet_places, context.bullet_at
    elif not named and found_figures and not own_place and context.lead_places and _STRIKE_BACK.search(text) \
            and not any(w.role == EVENT and w.days > 1 for w in times):
        # "… an attack on a North Korean unit near Novoivanovka. The SSO say at least 14 were killed in the strike.": the
        # strike is where the sentence before put it
        named, inherited = context.lead_places, context.lead_at
    if bullet and inherited is None:  # a bullet leads the next only in a channel and only when it names the North's forces
        context.bullet_places, context.bullet_at = (named, sentence.start) if named and dprk and document.layout == CHANNEL \
            else ([], 0)
    if not context.same_line:
        context.line_places = []
    if not named and found_figures and context.same_line and context.line_places and document.layout == CHANNEL:
        named, inherited = context.line_places, context.line_at  # "▪️ 21.12.2024, near Kremyanoe: a dugout was hit.
        # 6 KIA confirmed."
    if named:
        context.line_places, context.line_at = named, sentence.start if inherited is None else inherited
    skip = bool(_NOT_A_CLAIM.search(text) or (_QUESTION.search(text) and not explicit)
                or (not found_figures and rejected and not (dprk and named))
                or (not found_figures and ((not named and _silent(text))
                                           or (_MATERIEL.search(text) and not _PEOPLE.search(text)))))
    if not named and found_figures and block.kind == SPEAKER_TURN and not block.question and context.question_places:
        named, inherited = context.question_places, context.question_at  # an answer's figure is about the place the
        # question asked of
    quote = text
    if inherited is not None:
        # A place from a sentence before: the quote runs from that sentence to this one, so that it names the place
        # it supports (verbatim, as the report has them); too far back, and the place is not carried.
        near = 0 < sentence.end - inherited <= _CARRY  # measured before any copy: a bullet far below copies nothing
        # only the first place: the others have their rows from the sentence that named them
        quote, named = (document.text[inherited:sentence.end], named[:1]) if near else (text, [])
    tail = _COMMENT_TAIL.search(text)  # "…, the officials said, a rate the force could not sustain": a comment after
    status, status_cue = stance.status(text[:tail.start()] if tail else text)
    when = _past(claim_date(text, report_date, found=_main_clause(text, times)), report_date, text, status)
    # "the same day" is a day the sentences before named: not a month, a forecast's horizon or a period's start
    days = [w.start for w in times if w.days == 1 and w.role in (EVENT, SPOKEN)
            and EARLIEST_REPORT <= w.start <= LATEST_REPORT]
    context.last_day = days[-1] if days else context.last_day
    if explicit:  # a turn's speaker who mentions a package "announced last week" speaks today, not last week
        _remember_speech(times, source, context)
    # The forces a paragraph is about stay its subject, until a sentence turns to another's figures.
    context.about_dprk = about_dprk or found_figures != [] or (context.about_dprk and "another force" not in rejected)
    if explicit or source != REPORT:
        context.source = source
    own_date = when is not None and when.role != SPOKEN
    if own_date and ((when.end or when.start) <= report_date or status == "expected"):
        context.event = (when.start, when.end, when.cue)
    if previous_event is not None and previous_event[0] > report_date and status != "expected":
        previous_event = None  # a forecast's date is no date for what has happened
    # The end of a speaker's quoted words ("… the grandsons of my cousins.\"") is colour too, forecast or not.
    colour = (bool(_OWN_WORDS.match(text)) and status == "reported") or (not explicit and bool(_QUOTE_END.search(text)))
    if not found_figures and not named and status == "expected" and not _ON_THE_MOVE.search(text):
        return []  # a vague forecast: "the JCS will continue to monitor", "it could raise the threat"
    if skip or not (found_figures or (named and about_dprk) or (about_dprk and source != REPORT and not colour
                  and _asserts(text, kind, status) and (explicit or _GOES_ON.match(text) or (source_cue.startswith("(the issuer") and dprk)
                       or not source_cue.startswith(("(the sentence before", "(the issuer"))))):
        return []
    if own_date:
        start, end, date_cue = when.start, when.end, when.cue
    elif context.entry is not None:  # a timeline's entry: its date dates what it tells, whoever spoke
        start, end, date_cue = context.entry.start, context.entry.end, f"(the entry's date: {context.entry.cue})"
    elif previous_event is not None and (not explicit or (source == previous_speaker
                                                          and (context.kind == previous_kind or _THERE.search(text))
                                                          and (_short(previous_event) or _GOES_ON_WITH.search(text)))) \
            and not (_PRESENT.search(text) and not _PAST.search(text) and status != "expected"
                     and not _BACK_REFERENCE.search(text)):
        # The same account goes on: "The NIS said it confirmed transports from October 8 to 13. According to the NIS,
        # about 1,500 soldiers were transported …" (a forecast goes on only into another forecast).
        (start, end, _), date_cue = previous_event, "(the date of the sentence before)"
        context.event = previous_event
    elif when is not None:
        start, end, date_cue = when.start, when.end, when.cue
    elif source in context.spoken:
        (start, spoken_cue), end = context.spoken[source], None
        date_cue = f"(when {source} spoke: {spoken_cue})"
    elif context.post is not None:
        start, end, date_cue = context.post
    else:
        start, end, date_cue = report_date, None, "(the report's date)"
    rows: list[Proposal] = []
    groups = pairs(text, named, found_figures)
    for clause_places, clause_figures, clause in groups:
        dated, said_by = (start, end, date_cue), (source or REPORT, source_cue)
        whole = clause == (0, len(text) + 1)
        if not whole:  # a clause of its own: its own speaker, if it names one ("…, while the JCS said …")
            said_by, own_voice = clause_speaker(text[clause[0]:clause[1]], table, said_by)
        else:
            own_voice = False
        own_times = [w for w in times if clause[0] <= w.position < clause[1]]
        if not whole and own_voice and own_times and when is not None and not clause[0] <= when.position < clause[1] \
                and clause_speaker(clause_around(text, when.position), table, said_by)[0][0] != said_by[0]:
            found = claim_date(text, report_date, found=own_times)  # "…, while the JCS said on Thursday that …"
            dated = (found.start, found.end, found.cue) if found else dated
        elif own_date and not whole:
            undated = ((context.spoken[source][0], None, f"(when {source} spoke)") if source in context.spoken
                       else context.post or (report_date, None, "(the report's date)"))
            dated = _clause_date(text, times, clause, when, report_date, status, undated) or dated
        said, said_cue = (status, status_cue) if whole or tail else _clause_status(text, clause, groups)
        for place, figure in place_figure_pairs(text, clause_places, clause_figures):
            rows.append(Proposal(
                event_date=dated[0], end_date=dated[1], event_type=kind, status=said, source=said_by[0],
                place=place, figure=figure, quote=quote, report=report, reported=report_date,
                cue={"date": dated[2], "source": said_by[1], "status": said_cue, "type": kind_cue,
                     "place": place.cue if place else "", "figure": figure.cue if figure else ""}))
    if len(rows) == 1 and rows[0].figure is None and rows[0].place is None and SPEAKERS_JOINED.search(text):
        rows = _other_speakers(rows[0], text, table) or rows
    return rows


def _clause_status(text: str, clause: tuple[int, int], groups: list) -> tuple[str, str]:
    """A clause's status: its own words', else the sentence's up to it (a denial or a confirmation in the attribution
    holds for every clause: "denied that 300 had died, and that 1,000 were wounded"); a forecast in another figure's
    clause is that clause's ("is preparing to send a further 6,000, and that around 1,000 are already there")."""
    own = stance.status(text[clause[0]:clause[1]])
    if own[0] != "reported":
        return own
    found = stance.status(text[:clause[1]])
    at = text.find(found[1]) if found[0] == "expected" and found[1] else -1
    if at >= 0 and any(low <= at < high and (low, high) != clause and figures_ for _, figures_, (low, high) in groups):
        return own
    return found


def _other_speakers(row: Proposal, text: str, table: SourceTable) -> list[Proposal]:
    """A statement of two bodies joined in one sentence, each its own row ("North Korea's state media have dismissed the
    reports as groundless, and the Kremlin has never confirmed that North Korean soldiers are on Russian soil"): the
    rows that replace the sentence's one, or none."""
    rows: list[Proposal] = []
    for piece in SPEAKERS_JOINED.split(text):
        found = speaker(piece, table) or bare_subject(piece, table)
        if found is None or found.name not in table.names or found.name in {r.source for r in rows}:
            continue
        status, status_cue = stance.status(piece)
        rows.append(replace(row, source=found.name, status=status,
                            cue={**row.cue, "source": found.cue, "status": status_cue}))
    return rows if len(rows) > 1 else []


_STRIKE_BACK = re.compile(r"\b(?:in|during|by)\s+(?:the|that|this)\s+(?:strike|attack|assault|raid|ambush|firefight|clash|"
                          r"shelling|bombardment)\b", re.IGNORECASE)
# "The SSO said the troops there were wearing Russian uniforms": the place and time the sentence before told of
_THERE = re.compile(r"\b(?:the|those|these)\s+(?:troops|soldiers|units|forces|men|North\s+Koreans)\s+there\b", re.IGNORECASE)
_GOES_ON_WITH = re.compile(r"\b(?:another|further|also|more|of\s+them|the\s+soldiers|the\s+troops)\b", re.IGNORECASE)


def _short(event: tuple[dt.date, dt.date | None, str]) -> bool:
    """A day or a few (not a month): what a speaker's next sentence of the same kind goes on with ("The NIS said
    transports ran from October 8 to 13. According to the NIS, about 1,500 soldiers were transported"; not "The NIS
    put the dead at 300 in January. Soldiers who died were cremated, the agency said")."""
    return event[1] is None or (event[1] - event[0]).days <= 14


def _clause_date(text: str, times: list[When], clause: tuple[int, int], when: When, report_date: dt.date, status: str,
                 undated: tuple[dt.date, dt.date | None, str]) -> tuple[dt.date, dt.date | None, str] | None:
    """A clause's own date, where the sentence's date stands in another clause (``undated``: what the sentence would be
    dated by without one): "the JCS said on Thursday that 4,000
    had been killed, and that 3,000 more were sent in January" (Thursday for the 4,000, January for the 3,000). A
    clause's date of speech only yields to a date of the events that comes after it ("On Dec. 14, 300 were killed;
    2,700 were wounded, the NIS said Monday": the 14th for both)."""
    low, high = clause
    if low <= when.position < high:
        return None
    own = [w for w in times if low <= w.position < high]
    if not any(w.role == EVENT for w in own) and when.position < low:
        return None
    if not own and when.position >= high and re.match(r"\W*(?:they|it|this|these|those)\b", text[high:], re.IGNORECASE):
        return None  # "… have engaged in combat; they began fighting last week": the next clause dates this one
    # no time of its own: the day the sentence says it was said, else the undated sentence's ("It put the wounded at
    # 4,100, and said half had been flown home between January and March": not January for the 4,100)
    said = [w for w in times if w.role == SPOKEN]
    found = _past(claim_date(text, report_date, found=own or said), report_date, text, status) if own or said else None
    return (found.start, found.end, found.cue) if found else undated


def _main_clause(text: str, times: list[When]) -> list[When]:
    """The times outside a closing clause about something else ("…in Russia's Kursk region, where Moscow is pushing back
    Ukrainian troops that crossed the border in August": August dates the incursion, not the claim)."""
    clause = _CLOSING_CLAUSE.search(text)
    if clause is None or DPRK.search(text, clause.start()) or _ABOUT_THEM.search(text, clause.start()) \
            or _PEOPLE_LAST.search(text, 0, clause.start()):
        return times  # "…1,500 more troops, which arrived in Vladivostok on October 23": the clause is about them
    return [w for w in times if w.position < clause.start()]


_CLOSING_CLAUSE = re.compile(r",\s+(?:where|which|whose)\b|,\s+(?:the|a)\s+(?:[\w-]+\s+){0,3}?(?:area|region|town|village|"
                             r"territory|pocket|salient)\s+(?:that|which|where)\b|"  # ", the border area that Ukraine seized in August"
                             r",\s+the\s+(?:first|second|third|last)\s+(?:in|of|on|during|between)\b")  # ", the first in October and …"
# Only the words for the forces themselves, not a unit's name ("the 810th Naval Infantry Brigade, which also lost …").
_PEOPLE_LAST = re.compile(r"\b(?:troops|soldiers|servicemen|personnel|units|forces|contingent|men|fighters|infantry)\s*$",
                          re.IGNORECASE)


def _past(when: When | None, report_date: dt.date, text: str, status: str) -> When | None:
    """A month or day named without a year that would fall after the report, in a sentence that tells of no future,
    is last year's ("Oct. 8–13 — ships carried 1,500 troops" in a July story; "called them fake in October")."""
    if when is None or when.start <= report_date or status == "expected" or stance.tells_of_future(text) \
            or re.search(r"\d{4}", when.cue) \
            or not re.search(MONTH, when.cue, re.IGNORECASE) or when.start.year <= EARLIEST_REPORT.year:
        return when

    def back(day: dt.date) -> dt.date:
        return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)

    return replace(when, start=back(when.start), end=back(when.end) if when.end else None)


def _entry_date(prefix: str, report_date: dt.date) -> When | None:
    """The date a paragraph opens with when nothing but a date stands before its text (a timeline's "Oct. 18, 2024 —"),
    not a dateline, which names its city ("SEOUL, Oct. 18 —")."""
    times = expressions(prefix, report_date) if prefix.strip() else []
    if len(times) != 1 or times[0].start > report_date:
        return None
    rest = prefix.replace(times[0].cue, "", 1)
    return times[0] if not re.search(r"[^\W\d_]", rest) else None


def _heading_dates(block: Block, document: Document, known: Places, region: Place | None, context: _Context) -> None:
    """A channel's post date ("17.12.2024 · 09:41") or heading ("⚡️ Kursk direction, 20.12.2024–22.12.2024"), or a
    roundup's day heading ("MONDAY"), dates the lines under it that give no date of their own; a heading's places
    lead its bullets."""
    text = block.text.strip()
    # a post's own date line may be later than the first post's (a paste of several); any other heading's date may not
    times = expressions(text, document.date)
    post_line = document.layout == CHANNEL and len(times) == 1 and not _LETTERS.search(_CLOCK.sub("", text.replace(times[0].cue, "")))
    limit = document.date + dt.timedelta(days=366) if post_line else document.date
    times = [w for w in times if w.start <= limit]
    if times and limit > document.date:
        context.post_day = times[0].start
    if times:
        first, last = times[0], times[-1]
        ranged = len(times) > 1 and re.search(r"[–—-]", text[text.find(first.cue) + len(first.cue):text.find(last.cue)])
        end = last.start if ranged else first.end
        context.post = (first.start, end if end != first.start else None, f"(the post's heading: {text[:60]})")
        context.bullet_places = []  # a new post's bullets start afresh
        context.event = None  # and its lines do not go on with the date of the post before
        context.last_day = first.start
    if block.kind == TITLE:
        context.lead_places = [p for p in places(text, known, region) if p.precision != "country"]
        context.lead_at = block.start + (len(block.text) - len(block.text.lstrip()))


def _remember_speech(times: list, source: str, context: _Context) -> None:
    """When a source spoke, if the sentence says ("said on Thursday"): its later sentences without a date keep the
    latest such date (a report that recalls an earlier briefing still speaks of the newest one)."""
    for when in times:  # a day or a week, not a month: "earlier this month the department announced" dates no more
        if when.role == SPOKEN and when.days <= 7 and source and (
                source not in context.spoken or context.spoken[source][0] <= when.start):
            context.spoken[source] = (when.start, when.cue)


def _source(text: str, document: Document, block: Block, turn_speaker: str, table: SourceTable,
            context: _Context, mentioned: list[tuple[int, str]]) -> tuple[str, str, str, bool]:
    """Who makes the sentence's claim, the words that say so (in brackets when inferred), the name as written, and
    whether the sentence itself names a speaker."""
    found = speaker(text, table)
    if found is not None:
        surname = found.written.split()[-1] if found.written else ""
        if found.written.lower() in ("we", "our", "us"):  # an assessment's or a statement's own voice
            name = document.issuer or REPORT
            return name, found.cue, found.written, True
        if found.name == REPORT:  # several governments at once: the publication sums up
            return REPORT, found.cue, found.written, True
        if found.name != GENERIC:
            name = found.name if found.name in table.names else context.people.get(surname, found.name)
            for lawmaker in re.finditer(r"\bRep\.\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})", text):
                _remember(lawmaker.group(1), name, context)  # "Rep. Lee …, citing the NIS": Lee speaks for the NIS after
        elif is_lawmaker(found.written) and context.briefers and context.korean:
            name = context.briefers[0]  # lawmakers in Seoul relay the briefing they had
        elif surname in context.people:
            name = context.people[surname]
        elif re.search(r"\bforeign\s+minist", found.written, re.IGNORECASE):
            # "the foreign ministry": a foreign ministry named before, else as written (never the defence ministry)
            name = _antecedent(found.written, context) or re.sub(r"^(?:the|a|an)\s+", "", found.written, flags=re.I).capitalize()
        else:
            # "Officials speaking to Yonhap said": unnamed officials are nobody named before
            unnamed = re.fullmatch(r"(?:officials|sources|an?\s+official|an?\s+source)", found.written, re.IGNORECASE) \
                and not re.match(r"(?i)the\s", found.cue)  # "the officials said": those named before
            before = [name for at, name in mentioned if at < found.position]  # "after a briefing by the NIS, Rep. Lee
            # said, citing the agency": a body the sentence named before its "the agency" comes first
            possessive = re.search(r"['’]s\b", found.written)  # "the ministry's spokesman", none named before: unknown
            name = REPORT if unnamed else _antecedent(found.written, context, before) or (
                REPORT if possessive else context.source or document.issuer or REPORT)
        lawmaker = is_lawmaker(found.written) or is_lawmaker(text[:found.position])  # "Lee, an MP on the committee, said"
        if lawmaker and context.briefers and context.korean and name not in table.names:
            name = context.briefers[0]
        _remember(found.written, name, context)
        return name, found.cue, found.written, True
    in_turn = block.kind == SPEAKER_TURN or document.layout == TRANSCRIPT
    if in_turn and turn_speaker and turn_speaker != "Q":
        name = table.canonical(turn_speaker.title()) or document.issuer or turn_speaker.title()
        return name, f"({turn_speaker}:)", "", False
    if document.layout in (CHANNEL, STATEMENT, ASSESSMENT) and document.issuer:
        return document.issuer, "(the issuer's own words)", "", False
    if _CONTINUES.match(text) and context.source:
        return context.source, "(the sentence before's source)", "", False
    # "The latest NIS figures are three times the agency's December estimate of 100 killed": a body named as the
    # owner of the figures, and the only body the sentence names, is who gives them.
    named = {name for _, name in mentioned} - _ACTORS
    owner = _FIGURES_OF.search(text) if len(named) == 1 else None
    if owner and table.canonical(owner.group(1)) in named:
        return named.pop(), "(the one body the sentence names, as the figures' owner)", "", False
    return REPORT, "(the report's own words)", "", False


_FIGURES_OF = re.compile(r"\b((?:[A-Z][\w.’'()-]*\s+){1,5}?)(?:(?:[a-z]+|\d{1,2})\s+){0,2}?(?:figures?|estimates?|assessments?|data|"
                         r"count|tally|numbers?|toll)\b")
# Leaders and governments the story is about: named in a sentence they are what it tells of, not who tells it.
_ACTORS = frozenset({"KCNA (North Korea)", "Kremlin (Russia)", "President of Ukraine", "White House (United States)"})


_AGENCIES = ("NIS (South Korea)", "DIU (Ukraine)", "SBU (Ukraine)", "Center for Countering Disinformation (Ukraine)",
             "KCNA (North Korea)")


_NOT_SPIES = ("SBU (Ukraine)", "Center for Countering Disinformation (Ukraine)", "KCNA (North Korea)")


def _antecedent(written: str, context: _Context, before: list[str] = ()) -> str | None:
    """Whom "he", "the agency" or "the ministry" means: the latest body of that kind the report named (``before``: the
    bodies the sentence itself names ahead of it)."""
    word = written.lower()
    mentions = [*context.mentions, *before]
    if re.search(r"\b(?:agency|service|intelligence)\b", word):
        spies = bool(re.search(r"\b(?:spy|intelligence)\b", word))  # no security service or news agency
        def fits(name: str) -> bool:
            return (name in _AGENCIES or "Intelligence" in name) and not (spies and name in _NOT_SPIES)

        # The latest such body named before; in a Seoul story, its spy agency; else the first named further on.
        latest = next((name for name in reversed(mentions) if fits(name)), None)
        named = [latest] if latest else []
        if context.korean and "spy" in word:
            named = ["NIS (South Korea)"]  # "the spy agency" in a story from Seoul: South Korea's, whoever came before
        wanted = named or (["NIS (South Korea)"] if context.korean and spies else []) or \
            context.first_named(spies, fits)
    elif re.search(r"\b(?:ministry|minister)\b", word):
        kind = "Foreign" if "foreign" in word else "Defen" if re.search(r"defen[cs]e", word) else "Ministry"
        latest = next((name for name in reversed(mentions) if "Ministry" in name and kind in name), None)
        wanted = [latest] if latest else []
    elif word == "it" and (context.speaker or context.opener):
        wanted = [context.speaker or context.opener]  # "Ukraine's General Staff has pushed back. … it said": that body
    elif re.fullmatch(r"he|she", word):  # the person the sentence before named as its speaker, else the last body
        # (or a person a sentence opened with, when no body was named since)
        person = [context.person[0]] if context.person and context.person[1] == len(context.mentions) else []
        wanted = [context.speaker] if context.speaker else person or context.mentions
    else:
        return None
    return wanted[-1] if wanted else None


def _remember(written: str, name: str, context: _Context) -> None:
    for word in re.findall(r"\b[A-Z][a-z][\w'-]+\b", written):
        context.people.setdefault(word, name)


# Kinds a sentence takes from words that do not tell of the forces themselves (a meeting, a treaty, a plain statement).
_COMMENT_KINDS = ("statement", "treaty", "meeting")
# Facts about the forces that name no kind of event: who of them does something, what they fly or carry, what they
# were ordered or thanked for.
_FACT = re.compile(r"\b(?:officers|servicemen|personnel|infantry|drones?|ID\s+cards?|IDs?|identity\s+(?:cards?|papers|documents)|"
                   r"uniforms?|capture|involvement|thanked|thanks|"
                   r"ordered|walk|walked|companies|integrated|embedded|subordinated|command)\b",
                   re.IGNORECASE)


def _asserts(text: str, kind: str, status: str) -> bool:
    """A statement of fact about the forces, long enough to be one (not a fragment or a greeting): it tells of
    something they do, suffer, carry or are (a kind of event), or confirms or denies them; a sentence of a speaker's
    that tells none of these is comment ("Kim Jong Un has shown he's willing to keep feeding this")."""
    return (len(text.split()) >= 7 and not text.rstrip().endswith("?")
            and (kind not in _COMMENT_KINDS or status in ("confirmed", "denied") or bool(_FACT.search(text))))


def _from_seoul(text: str) -> bool:
    """A story from Seoul (its dateline, its agency, a headline on South Korea or led by the NIS): "the spy agency"
    is South Korea's and its lawmakers relay their briefings; a story that only mentions Seoul is not one."""
    head = text[:600]
    return bool(re.search(r"\bSEOUL\b|(?m:^\W*Seoul\b)|\bYonhap\b|\bKBS\b|^\W*NIS\b", head)
                or re.search(r"\bSouth Korea", head.split("\n", 1)[0]))


def _main_region(text: str, known: Places) -> Place | None:
    """The region the report names most (a village's coordinates when the gazetteer lacks it)."""
    counts: dict[str, tuple[int, Place]] = {}
    for place in known.regions_in(text):
        seen, _ = counts.get(place.name, (0, place))
        counts[place.name] = (seen + 1, place)
    return max(counts.values(), key=lambda item: item[0])[1] if counts else None


def proposals_frame(proposals: list[Proposal], report: str) -> pd.DataFrame:
    """The proposals as rows in the project's schema (text cells, as a CSV holds them), plus their cues."""
    rows = []
    for number, p in enumerate(proposals, start=1):
        digest = hashlib.sha256(f"{p.quote}|{p.place.name if p.place else ''}|{p.figure}".encode()).hexdigest()[:8]
        country = p.place and p.place.precision == "country"
        rows.append(dict.fromkeys(COLUMNS, "") | {
            "event_id": f"{report.rsplit('.', 1)[0][:40]}-{number:03d}-{digest}",
            "event_date": p.event_date.isoformat(), "end_date": p.end_date.isoformat() if p.end_date else "",
            "reported_date": p.reported.isoformat() if p.reported else "",
            "event_type": p.event_type, "status": p.status, "source": p.source,
            "location": "" if not p.place or country else p.place.name, "country": p.place.country if p.place else "",
            "latitude": "" if not p.place or p.place.latitude is None else f"{p.place.latitude:.5f}",
            "longitude": "" if not p.place or p.place.longitude is None else f"{p.place.longitude:.5f}",
            "geo_precision": p.place.precision if p.place else "",
            "troops": str(p.figure.value) if p.figure else "", "counts": p.figure.counts if p.figure else "",
            "summary": p.summary, "quote": p.quote, "report": report, "wording": "verbatim",
            "provenance": "; ".join(f"{k}: {v}" for k, v in p.cue.items() if v),
        })
    columns = list(COLUMNS)
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({c: "str" for c in columns if c not in CATEGORY_COLUMNS})
