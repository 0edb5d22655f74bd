"""Hostile text, and the check that the page showed it as text: shared by every test of what reaches Markdown."""

from __future__ import annotations

import re

# What could turn into a link, an image, HTML, emphasis, a directive or an autolink if it reached Markdown raw.
MARKDOWN_PAYLOADS = (
    "![i](http://evil.example/x.png) [Verify](http://evil.example/login)/2024-10-18-dprk-troops-russia.txt",
    "<img src=x onerror=alert(1)>",
    "**bold** _it_ :red[alarm] $x^2$",
    "www.evil-example.com",
    "spy@evil.example",
    "[x]: http://evil.example/ref",
)

# A link or image that formed, raw HTML, or an address outside a code span.
_UNSAFE = re.compile(r"(?<!\\)!?\[[^\]\n]*(?<!\\)\]\s*\(|(?<!\\)<\s*(?:img|a|script)\b|https?://|www\.|@evil", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


def unsafe_markdown(text: str) -> str | None:
    """The part of ``text`` that Markdown would not show literally, or None when it is all inert."""
    found = _UNSAFE.search(_CODE_SPAN.sub("", text))
    return found.group(0) if found else None


def markdown_shown(at) -> list[str]:
    """Every string an AppTest run sent through Markdown: captions, notices, labels, titles, metrics."""
    texts = []
    for kind in ("caption", "markdown", "info", "warning", "error", "success", "title", "header", "subheader", "toast"):
        texts += [str(element.value) for element in getattr(at, kind, [])]
    texts += [str(metric.label) for metric in at.metric]
    texts += [str(expander.label) for expander in at.expander]
    return texts


def assert_inert(at) -> None:
    for text in markdown_shown(at):
        problem = unsafe_markdown(text)
        assert problem is None, f"{problem!r} reached Markdown raw in {text!r}"
