"""Untrusted text through Markdown renders literally; counts take the right noun."""

from __future__ import annotations

import pytest

from deploymap.text import escape_markdown, plural, shorten


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Khabarovsk", "Khabarovsk"),
        ("![x](http://evil.example/p.png)", "`![x](http://evil.example/p.png)`"),
        ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
        (":red[alarm] $x^2$", "\\:red\\[alarm\\] \\$x^2\\$"),
        ("confirmed: 10,000", "confirmed\\: 10,000"),
        ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>"),
        ("line one\n# heading", "line one \\# heading"),
        ("`code`", "\\`code\\`"),
        ("Vladivostok - verify at https://evil.example/login", "Vladivostok \\- verify at `https://evil.example/login`"),
        ("www.evil-example.com.csv", "`www.evil-example.com.csv`"),
        ("WWW.Evil.example", "`WWW.Evil.example`"),
        ("mail spy@evil.example now", "mail `spy@evil.example` now"),
        ("x`http://y", "``x`http://y``"),
        ("`http://a`", "`` `http://a` ``"),
        ("mailto:me", "`mailto:me`"),
    ],
)
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped


def test_escape_markdown_can_shorten():
    assert escape_markdown("a" * 500, limit=200) == "a" * 199 + "…"


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (0, "place name", "0 place names"), (1, "place name", "1 place name"), (2, "place name", "2 place names"),
    (1500, "event", "1,500 events"), (1, "area", "1 area"), (3, "country", "3 countries"),
])
def test_plural(count, noun, expected):
    forms = {"country": "countries"}
    assert plural(count, noun, forms.get(noun)) == expected


def test_shorten():
    assert shorten("abc", 5) == "abc" and shorten("abcdef", 4) == "abc…"
