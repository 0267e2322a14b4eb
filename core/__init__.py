"""Core library of the NATO–Russia news dashboard: everything but page layout lives here."""
