"""CSV downloads of long tables (the timeline's thousands of points) are made on click, not on every render;
the file is the same as one made at once, stamped with the time it was taken."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from core.app import export, outputs


def _points(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(n),
            "date": ["2017-05-01"] * n,
            "side": ["nato", "russia"] * (n // 2) + ["nato"] * (n % 2),
            "text": [f"=câu {i}" for i in range(n)],
        }
    )


PROV = export.Provenance.of(
    "Statements, in relevant articles", None, "http://127.0.0.1:8501/timeline", "vi", dt.datetime(2020, 1, 1)
)


def test_a_short_table_is_its_bytes_at_once():
    data = outputs.csv_data(_points(10), "vi", PROV)
    assert isinstance(data, bytes)
    table = export.read_csv(data)
    assert len(table) == 10 and {"phía", "phía (mã)"} <= set(table.columns)  # headers in the language


def test_a_long_table_is_made_on_click_with_every_row():
    n = outputs.EAGER_CSV_ROWS + 1
    data = outputs.csv_data(_points(n), "vi", PROV)
    assert callable(data)
    made = data()
    table = export.read_csv(made)
    assert len(table) == n
    # Same rows and columns as a CSV made at once; formula-like text neutralised all the same.
    assert table.equals(export.read_csv(export.csv_bytes(_tables_vi(_points(n)), PROV)))
    assert table.iloc[0].astype(str).str.startswith("'=").any()
    # Stamped when taken, not with the render's time.
    assert b"2020-01-01" not in made.split(b"\n\n")[0]


def _tables_vi(df: pd.DataFrame) -> pd.DataFrame:
    from core.app import tables

    return tables.localise(df, "vi", codes=True)
