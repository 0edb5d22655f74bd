"""Untrusted text shown through Streamlit's Markdown (notices, place names, file names)."""

from __future__ import annotations

import re

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; these are the ones that
# start links, images, emphasis, code, HTML, and Streamlit's own :directives: and $math$.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'])")


def escape_markdown(text: str) -> str:
    """``text`` rendered literally by st.markdown, st.info, st.warning and friends."""
    flat = " ".join(str(text).split())  # no line breaks: they could start a block
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
