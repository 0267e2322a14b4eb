"""The records that flow between pipeline stages. Frozen, so a stage returns new values instead of editing."""

from __future__ import annotations

from dataclasses import dataclass, field

# Date sources that are no publication date read from the article, drawn hollow: a crawl's time and a bulk
# import's (core.text.dates: "on or before", the latter a loose bound), the dates of a file's neighbours in the
# archive's order (core.store.archive_dates: an estimate, within 0-2 days after its own for 9 in 10 files).
UPPER_BOUND_SOURCES = frozenset({"crawled", "crawled_bulk", "neighbours"})


@dataclass(frozen=True)
class DateInfo:
    """What the text says about when it was published; year stays None unless there is evidence."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    source: str | None = (
        None  # metadata | dateline | inferred | dateline+crawl | dateline+hint | crawled | crawled_bulk | neighbours | analyst
    )
    evidence: str | None = None

    @property
    def iso(self) -> str | None:
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return None


@dataclass(frozen=True)
class Article:
    title: str
    lede: str
    body: str
    origin: str
    raw: str
    source: str | None = None
    url: str | None = None
    date: DateInfo = field(default_factory=DateInfo)
    captions: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    format: str = "text"
    crawled_at: str | None = None  # collection time from a sidecar: an upper bound of publication
    section: str | None = None


@dataclass(frozen=True)
class Failure:
    """An input that could not become an article, with the reason a user can act on."""

    origin: str
    reason: str  # in English, for the terminal (and what stores of earlier versions hold)
    line: int | None = None
    raw: bytes = b""
    # What the dashboard shows in the reader's language: data/labels.yaml failure.<code>, filled with params.
    code: str = ""
    params: dict[str, str | int | float] = field(default_factory=dict)

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


# --- extraction records (filled by core.nlp.pipeline, written by core.store.db) ----------------------------------


@dataclass(frozen=True)
class Sentence:
    idx: int  # order within the article: title sentences first, then lede, then body
    field: str  # title | lede | body
    start: int  # character offsets into that stored column
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    name: str  # canonical name ("Jens Stoltenberg", "Nga", "NATO")
    type: str  # PER | ORG | LOC
    side: str = "other"  # nato | russia | other
    kb_id: str | None = None  # id in data/knowledge.yaml when known


@dataclass(frozen=True)
class Mention:
    entity: Entity
    surface: str  # text exactly as in the stored column
    sentence: int  # Sentence.idx
    field: str
    start: int
    end: int
    confidence: float = 1.0
    evidence: str = "kb"  # kb | ner | rule


@dataclass(frozen=True)
class Statement:
    speaker: Entity | None
    speaker_text: str
    verb: str
    text: str
    quote: bool
    stance: str  # cooperative | neutral | conflictual
    score: float  # [-10, 10]
    sentence: int
    field: str
    start: int  # offsets of the statement's span in that column
    end: int
    target: Entity | None = None
    target_text: str | None = None
    relay: str | None = None
    evidence: dict = field(default_factory=dict)
    stance_prob: float | None = (
        None  # the stance model's probability of `stance` (None: rules only, no model)
    )


@dataclass(frozen=True)
class Extraction:
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    relevant: bool = False
    relevance_score: float = 0.0
    relevance_evidence: tuple[dict, ...] = ()  # the relations that made the flag: actors, sentence, kind
    relevance_prob: float | None = (
        None  # the learned model's probability when it decided (None: the rules did)
    )
