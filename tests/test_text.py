"""Untrusted text through Markdown renders literally."""

from __future__ import annotations

import pytest

from deploymap.text import escape_markdown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Khabarovsk", "Khabarovsk"),
        ("![x](http://evil.example/p.png)", "\\!\\[x\\]\\(http\\:\\/\\/evil\\.example\\/p\\.png\\)".replace("\\/", "/")),
        ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
        (":red[alarm] $x^2$", "\\:red\\[alarm\\] \\$x^2\\$"),
        ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>"),
        ("line one\n# heading", "line one \\# heading"),
        ("`code`", "\\`code\\`"),
    ],
)
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped
