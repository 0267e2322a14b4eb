"""Get the article, and only the article, out of scraped text.

The scraped format (seeds, baomoi-2017): line 1 the title, line 2 the lede, then the body. Scrapes carry
caption lines, the lede repeated, bracketed links to other stories, photo credits, a source line and a trailing
block of unrelated teasers. Rules live in data/cleaning.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.config import rules
from core.text.textnorm import fold, squash


@dataclass(frozen=True)
class CleanBody:
    body: str
    captions: tuple[str, ...]
    links: tuple[str, ...]
    source: str | None


@cache
def _compiled() -> dict:
    r = rules("cleaning")
    return {
        "teasers": {squash(m) for m in r["teaser_markers"]},
        "caption": re.compile(r["caption_after_title"]),
        "credits": [re.compile(p, re.IGNORECASE) for p in r["credit_lines"]],
        "inline_credits": re.compile(r["inline_credits"], re.IGNORECASE),
        "credit_at_end": re.compile(r["caption_credit_end"], re.IGNORECASE),
        "caption_line_max": int(r["caption_line_max"]),
        "credit_tail_max": int(r["credit_tail_max"]),
        "link": re.compile(r["link_line"]),
        "page_lines": [re.compile(p, re.IGNORECASE) for p in r["page_lines"]],
        "label_max_words": int(r["label_max_words"]),
        # "Xem thêm: <another story's headline>" on one line: a link, not the start of the teaser block
        "marked_link": re.compile(
            r"^[^\w\n]{0,3}(?:"
            + "|".join(map(re.escape, r["teaser_markers"]))
            + r")\s*[:>»]+\s*(?P<link>\S.{2,400})$",
            re.IGNORECASE,
        ),
        "source": re.compile(r["source_line"]),
        "source_theo": re.compile(r["source_theo_line"]),
        "end_mark": re.compile(r["end_mark"]),
        "after_end_mark": re.compile(r["after_end_mark"]),
    }


def _is_teaser_marker(line: str) -> bool:
    if len(line) > 60:  # markers are short headings; never fold a whole one-line body to find out
        return False
    return squash(line).rstrip(":").strip() in _compiled()["teasers"]


def _caption(line: str, title: str) -> str | None:
    """'<title> ảnh 1<caption>' -> caption; None when the line is running text."""
    c = _compiled()
    if title:
        for m in c["caption"].finditer(line):
            if squash(line[: m.start()]) == squash(title):
                return line[m.end() :].strip()
    if any(p.match(line) for p in c["credits"]):
        return line.strip()
    return None


def _caption_line(line: str) -> bool:
    """A short line that ends with its photo credit: "Ông Stoltenberg tại Brussels. (Ảnh: Reuters).", "Tổng thống
    Putin tại Moskva hôm 2/4. Ảnh: Reuters"."""
    c = _compiled()
    m = c["credit_at_end"].search(line)
    return m is not None and 0 < len(line[: m.start()].strip()) <= c["caption_line_max"]


# A name of one to four capitalised words ("Minh Anh", "Reuters", "RIA Novosti", "TRUNG HIẾU"), then optionally
# "(Theo X)" / "(theo X)", or what the writer did: "(T/h)", "(tổng hợp)", "(lược dịch)", an interview's "(thực hiện)".
_NAME = r"[A-ZÀ-ỸĐ][\w.&+'-]*(?:\s+[A-ZÀ-ỸĐ][\w.&+'-]*){0,3}"
_CREDIT_TAIL = re.compile(
    rf"(?P<names>{_NAME}(?:\s*(?:,|/|-|–|\bvà\b)\s*{_NAME})*)"
    rf"(?:\s*[(-]?\s*(?i:theo|nguồn)\s*:?\s*(?P<source>[^()\n]{{1,40}}?)\s*\)?"
    r"|\s*\((?i:t/h|tổng hợp|lược dịch|dịch|thực hiện)\))?"
)


def _credit_tail(line: str) -> re.Match[str] | None:
    """A closing byline or list of agencies ("Minh Anh", "Reuters, AFP", "Thu An (Theo TASS)"): short, only
    capitalised names, no sentence punctuation."""
    line = line.strip().rstrip("-–— ")  # "Đặng Phương Thảo - " (the outlet after the dash cut off)
    if len(line) > _compiled()["credit_tail_max"] or re.search(r"[.!?:;\"“”]$", line):
        return None
    m = _CREDIT_TAIL.fullmatch(line)
    # every word of the names capitalised (the pattern's letter range also holds lower-case "ở", "ạ")
    words = re.findall(r"[^\W\d_][\w.&+'-]*", m.group("names")) if m else []
    return m if words and all(w[0].isupper() or w == "và" for w in words) else None


def _same_squashed(a: str, b: str) -> bool:
    """squash(a) == squash(b), without folding a whole paragraph when the first letters already differ.

    Folding is per character (only the Greek sigma lowers by context), so the first non-space character of
    each text, folded, is the first character of its squashed form.

    >>> _same_squashed("Nga  và NATO", "nga và NATO"), _same_squashed("Mỹ và Nga", "Nga và Mỹ")
    (True, False)
    """
    ha, hb = a.lstrip()[:1], b.lstrip()[:1]
    if ha and hb and "Σ" not in ha + hb:
        fa, fb = fold(ha), fold(hb)
        if fa and fb and fa[0] != fb[0]:
            return False
    return squash(a) == squash(b)


def split_scraped(text: str) -> tuple[str, str, list[str]]:
    """Title, lede and the remaining lines of a scraped file.

    Three or more non-empty lines: title, lede, body. Two: title and body (569 baomoi files have no lede).
    """
    lines = [ln.strip() for ln in text.splitlines()]
    nonempty = [ln for ln in lines if ln]
    if not nonempty:
        return "", "", []
    title = nonempty[0]
    rest = lines[lines.index(title) + 1 :]
    if len(nonempty) >= 3:
        lede_idx = next(i for i, ln in enumerate(rest) if ln)
        # A caption line right after the title is not the lede.
        lede = rest[lede_idx]
        return title, lede, rest[lede_idx + 1 :]
    return title, "", rest


def clean_body(lines: list[str], title: str, lede: str) -> CleanBody:
    """Paragraph lines after the lede -> the article body, captions, links and the source line apart."""
    c = _compiled()
    paragraphs: list[str] = []
    captions: list[str] = []
    links: list[str] = []
    source: str | None = None
    caption_lines: list[str] = []  # short lines closing with a credit, read as captions
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        if _is_teaser_marker(line):
            break  # everything after is the outlet's teasers, never the article
        if (cap := _caption(line, title)) is not None:
            captions.append(cap)
            continue
        if _caption_line(line):
            captions.append(line)
            caption_lines.append(line)
            continue
        if c["link"].match(line):
            links.append(line[1:-1].strip())
            continue
        if any(p.match(line) for p in c["page_lines"]):
            continue  # the page's own furniture: tags, "follow us", a share button's word
        if m := c["marked_link"].match(line):
            links.append(m.group("link").strip())
            continue
        if m := c["source"].match(line):
            source = m.group("source").strip()
            continue
        paragraphs.append(line)

    # A clip's page is its one captioned line ("... ở Hải Phòng. Nguồn: Youtube"): that line is the article.
    if not paragraphs and caption_lines:
        paragraphs = caption_lines
        captions = [x for x in captions if x not in caption_lines]
    # The title repeated as the first body paragraph (the <h1> of saved HTML pages).
    if paragraphs and title and _same_squashed(paragraphs[0], title):
        paragraphs.pop(0)
    # The lede repeated as the first body paragraph (Vietnam+ scrapes, the sapo of HTML pages).
    if (
        paragraphs
        and lede
        and abs(len(paragraphs[0]) - len(lede)) < 20
        and squash(paragraphs[0]) == squash(lede)
    ):
        paragraphs.pop(0)
    # A closing "Theo ANTV" line names the source; a byline or the agencies used close the article too.
    while len(paragraphs) > 1:
        if source is None and (m := c["source_theo"].match(paragraphs[-1])):
            source = m.group("source").strip()
        elif tail := _credit_tail(paragraphs[-1]):
            source = source or (tail.group("source") or "").strip() or None
        else:
            break
        paragraphs.pop()
    # ... or after the wire's end mark, whatever its case: "... lánh nạn./. Mai Liên/VOV-Trung tâm Tin".
    if paragraphs and (m := c["after_end_mark"].search(paragraphs[-1])):
        paragraphs[-1] = paragraphs[-1][: m.start() + 3]
    # ... or glued after the last sentence: "... hiện có. Duy Nguyễn", "... ở Syria. Thu An (Theo TASS)".
    glued = re.search(r"(?<=[.!?…\"”)])\s+([^.!?…\n]{1,60})$", paragraphs[-1]) if paragraphs else None
    if glued and (tail := _credit_tail(glued.group(1))):
        source = source or (tail.group("source") or "").strip() or None
        paragraphs[-1] = paragraphs[-1][: glued.start()]

    cleaned: list[str] = []
    for p in paragraphs:
        for m in c["inline_credits"].finditer(p):
            captions.append(m.group(0).strip())
        p = c["inline_credits"].sub("", p).strip()
        if p:
            cleaned.append(p)
    if cleaned:
        cleaned[-1] = c["end_mark"].sub(".", cleaned[-1])
    return CleanBody("\n\n".join(cleaned), tuple(captions), tuple(links), source)


def clean_lede(lede: str) -> str:
    return _compiled()["end_mark"].sub(".", lede.strip())


def split_label(lede: str, lines: list[str]) -> tuple[str, list[str], str | None]:
    """A section label in the lede's place ("Thế giới", "Quân sự": a page's heading of a few words and nothing
    else), taken out as the article's section: (lede, body lines, the label). The first body paragraph is
    then the lede. Two development files of 35,440 have such a line there ("Thông tin bên lề")."""
    label = lede.strip()
    first = next((i for i, x in enumerate(lines) if x.strip()), None)
    if not label or first is None or len(label.split()) > _compiled()["label_max_words"]:
        return lede, lines, None
    if not re.fullmatch(r"[^\W\d_]+(?:[ &/-]+[^\W\d_]+)*", label):  # words only: no digit, no punctuation
        return lede, lines, None
    return lines[first].strip(), lines[first + 1 :], label
