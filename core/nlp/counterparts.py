""" "Tổng thống Trump và người đồng cấp Nga", "Ngoại trưởng Tillerson gặp người đồng cấp Nga": a counterpart
named by country alone is the holder, at the article's date, of the post the person it pairs with holds, in that
country. The post comes from the knowledge file's offices ("Tổng thống Mỹ" held by Donald Trump in 2017 makes
"người đồng cấp Nga" the holder of "Tổng thống Nga" then: Vladimir Putin).

The person paired is the last one known to the knowledge file named before, in the sentence or earlier in the
article. A name right after the country ("người đồng cấp Nga Sergei Lavrov") is the counterpart already; a post
with no such office in the other country, or a date that leaves its holder open, makes no mention.
"""

from __future__ import annotations

import re
from functools import cache

from core.models import Article, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.names import UPPER_WORD

_COUNTERPART = re.compile(r"(?<!\w)(?:người|vị|nhà lãnh đạo) đồng cấp\s+(?:của\s+)?", re.IGNORECASE)


@cache
def _heads() -> tuple[tuple[tuple[str, str], ...], ...]:
    """For each office of the knowledge file (by index), its terms that end on a country, as (the term's head,
    the country's id): "Tổng thống Mỹ" -> ("Tổng thống", "usa")."""
    return tuple(
        tuple(
            dict.fromkeys((head, place.id) for head, place in filter(None, map(kbmod.term_country, o.terms)))
        )
        for o in kbmod.load().offices
    )


def counterpart_of(person: str, country: str, year: int | None, month: int | None) -> str | None:
    """Who held, in `country`, the post `person` held at the date ("donald_trump", "russia", 2017) -> putin."""
    k = kbmod.load()
    heads = _heads()
    names = kbmod.names_of(k.actor(country).entity)
    for i in kbmod.offices_held(person, year, month):
        for head, home in heads[i]:
            if home == country:
                continue
            for name in names:
                j = k.by_term.get(f"{head} {name}")
                if j is not None:
                    holder = kbmod.resolve_office(k.offices[j], year, month)
                    if holder is not None and holder != person:
                        return holder
    return None


def counterpart_mentions(
    article: Article, sentences: tuple[Sentence, ...], found: list[Mention]
) -> list[Mention]:
    """A mention of the counterpart over "người đồng cấp <country>" (see the module's docstring)."""
    k = kbmod.load()
    ordered = sorted(found, key=lambda m: (m.sentence, m.start))
    by_field = {}
    for m in ordered:
        by_field.setdefault(m.field, []).append(m)
    out = []
    for sent in sentences:
        for c in _COUNTERPART.finditer(sent.text):
            at = sent.start + c.end()
            country = next(
                (m for m in by_field.get(sent.field, []) if m.start == at and m.entity.type == "LOC"), None
            )
            if country is None or not country.entity.kb_id:
                continue
            if re.match(rf"\s+(?:{UPPER_WORD})", sent.text[country.end - sent.start :]):
                continue  # "người đồng cấp Nga Sergei Lavrov": named already
            before = [
                m
                for m in ordered
                if m.entity.type == "PER"
                and m.entity.kb_id
                and (m.sentence, m.start) < (sent.idx, sent.start + c.start())
            ]
            if not before:
                continue
            date = article.date
            holder = counterpart_of(before[-1].entity.kb_id, country.entity.kb_id, date.year, date.month)
            if holder is not None:
                span = sent.text[c.start() : country.end - sent.start]
                out.append(
                    Mention(
                        k.actor(holder).entity,
                        span,
                        sent.idx,
                        sent.field,
                        sent.start + c.start(),
                        country.end,
                        0.8,
                        "kb",
                    )
                )
    return out
