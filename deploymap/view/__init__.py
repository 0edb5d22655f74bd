"""What the page shows: filters, URL state, map, headline, timeline and exports (no Streamlit here)."""
