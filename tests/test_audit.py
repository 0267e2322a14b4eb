"""core.quality.audit: a seeded, reproducible draw from relevant articles only, and honest scoring of a judged sheet."""

from __future__ import annotations

import csv
import io

import pytest

from core.quality import audit
from core.quality.audit import AuditError


@pytest.fixture
def store(db, tmp_path):
    """Articles 1-3 relevant with 10 statements each, article 4 off-topic with 10 statements."""
    for aid in range(1, 5):
        db["articles"].insert(
            {
                "id": aid,
                "title": f"=Bài {aid}",
                "body": "x",
                "origin": f"o{aid}",
                "raw": "x",
                "ingested_at": "2017-01-01",
                "content_hash": f"h{aid}",
                "relevant": int(aid != 4),
            }
        )
        for idx in range(12):
            db["sentences"].insert(
                {
                    "article_id": aid,
                    "idx": idx,
                    "field": "body",
                    "start": 0,
                    "end": 1,
                    "text": f"câu {aid}.{idx}",
                }
            )
    db["entities"].insert({"id": 1, "name": "Sergei Lavrov", "type": "PER", "side": "russia"})
    for sid in range(1, 41):
        aid = (sid - 1) // 10 + 1
        db["statements"].insert(
            {
                "id": sid,
                "article_id": aid,
                "speaker_id": 1,
                "speaker_text": "Ngoại trưởng Lavrov",
                "speaker_side": "russia",
                "verb": "cho biết",
                "text": f"nội dung {sid}",
                "stance": "unsure" if sid == 5 else "conflictual",
                "sentence": sid % 10 + 1,
                "field": "body",
            }
        )
    return tmp_path / "news.db"


def test_draw_is_reproducible_and_only_from_relevant_articles(store):
    a = audit.draw(store, 12, seed=7)
    assert [r["statement_id"] for r in a] == [r["statement_id"] for r in audit.draw(store, 12, seed=7)]
    assert {r["statement_id"] for r in a} != {r["statement_id"] for r in audit.draw(store, 12, seed=8)}
    assert all(r["article_id"] in (1, 2, 3) for r in a)
    everything = audit.draw(store, 100, seed=1)  # more than there are: every relevant statement once
    assert sorted(r["statement_id"] for r in everything) == list(range(1, 31))


def test_sheet_carries_context_and_empty_judge_columns(store, tmp_path):
    rows = audit.draw(store, 3, seed=3)
    out = tmp_path / "sheet.csv"
    assert audit.main(["--db", str(store), "--sample", "3", "--seed", "3", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: a spreadsheet shows Vietnamese correctly
    sheet = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [int(r["statement_id"]) for r in sheet] == [r["statement_id"] for r in rows]
    first, row = sheet[0], rows[0]
    n = row["statement_id"]
    assert first["speaker"] == "Sergei Lavrov" and first["side"] == "russia" and first["verb"] == "cho biết"
    assert first["span"] == f"nội dung {n}"
    aid, idx = row["article_id"], n % 10 + 1
    assert (first["before"], first["sentence"], first["after"]) == (
        f"câu {aid}.{idx - 1}",
        f"câu {aid}.{idx}",
        f"câu {aid}.{idx + 1}",
    )
    assert first["title"] == f"'=Bài {aid}"  # a title that looks like a formula is made inert
    assert all(first[f] == "" for f in (*audit.JUDGE_FIELDS, "note"))


def test_a_fresh_draw_leaves_out_what_earlier_sheets_judged(store, tmp_path):
    old = tmp_path / "old.csv"
    assert audit.main(["--db", str(store), "--sample", "10", "--seed", "3", "--out", str(old)]) == 0
    judged = {r["statement_id"] for r in audit.draw(store, 10, seed=3)}
    new = tmp_path / "new.csv"
    assert (
        audit.main(
            ["--db", str(store), "--sample", "30", "--seed", "4", "--out", str(new), "--exclude", str(old)]
        )
        == 0
    )
    fresh = {int(r["statement_id"]) for r in csv.DictReader(io.StringIO(new.read_text(encoding="utf-8-sig")))}
    # matched by title and sentence (statement ids differ between stores): none of the judged ten again
    assert fresh and not fresh & judged
    every_other = audit.draw(store, 100, seed=0, exclude=audit.judged_keys([old]))
    assert len(every_other) == 30 - len(judged) and not {r["statement_id"] for r in every_other} & judged
    with pytest.raises(AuditError, match="not found"):
        audit.judged_keys([tmp_path / "missing.csv"])


def _sheet(tmp_path, rows, delimiter=","):
    path = tmp_path / "judged.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(["statement_id", "stance", *audit.JUDGE_FIELDS, "note"])
        w.writerows(rows)
    return path


def test_score_counts_each_field_and_all_right(tmp_path, capsys):
    path = _sheet(
        tmp_path,
        [
            [1, "conflictual", "y", "y", "y", "y", ""],  # all right
            [2, "cooperative", "y", "n", "n", "y", "speaker is the outlet"],
            [3, "neutral", "n", "", "", "", "a caption"],  # not a statement: every field wrong
            [4, "unsure", "yes", "1", "1", "1", ""],  # unsure counts as a wrong stance
            [5, "conflictual", "", "", "", "", ""],  # not judged yet: left out
        ],
        delimiter="\t",
    )
    s = audit.score(audit.read_sheet(path))
    assert (s.judged, s.unjudged, s.unsure) == (4, 1, 1)
    assert s.right == {"real_statement": 3, "speaker_ok": 2, "side_ok": 2, "stance_ok": 2}
    assert s.all_right == 1 and s.precision("real_statement") == 0.75 and s.unsure_share == 0.25
    assert audit.main(["--score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "real statements" in out and "0.750" in out and "all right" in out and "(1/4)" in out


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([[1, "neutral", "maybe", "y", "y", "y", ""]], "real_statement is 'maybe'"),
        ([[1, "neutral", "y", "", "y", "y", ""]], "speaker_ok is empty but real_statement is y"),
        ([[1, "neutral", "", "y", "", "", ""]], "real_statement is empty but other fields are judged"),
        ([[1, "neutral", "", "", "", "", ""]], "no judged row"),
    ],
)
def test_bad_judgements_are_clear_errors(tmp_path, rows, message):
    with pytest.raises(AuditError, match=message):
        audit.score(audit.read_sheet(_sheet(tmp_path, rows)))


def test_bad_sheets_are_clear_errors(tmp_path, capsys):
    with pytest.raises(AuditError, match="sheet not found"):
        audit.read_sheet(tmp_path / "nope.csv")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,speaker\n1,Lavrov\n", encoding="utf-8")
    with pytest.raises(AuditError, match="lacks the column.*real_statement"):
        audit.read_sheet(wrong)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("statement_id,stance\n1,Nga\xe0\n".encode("latin-1"))
    with pytest.raises(AuditError, match="not UTF-8"):
        audit.read_sheet(latin)
    assert audit.main(["--score", str(wrong)]) == 2
    assert "error:" in capsys.readouterr().err


def test_draw_refuses_what_it_cannot_audit(tmp_path, db):
    with pytest.raises(AuditError, match="store not found"):
        audit.draw(tmp_path / "missing.db", 5, seed=1)
    with pytest.raises(AuditError, match="no statements in relevant articles"):
        audit.draw(tmp_path / "news.db", 5, seed=1)
    with pytest.raises(AuditError, match="at least 1"):
        audit.draw(tmp_path / "news.db", 0, seed=1)
