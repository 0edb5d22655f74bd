"""deploymap: the pure logic behind the dashboard (no Streamlit imports here)."""
