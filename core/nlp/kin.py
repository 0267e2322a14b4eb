"""Kin of a named person: "Con ông Trump đồng ý" is not Trump speaking but his son, the one person named so far
who carries his surname (Donald Trump Jr.), or nobody we can name. A kinship noun (data/entity_rules.yaml
`kinship`) opens its phrase and reaches the name past an order of birth, "của", an honorific or the father's title
("con trai cả của ông Trump", "Con trai Tổng thống Donald Trump nói"); a name with a generational suffix there is
the kin himself ("Con trai Tổng thống Mỹ Donald Trump Jr.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from core.config import rules
from core.models import Entity
from core.nlp.speech import alt


@cache
def _kin_re() -> re.Pattern:
    # "con trai cả của ông Trump": an order of birth and "của" may stand between the noun and the name; the noun
    # opens its phrase (the sentence, after a mark or a conjunction), so "tuyên bố của ông Trump" has no "bố" in it
    return re.compile(
        rf"(?:^|[,;:\"“”(–-]\s*|(?<!\w)(?:và|nhưng|còn|song|theo|dẫn lời|trích lời)\s+)(?:{alt(rules('entity_rules')['kinship'])})"
        rf"(?:\s+(?:cả|út|thứ\s+\w+))?(?:\s+của)?\s+$",
        re.IGNORECASE,
    )


@cache
def _honorific_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alt(rules('speech')['holder_honorifics'])})\s+$", re.IGNORECASE)


@cache
def _title_re() -> re.Pattern:
    titles = alt(rules("entity_rules")["titles"])
    return re.compile(rf"(?<!\w)(?:{titles})(?:\s+[^\W\d_]+){{0,3}}\s+$", re.IGNORECASE)


def kin_before(text: str) -> bool:
    """A kinship noun ends `text` (the text before a name), past an honorific or the father's title: "Con ông ",
    "con trai ", "Con trai Tổng thống " (whose name then is the father's, or the son's own: `kin_named`)."""
    text = _honorific_re().sub("", text)
    return _kin_re().search(text) is not None or _kin_re().search(_title_re().sub("", text)) is not None


def kin_named(ent: Entity, persons: Sequence[Entity]) -> Entity | None:
    """The one person of `persons` (named so far) whose name holds `ent`'s last name ("Donald Trump Jr." for "con
    ông Trump"); None when there is none or more than one. A name with a generational suffix is the kin himself
    ("Con trai Tổng thống Mỹ Donald Trump Jr.")."""
    if ent.name.split()[-1] in rules("entity_rules")["name_suffixes"]:
        return ent
    kin = [e for e in dict.fromkeys(persons) if e != ent and ent.name.split()[-1] in e.name.split()]
    return kin[0] if len(kin) == 1 else None
