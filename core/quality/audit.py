"""`python -m core.quality.audit`: a seeded random audit of the statements in a store, judged by reading.

    python -m core.quality.audit --db DB --sample N --seed S [--out SHEET] [--exclude OLD...]   draw, write a sheet
    python -m core.quality.audit --score SHEET                               precision of each judged field

Why: the gold set measures what annotators chose to annotate; an audit measures what the pipeline actually put
in the store, drawn at random so nobody can pick the easy rows. Only statements of relevant articles
(`articles.relevant = 1`) are drawn: those are the ones the timeline shows. The draw is
`random.Random(seed).sample(statement ids in id order, N)`, so the same store and seed give the same sheet.

The sheet is CSV (UTF-8 with a BOM, so a spreadsheet shows Vietnamese correctly; formula-like text made
inert). A judge fills `real_statement`, `speaker_ok`, `side_ok`, `stance_ok` with y or n (also yes/no, 1/0,
true/false, c/k for có/không) and may write a `note`. Scoring reads CSV, TSV or semicolon-separated sheets:

- a row with `real_statement` empty is not judged and is left out (reported);
- when `real_statement` is n the other fields may stay empty and count as wrong: a non-statement has no right
  speaker, side or stance; when it is y every other field must be filled;
- a statement whose stored stance is `unsure` counts as a wrong stance whatever the judge wrote, and the
  unsure share is reported beside it;
- all right = real statement, speaker, side and stance all right.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from core.app.export import neutralise_cell
from core.store.connection import read_only

JUDGE_FIELDS = ("real_statement", "speaker_ok", "side_ok", "stance_ok")
SHEET_COLUMNS = (
    "statement_id",
    "article_id",
    "title",
    "before",
    "sentence",
    "after",
    "speaker",
    "speaker_text",
    "side",
    "verb",
    "span",
    "stance",
    "stance_prob",
    *JUDGE_FIELDS,
    "note",
)
YES = frozenset({"y", "yes", "1", "true", "c", "có", "đ", "đúng", "x"})
NO = frozenset({"n", "no", "0", "false", "k", "không", "s", "sai"})
UNSURE = "unsure"


class AuditError(ValueError):
    """A store or a sheet the audit cannot use; the message says which and why."""


@dataclass(frozen=True)
class Score:
    """Judged rows and, per field, how many were right; stance counts unsure rows as wrong."""

    judged: int
    unjudged: int
    right: dict[str, int]
    all_right: int
    unsure: int

    def precision(self, name: str) -> float:
        return self.right[name] / self.judged if self.judged else 0.0

    @property
    def all_right_share(self) -> float:
        return self.all_right / self.judged if self.judged else 0.0

    @property
    def unsure_share(self) -> float:
        return self.unsure / self.judged if self.judged else 0.0


def _columns(conn, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def uncell(value: str) -> str:
    """Undo the sheet's formula guard (a leading quote before =, +, -, @): the text as extraction saw it."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


def judged_keys(paths: Sequence[str | Path]) -> set[tuple[str, str]]:
    """(title, sentence) of every row of earlier sheets: statement ids differ between stores, the text does not."""
    keys = set()
    for p in paths:
        if not Path(p).is_file():
            raise AuditError(f"sheet to exclude not found: {p}")
        rows = list(csv.DictReader(io.StringIO(Path(p).read_text(encoding="utf-8-sig"))))
        if rows and not {"title", "sentence"} <= set(rows[0]):
            raise AuditError(f"{p} has no title and sentence columns: cannot tell which statements it judged")
        keys.update((uncell(r["title"]).strip(), uncell(r["sentence"]).strip()) for r in rows)
    return keys


def draw(db: str | Path, n: int, seed: int, exclude: set[tuple[str, str]] | None = None) -> list[dict]:
    """N statements of relevant articles drawn at random with `seed`, each with its sentence and neighbours.
    A statement whose article title and sentence are in `exclude` (rows of sheets judged before, which rules
    may have been tuned on) is never drawn, so a fresh audit is fresh."""
    if n < 1:
        raise AuditError(f"--sample must be at least 1, not {n}")
    path = Path(db)
    if not path.is_file():
        raise AuditError(f"store not found: {db}")
    with closing(read_only(path)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"statements", "articles", "sentences", "entities"} <= tables:
            raise AuditError(f"{db} is not a news store (no statements/articles/sentences/entities tables)")
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT s.id, a.title, t.text FROM statements s JOIN articles a ON a.id = s.article_id "
                "LEFT JOIN sentences t ON t.article_id = s.article_id AND t.idx = s.sentence "
                "WHERE a.relevant = 1 ORDER BY s.id"
            )
            if not exclude or ((r[1] or "").strip(), (r[2] or "").strip()) not in exclude
        ]
        if not ids:
            raise AuditError(f"{db} has no statements in relevant articles: nothing to audit")
        chosen = random.Random(seed).sample(ids, min(n, len(ids)))
        prob = "s.stance_prob" if "stance_prob" in _columns(conn, "statements") else "NULL"
        rows = []
        for sid in chosen:
            row = conn.execute(
                f"""SELECT s.id AS statement_id, s.article_id, a.title, s.sentence, e.name AS speaker,
                           s.speaker_text, s.speaker_side AS side, s.verb, s.text AS span, s.stance,
                           {prob} AS stance_prob
                    FROM statements s JOIN articles a ON a.id = s.article_id
                    LEFT JOIN entities e ON e.id = s.speaker_id
                    WHERE s.id = ?""",
                (sid,),
            ).fetchone()
            sents = {
                r["idx"]: r["text"]
                for r in conn.execute(
                    "SELECT idx, text FROM sentences WHERE article_id = ? AND idx BETWEEN ? AND ?",
                    (row["article_id"], (row["sentence"] or 0) - 1, (row["sentence"] or 0) + 1),
                )
            }
            out = dict(row)
            idx = out.pop("sentence")
            idx = -2 if idx is None else idx  # no sentence recorded: no context rather than a wrong one
            out |= {
                "before": sents.get(idx - 1, ""),
                "sentence": sents.get(idx, ""),
                "after": sents.get(idx + 1, ""),
            }
            rows.append(out)
    return rows


def sheet_text(rows: Sequence[dict]) -> str:
    """The judging sheet as CSV text: the columns of SHEET_COLUMNS, judge columns empty."""
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(SHEET_COLUMNS)
    for row in rows:
        writer.writerow(
            ["" if row.get(c) is None else neutralise_cell(row.get(c, "")) for c in SHEET_COLUMNS]
        )
    return buf.getvalue()


def _verdict(value: str, field: str, line: int) -> bool | None:
    v = value.strip().lower()
    if not v:
        return None
    if v in YES:
        return True
    if v in NO:
        return False
    raise AuditError(f"row {line}: {field} is {value!r}; write y or n (yes/no, 1/0, true/false)")


def read_sheet(path: str | Path) -> list[dict[str, str]]:
    """The sheet's rows as dicts; CSV, TSV or semicolon-separated, with or without a BOM."""
    p = Path(path)
    if not p.is_file():
        raise AuditError(f"sheet not found: {path}")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise AuditError(f"{path} is not UTF-8 text (byte {e.start}); save the sheet as UTF-8 CSV") from None
    header = text.split("\n", 1)[0]
    if not header.strip():
        raise AuditError(f"{path} is empty: expected a header row with {', '.join(JUDGE_FIELDS)}")
    delimiter = max(("\t", ",", ";"), key=header.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = [f.strip() for f in reader.fieldnames or []]
    missing = [c for c in ("statement_id", "stance", *JUDGE_FIELDS) if c not in fields]
    if missing:
        raise AuditError(
            f"{path} lacks the column(s) {', '.join(missing)}; found: {', '.join(fields) or 'none'}"
        )
    return [{(k or "").strip(): (v or "") for k, v in row.items()} for row in reader]


def score(rows: Sequence[dict[str, str]]) -> Score:
    """Count the judged rows; see the module docstring for the rules."""
    right = dict.fromkeys(JUDGE_FIELDS, 0)
    judged = unjudged = all_right = unsure = 0
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        real = _verdict(row["real_statement"], "real_statement", line)
        if real is None:
            if any(row[f].strip() for f in JUDGE_FIELDS[1:]):
                raise AuditError(f"row {line}: real_statement is empty but other fields are judged; fill it")
            unjudged += 1
            continue
        judged += 1
        verdicts = {"real_statement": real}
        for f in JUDGE_FIELDS[1:]:
            v = _verdict(row[f], f, line)
            if v is None and real:
                raise AuditError(f"row {line}: {f} is empty but real_statement is y; judge it (y or n)")
            verdicts[f] = bool(v) and real
        if row["stance"].strip().lower() == UNSURE:
            unsure += 1
            verdicts["stance_ok"] = False
        for f, ok in verdicts.items():
            right[f] += ok
        all_right += all(verdicts.values())
    if not judged:
        raise AuditError("no judged row: fill real_statement (y or n) on the rows you have read")
    return Score(judged=judged, unjudged=unjudged, right=right, all_right=all_right, unsure=unsure)


def report(s: Score) -> str:
    names = {
        "real_statement": "real statements",
        "speaker_ok": "speaker right",
        "side_ok": "side right",
        "stance_ok": "stance right (unsure = wrong)",
    }
    lines = [
        f"judged statements: {s.judged}"
        + (f" ({s.unjudged} rows not judged, left out)" if s.unjudged else "")
    ]
    lines += [f"{names[f]:32}{s.precision(f):6.3f}  ({s.right[f]}/{s.judged})" for f in JUDGE_FIELDS]
    lines.append(f"{'all right':32}{s.all_right_share:6.3f}  ({s.all_right}/{s.judged})")
    lines.append(f"{'stance unsure share':32}{s.unsure_share:6.3f}  ({s.unsure}/{s.judged})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.quality.audit", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the store to draw from")
    parser.add_argument("--sample", type=int, help="how many statements to draw")
    parser.add_argument(
        "--seed", type=int, help="seed of the draw (write it down: it makes the sheet reproducible)"
    )
    parser.add_argument("--out", help="where to write the sheet (default: standard output)")
    parser.add_argument("--score", metavar="SHEET", help="score a judged sheet")
    parser.add_argument(
        "--exclude",
        nargs="+",
        default=[],
        metavar="SHEET",
        help="never draw a statement (same title and sentence) of these earlier sheets",
    )
    args = parser.parse_args(argv)
    try:
        if args.score:
            if args.db or args.sample is not None:
                parser.error("--score takes only the sheet")
            print(report(score(read_sheet(args.score))))
            return 0
        if not args.db or args.sample is None or args.seed is None:
            parser.error("drawing needs --db, --sample and --seed (or --score SHEET)")
        rows = draw(args.db, args.sample, args.seed, judged_keys(args.exclude))
        text = sheet_text(rows)
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8-sig")
            print(f"{len(rows)} statements (seed {args.seed}) written to {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(text)
    except AuditError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
