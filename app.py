"""deploymap: troop deployments from reports, on a map beside a filterable event table.

The entry point: the page's settings and the navigation between the pages (``deploymap/pages/``).
The logic lives in ``deploymap/`` and ``geo/``, which import no Streamlit outside ``deploymap/pages/``.
"""

from __future__ import annotations

import streamlit as st

from deploymap.memory import share_heaps
from deploymap.pages.common import guarded
from deploymap.pages.dashboard import add_report_page, main

st.set_page_config(page_title="deploymap", page_icon="🗺️", layout="wide")
share_heaps()

# The dashboard is the default page: its links (?source=…) keep working at the site's root.
navigation = st.navigation([st.Page(guarded(main), title="Dashboard", icon=":material/map:", default=True),
                            st.Page(guarded(add_report_page), title="Add a report", icon=":material/post_add:",
                                    url_path="add-report")])
navigation.run()
