"""The Streamlit pages: widgets and layout only; the logic lives in the other packages."""
