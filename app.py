"""deploymap: troop deployments from reports, on a map beside a filterable event table.

The entry point: the page's settings, the sign-in gate, and the navigation between the pages
(``deploymap/pages/``). The logic lives in ``deploymap/`` and ``geo/``, which import no Streamlit
outside ``deploymap/pages/``.
"""

from __future__ import annotations

import streamlit as st

from deploymap.memory import share_heaps
from deploymap.pages.common import guarded
from deploymap.pages.dashboard import add_report_page, changes_page, main
from deploymap.pages.signin import gate, may, signed_in_panel

st.set_page_config(page_title="deploymap", page_icon="🗺️", layout="wide")
share_heaps()

gate()  # nothing of the data is drawn before this lets the person through
signed_in_panel()
# The dashboard is the default page: its links (?source=…) keep working at the site's root. A page a role
# may not use is not offered (and its actions are refused by the server all the same).
pages = [st.Page(guarded(main), title="Dashboard", icon=":material/map:", default=True)]
if may("add report"):
    pages.append(st.Page(guarded(add_report_page), title="Add a report", icon=":material/post_add:",
                         url_path="add-report"))
pages.append(st.Page(guarded(changes_page), title="Changes", icon=":material/history:", url_path="changes"))
st.navigation(pages).run()
