"""Measurement: gold scoring, random audits, and training the stance model."""
