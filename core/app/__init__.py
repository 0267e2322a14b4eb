"""Presentation: the only Streamlit code, Plotly figures and exports (PNG, CSV, briefing)."""
