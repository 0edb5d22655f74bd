"""Untrusted text shown through Streamlit's Markdown (notices, place names, file names), and
the small wording helpers every message uses."""

from __future__ import annotations

import re
import unicodedata

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; these are the ones that
# start links, images, emphasis, code, HTML, and Streamlit's own :directives: and $math$.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'])")
# GitHub-flavoured Markdown turns bare URLs, ``www.`` names and e-mail addresses into links
# *after* escapes are resolved, so escaping cannot stop it. Autolinks never cross white space,
# and every form of them contains one of these: such a word is shown as inline code instead,
# which Markdown never links.
_MAY_AUTOLINK = re.compile(r"://|@|www\.|mailto:|xmpp:", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")
MAX_SHOWN = 200


def escape_markdown(text: str, limit: int | None = None) -> str:
    """``text`` rendered literally by st.markdown, st.info, st.warning and friends.

    No link, image, autolink, HTML or directive can form from it; line breaks become spaces.
    With ``limit``, the text is first shortened to about that many characters.
    """
    flat = " ".join(str(text).split())  # no line breaks: they could start a block
    if limit is not None:
        flat = shorten(flat, limit)
    return " ".join(_code_span(word) if _MAY_AUTOLINK.search(word) else _MARKDOWN_SPECIAL.sub(r"\\\1", word)
                    for word in flat.split(" "))


def md(template: str, /, **values: object) -> str:
    """Our own Markdown ``template`` with each ``{name}`` filled by a value shown literally.

    The one place data meets Markdown on the page: every value is escaped (``escape_markdown``), the
    template is ours. Format numbers before passing them (``count=f"{n:,}"``).
    """
    return template.format(**{name: escape_markdown(str(value)) for name, value in values.items()})


def _code_span(word: str) -> str:
    """``word`` as a Markdown code span: its content is literal, whatever backticks it holds."""
    longest = max((len(run) for run in _BACKTICKS.findall(word)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {word} " if word.startswith("`") or word.endswith("`") else word
    return f"{fence}{padded}{fence}"


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# C0 and C1 controls, DEL, and the invisible marks that reorder or hide text on a terminal.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def escape_controls(text: str) -> str:
    """``text`` safe to print on a terminal: each control character written as an escape (``\x1b``, ``\u202e``)."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 place``, ``2 places``, ``1,500 events``: a count with its noun in the right number."""
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"


# Characters an id may not hold: controls, format characters (direction marks, zero-width ones), separators of
# lines and paragraphs, private and unassigned code points, spaces other than the ASCII one, and the fillers that
# show as nothing. An id is typed into links and command lines and read in the table: what cannot be typed or seen
# has no place in it. ``UNSEEN_RE2`` says the same in Arrow's (RE2's) syntax, for a million ids at once.
_UNSEEN_EXTRA = "\u00a0\u1680\u202f\u205f\u3000\u3164\u115f\u1160\uffa0"
UNSEEN_RE2 = (r"[\p{C}\p{Zl}\p{Zp}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}\x{3164}\x{115F}\x{1160}"
              r"\x{FFA0}]")


def addressable(value: str) -> bool:
    """Whether an id can be typed and seen: none of the characters ``UNSEEN_RE2`` names."""
    return not any(unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp")
                   or "\u2000" <= ch <= "\u200a" or ch in _UNSEEN_EXTRA for ch in value)

