"""Schema steps after m013, in the order they run. core/store/migrations.py (the registry and m001-m013) reached
the line limit; it imports this module at its end, so these steps are registered after its own.

The same rules hold: a released step is frozen (tests/test_migrations.py holds its fingerprint), holds its SQL
written out literally and calls no live helper; a schema change is a new step at the end of this file.
"""

from __future__ import annotations

import sqlite_utils

from core.store.migrations import migration


@migration
def m014_failure_codes(db: sqlite_utils.Database) -> None:
    """failures.code and failures.params (a JSON object): why an input failed, as a code of data/labels.yaml
    failure.* and its parameters, so the Ingest page shows it in the reader's language; `reason` keeps the
    English sentence (the terminal's). Rows stored before: a reason without parameters gets its code (the
    texts below are the exact words earlier versions stored); any other keeps its text only."""
    for sql in (
        "ALTER TABLE failures ADD COLUMN code TEXT",
        "ALTER TABLE failures ADD COLUMN params TEXT",
        """UPDATE failures SET code = CASE reason
             WHEN 'no title' THEN 'no_title'
             WHEN 'no article text after cleaning' THEN 'no_text'
             WHEN 'empty file' THEN 'empty_file'
             WHEN 'UTF-32 text is not supported; re-save the file as UTF-8 (or UTF-16 with BOM)' THEN 'utf32'
             WHEN 'binary file (NUL bytes), not text; expected UTF-8 or UTF-16 with BOM' THEN 'binary_file'
             WHEN 'HTML page without extractable article text' THEN 'html_no_text'
             WHEN 'invalid UTF-16; rest of file skipped' THEN 'bad_utf16_rest'
             WHEN 'invalid JSON: nested too deeply' THEN 'json_too_deep'
             WHEN 'invalid JSON: a number with more than 4,300 digits' THEN 'json_long_number'
             WHEN 'empty file: no JSON lines' THEN 'empty_jsonl'
             WHEN 'unbalanced quote: the quoted field opened here is never closed; row skipped'
               THEN 'csv_unbalanced_quote'
             WHEN 'empty CSV file' THEN 'csv_empty'
             WHEN 'CSV has a header but no rows' THEN 'csv_no_rows'
             WHEN 'symbolic link to a path outside the input folder; refused (name the target to ingest it)'
               THEN 'link_outside'
           END""",
        "UPDATE failures SET params = '{}' WHERE code IS NOT NULL",
    ):
        db.execute(sql)
