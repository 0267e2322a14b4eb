"""The Timeline's counts chart: each bar's hover names its period the way a reader writes it, in the
interface language, whatever form the period start comes in."""

from __future__ import annotations

import pandas as pd

from core.app import charts


def _counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2017-05-01", "2017-06-01", "2017-05-01"],
            "side": ["nato", "nato", "russia"],
            "stance": ["conflictual", "conflictual", "neutral"],
            "n": [3, 1, 2],
        }
    )


def test_each_bar_hovers_its_month_in_the_language():
    en = charts.statement_counts(_counts(), "month", "en")
    assert [list(t.customdata) for t in en.data] == [["May 2017", "Jun 2017"], ["May 2017"]]
    vi = charts.statement_counts(_counts(), "month", "vi")
    assert [list(t.customdata) for t in vi.data] == [["05/2017", "06/2017"], ["05/2017"]]


def test_weeks_and_other_forms_of_a_period_start():
    assert charts.period_label("2017-05-01", "week", "en") == "week of 01 May 2017"
    assert charts.period_label("2017-05-01", "week", "vi") == "tuần từ 01/05/2017"
    assert charts.period_label(pd.Timestamp("2017-05-01"), "month", "en") == "May 2017"
    assert charts.period_label("2017-05-01T00:00:00", "month", "vi") == "05/2017"
    # Not a date: shown as it is (escaped), never an error.
    assert charts.period_label("<b>x</b>", "month", "en") == "&lt;b&gt;x&lt;/b&gt;"
