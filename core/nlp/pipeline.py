"""Article -> Extraction: one pipeline of components over one document object (spaCy's idea).

A `Doc` starts as the article alone; each component in `COMPONENTS` takes the Doc and returns a new one with
its layer filled: sentences, knowledge-file mentions, the relevance verdict, NER mentions, statements, stance,
and the learned check that drops rows which are no statement (core.nlp.realness).
The components marked `relevant_only` run only when the relevance component found the article relevant, or
nearly (a borderline article the model left out at a probability of at least data/relevance.yaml `read_floor`:
read in full for the analyst who decides on it, still off-topic): any other article stops after the
knowledge-file match (no NER, no statements), which keeps it under a fifth of a relevant article's cost.
`extract` is a plain top-level function of a frozen Article returning a frozen Extraction, so a process pool can
run it; `run(article, upto=...)` stops after a named component, so tests and bench/ can look at any layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from core.models import Article, Extraction, Mention, Sentence, Statement
from core.nlp import realness as realmod
from core.nlp.entities import find_mentions
from core.nlp.regions import masked_regions
from core.nlp.relevance import Relevance, drop_unanchored, judge
from core.nlp.stance import with_stance
from core.nlp.statements import Draft, find_drafts
from core.nlp.tokens import Token, split_sentences, tag


@dataclass(frozen=True)
class Doc:
    """One article and what the components have read from it so far (each layer empty until its component
    ran). `tokens` is underthesea's reading per sentence index, made for relevant articles only."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    tokens: dict[int, tuple[Token, ...]] | None = None
    mentions: tuple[Mention, ...] = ()
    relevance: Relevance | None = None
    drafts: tuple[Draft, ...] = ()
    statements: tuple[Statement, ...] = ()

    @property
    def relevant(self) -> bool:
        return self.relevance is not None and self.relevance.relevant

    @property
    def gets_full_reading(self) -> bool:
        """Whether the `relevant_only` components run: relevant, or borderline (core.nlp.relevance)."""
        return self.relevance is not None and self.relevance.gets_full_reading

    def extraction(self) -> Extraction:
        """What the store keeps of the Doc."""
        verdict = self.relevance or Relevance(False, 0.0)
        return Extraction(
            sentences=self.sentences,
            mentions=self.mentions,
            statements=self.statements,
            relevant=verdict.relevant,
            relevance_score=verdict.score,
            relevance_evidence=verdict.evidence,
            relevance_prob=verdict.probability,
        )


@dataclass(frozen=True)
class Component:
    """A named step: Doc in, Doc out. `relevant_only` steps are skipped for articles found off-topic (and not
    borderline)."""

    name: str
    run: Callable[[Doc], Doc]
    relevant_only: bool = False


def tag_all(sentences: tuple[Sentence, ...]) -> dict[int, tuple[Token, ...]]:
    """underthesea `ner` once per sentence."""
    return {s.idx: tag(s) for s in sentences}


def sentences(doc: Doc) -> Doc:
    return replace(doc, sentences=split_sentences(doc.article))


def kb_mentions(doc: Doc) -> Doc:
    """The cheap reading every article gets: knowledge-file mentions, no NER."""
    return replace(
        doc, mentions=drop_unanchored(find_mentions(doc.article, doc.sentences, None), doc.sentences)
    )


def relevance(doc: Doc) -> Doc:
    """Relations between a NATO-side and a Russia-side actor, enough of them (core.nlp.relevance)."""
    return replace(doc, relevance=judge(doc.mentions, doc.sentences, doc.article.date))


def ner_mentions(doc: Doc) -> Doc:
    """All mentions again, now with underthesea's NER beside the knowledge file."""
    tokens = tag_all(doc.sentences)
    found = find_mentions(doc.article, doc.sentences, tokens)
    return replace(doc, tokens=tokens, mentions=drop_unanchored(found, doc.sentences))


def statements(doc: Doc) -> Doc:
    masks = masked_regions(doc.article, doc.sentences)
    return replace(
        doc, drafts=find_drafts(doc.sentences, doc.mentions, masks, doc.article.date, doc.tokens or {})
    )


def stance(doc: Doc) -> Doc:
    return replace(doc, statements=tuple(with_stance(d.statement, d.stance_input) for d in doc.drafts))


def realness(doc: Doc) -> Doc:
    """Drop what the learned check reads as no statement (core.nlp.realness); keep its probability."""
    model = realmod.load_model()
    if model is None:
        return doc
    texts = {s.idx: s.text for s in doc.sentences}
    kept = [
        replace(st, evidence={**st.evidence, "real_prob": round(p, 4)})
        for st, p, keep in realmod.verdicts(model, doc.statements, texts, doc.article.title)
        if keep
    ]
    return replace(doc, statements=tuple(kept))


COMPONENTS: tuple[Component, ...] = (
    Component("sentences", sentences),
    Component("mentions", kb_mentions),
    Component("relevance", relevance),
    Component("entities", ner_mentions, relevant_only=True),
    Component("statements", statements, relevant_only=True),
    Component("stance", stance, relevant_only=True),
    Component("realness", realness, relevant_only=True),
)


def run(
    article: Article,
    upto: str | None = None,
    components: tuple[Component, ...] = COMPONENTS,
    *,
    full: bool = False,
) -> Doc:
    """The Doc after every component in order (or up to and including `upto`), skipping the relevant-only
    ones once an article is found off-topic and not borderline, unless `full` (an article an analyst marked
    on-topic).

    >>> [s.text for s in run(Article("NATO họp. Nga phản đối.", "", "", "o", "r"), upto="sentences").sentences]
    ['NATO họp.', 'Nga phản đối.']
    """
    names = [c.name for c in components]
    if upto is not None and upto not in names:
        raise ValueError(f"no component {upto!r}; the pipeline has {names}")
    doc = Doc(article)
    for c in components:
        if full or not c.relevant_only or doc.gets_full_reading:
            doc = c.run(doc)
        if c.name == upto:
            break
    return doc


def extract(article: Article, full: bool = False) -> Extraction:
    """Every component on candidates; the knowledge-file match alone decides that an article is not one.

    Off-topic articles keep their knowledge-file mentions (entity counts over the whole archive) but get no
    NER and no statements, unless borderline (read in full, still off-topic: their statements are stored with
    the article's flag, so no default view counts them). `full` reads an article
    the way a relevant one is read whatever the verdict (which stays the model's): one an analyst marked
    on-topic (core.ingest.marked).

    >>> extract(Article("NATO tuyên bố không muốn 'chiến tranh lạnh' với Nga", "", "", "o", "r")).relevant
    True
    >>> extract(Article("Mỹ và Nhật Bản tập trận", "", "", "o", "r")).relevant
    False
    >>> len(extract(Article("Mỹ và Nhật Bản tập trận", "", "Ông Trump nói Mỹ sẽ hợp tác với Nhật Bản.", "o", "r"), full=True).statements)
    1
    """
    return run(article, full=full).extraction()


# A short article every component reads something in (both sides, a speaker, a reporting verb).
_WARM_UP = Article(
    "Tổng thư ký NATO Jens Stoltenberg cho biết NATO không muốn đối đầu với Nga.",
    "",
    "",
    "warm-up",
    "warm-up",
)


def warm() -> None:
    """Load every component's rules and models now rather than on the first article that needs them: an ingest's
    pool workers do it as they start, while the writer is still scanning the folders (core.ingest.parallel)."""
    extract(_WARM_UP, full=True)
