"""The one vocabulary of the dashboard: the sides and stances a statement can have, and every interface
string (data/labels.yaml, English and Vietnamese) by dotted key.

Charts, exports, corrections and the read side all name sides and stances; keeping the tuples and the
translation lookup here means they cannot drift apart, and a module that only draws or exports need not
import the SQL of core.read.

>>> label("values.side.russia", "vi"), label("values.stance.conflictual")
('Nga', 'conflictual')
>>> label("no.such.key")
'no.such.key'
"""

from __future__ import annotations

from typing import Any

SIDES = ("nato", "russia", "other")
STANCES = ("cooperative", "neutral", "conflictual", "unsure")  # unsure: the stance model was not confident


def _labels() -> dict:
    from core.config import rules

    return rules("labels")


def label(key: str, lang: str = "en", **kw: Any) -> str:
    """A dotted key in data/labels.yaml -> the string in `lang`; a missing key shows itself."""
    node: Any = _labels()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return key
        node = node[part]
    if isinstance(node, dict):
        node = node.get(lang) or node.get("en") or key
    return str(node).format(**kw) if kw else str(node)
