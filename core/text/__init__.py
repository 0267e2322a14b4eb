"""Text in: raw files to clean Article objects — normalisation, parsing, the article-only cleaning, dates, sidecar metadata."""
