"""What the learned checks share: coefficients of a logistic regression read from a JSON file under data/, and the
switch between a learned reading and the rules.

scikit-learn trains them (core.quality); applying one needs only a dot product, so no pickle and no scikit-learn at
run time. A missing file means the rules alone decide; a file that does not fit is a clear error, never a silent
rules run.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

M = TypeVar("M")


@dataclass(frozen=True)
class BinaryModel:
    """A binary logistic regression: feature name -> coefficient, an intercept and the threshold of its use."""

    version: str
    intercept: float
    weights: dict[str, float]
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


def binary_from_dict(d: dict, what: str) -> BinaryModel:
    """A binary model from its JSON form; `what` names it in the error ("statement model: missing or bad field")."""
    try:
        return BinaryModel(
            version=str(d["version"]),
            intercept=float(d["intercept"]),
            weights={str(k): float(v) for k, v in d["weights"].items()},
            threshold=float(d["threshold"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{what}: missing or bad field ({exc})") from exc


def read_model(path: Path, parse: Callable[[dict], M]) -> M | None:
    """The model in `path`, or None when there is no such file."""
    if not path.exists():
        return None
    return parse(json.loads(path.read_text(encoding="utf-8")))


def chosen_method(env: str, configured: str, methods: tuple[str, ...], what: str) -> str:
    """The method an environment variable (to score both) or else the rule file names, refused when unknown."""
    m = os.environ.get(env) or configured
    if m not in methods:
        raise ValueError(f"{what} method must be one of {methods}, not {m!r}")
    return m
