"""Posts that make a speaker a commentator rather than a voice of his state: a post held under a past
administration ("một quan chức ... dưới thời chính quyền Tổng thống George W. Bush") and a post at a research body
("Giám đốc Viện Nghiên cứu Viễn Đông Nga", "Giám đốc Chương trình an ninh Trung Đông thuộc Trung tâm vì An ninh mới
của Mỹ"). The audits judge such speakers, like former officials and private experts, `other`: the country named
in the post is where the body sits, not whom the speaker speaks for (tests/gold/README.md, "Sides").
Read by core.nlp.sides for persons the knowledge file does not know.
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.context import Context
from core.nlp.speech import alt, speech_rules

# a leader named after "dưới thời" dates a post and owns none ("quan chức Bộ Ngoại giao Mỹ dưới thời Tổng thống
# Donald Trump")
UNDER = re.compile(r"(?<!\w)dưới thời(?:\s+chính quyền)?(?:\s+của)?(?:\s+\S+){0,3}\s*$", re.IGNORECASE)


@cache
def _research_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alt(rules('entity_rules')['research_bodies'])})(?!\w)", re.IGNORECASE)


def research_post(post: str) -> bool:
    """Does the text of a post name a research body (an institute, a university, a "Centre for ...")?

    >>> research_post("Phó Giám đốc của Viện nghiên cứu chính trị và quân sự của Nga")
    True
    >>> research_post("Thứ trưởng Bộ Ngoại giao Nga"), research_post("Viện trưởng Viện Kiểm sát nhân dân tối cao")
    (False, False)
    """
    return _research_re().search(post) is not None


def past_administration(sent: Sentence, ms: list[Mention], b: Mention, ctx: Context) -> bool:
    """Does the description after a person, up to the reporting verb, place his post "dưới thời" a leader who held no
    office of the knowledge file on the article's date ("Ông Wayne White, một quan chức tình báo cấp cao tại Bộ
    Ngoại giao dưới thời chính quyền Tổng thống George W. Bush, cho biết"): a former post, a commentator's
    credential? A leader the knowledge file does not know holds none of its offices. What he then said ("cho biết
    quan hệ xấu đi dưới thời Obama") is no description."""
    after = sent.text[b.end - sent.start : b.end - sent.start + 160]
    ends = [m.start() for m in (re.search(r'[;:"“”]|\.\s', after), speech_rules().verb_re.search(after)) if m]
    under = re.search(r"(?<!\w)dưới thời(?!\w)", after[: min(ends, default=len(after))])
    if under is None or ctx.date is None or not ctx.date.year:
        return False
    at = b.end + under.end()
    leader = next(
        (m for m in sorted(ms, key=lambda m: m.start) if m.start >= at and m.entity.type == "PER"), None
    )
    if leader is None or leader.start - at > 40:
        return False
    sitting = {kbmod.resolve_office(o, ctx.date.year, ctx.date.month) for o in kbmod.load().offices} - {None}
    return leader.entity.kb_id not in sitting
