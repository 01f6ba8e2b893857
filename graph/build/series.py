"""Plan series: successive plans of one jurisdiction on one subject, linked by follows.

A series is recognised from the titles and dates alone, then measured by text:
- same issuing jurisdiction and level;
- the same subject in the title once places, years, document types and
  generic verbs (加强, 持续, 优化 …) are removed: the remaining subjects share a
  run of at least four characters (营商环境, 一网通办, 政务公开 …);
- different signing years (successive plans, not parallel ones); members are
  ordered by date and each follows the previous one.
The follows edge carries the share of the later plan's measures carried over
from the earlier one (a measure is carried over when at least 30% of its
8-grams occur in the earlier plan).
"""

from __future__ import annotations

import itertools
import re
from difflib import SequenceMatcher

from policykg.graph.build.reuse import REUSE_NGRAM
from policykg.loaders.jurisdiction import all_districts, provinces
from policykg.loaders.normalise import char_ngrams, normalise
from policykg.loaders.title import DOC_TYPES
from policykg.ontology.records import DocLink, Document, Provenance, Span

MIN_SUBJECT = 4
CARRY_OVER = 0.3
_GENERIC = (
    "关于", "进一步", "加强", "持续", "全面", "推进", "深化", "坚持", "聚焦", "优化", "提升", "打造", "推动", "实施",
    "行动", "工作", "三年", "若干", "具体", "落实", "加快", "促进", "建设", "一流", "国际", "高水平", "年度",
)


def subject(title: str) -> str:
    """
    >>> subject("金山区坚持对标改革持续优化营商环境行动方案")
    '对标改革营商环境'
    >>> subject("2023年金山区全面深化落实“一网通办”改革工作要点")
    '一网通办改革'
    """
    t = normalise(title)
    t = re.sub(r"[\"'“”‘’《》()（）\[\]\s,、]", "", t)
    t = re.sub(r"(19|20)\d\d(-|—|–)?((19|20)?\d\d)?年?度?", "", t)
    for p in provinces():
        for name in (p.name, *p.short):
            t = t.replace(name, "")
    for d in all_districts():
        t = t.replace(d.name, "").replace(d.short, "")
    for w in sorted(DOC_TYPES, key=len, reverse=True):
        t = t.replace(w, "")
    for w in _GENERIC:
        t = t.replace(w, "")
    return t


def find_series(documents: list[Document]) -> list[DocLink]:
    docs = [d for d in documents if not d.cited_only and d.date and d.jurisdiction]
    subjects = {d.key: subject(d.title) for d in docs}
    parent = {d.key: d.key for d in docs}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Two plans of one jurisdiction and level, of different years, whose subjects share MIN_SUBJECT characters in a
    # row, are one series: an index of those runs finds the pairs without comparing every pair of documents.
    sharing: dict[tuple[str | None, str | None, str], list[Document]] = {}
    for d in docs:
        s = subjects[d.key]
        for run in {s[i : i + MIN_SUBJECT] for i in range(len(s) - MIN_SUBJECT + 1)}:
            sharing.setdefault((d.jurisdiction, d.level, run), []).append(d)
    for members in sharing.values():
        # with two years or more among them, the different-year pairs connect every member
        if len({(d.date or "")[:4] for d in members}) > 1:
            for d in members[1:]:
                parent[find(d.key)] = find(members[0].key)
    groups: dict[str, list[Document]] = {}
    for d in docs:
        groups.setdefault(find(d.key), []).append(d)
    links = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda d: (d.date or "", d.key))
        for prev, nxt in itertools.pairwise(members):
            share, carried = carry_over(prev, nxt)
            common = SequenceMatcher(None, subjects[prev.key], subjects[nxt.key], autojunk=False).find_longest_match(
                0, len(subjects[prev.key]), 0, len(subjects[nxt.key]))
            words = subjects[prev.key][common.a : common.a + common.size]
            src = nxt.sources[0]
            links.append(
                DocLink(nxt.key, prev.key, "follows", f"series:jurisdiction+subject:{words}+date_order", round(share, 3),
                        Provenance(Span(src.file, src.line_start, src.line_end), "plan_series"),
                        evidence=f"{carried} of {len(nxt.measures)} measures carried over from {prev.key}")
            )
    return links


def carry_over(prev: Document, nxt: Document) -> tuple[float, int]:
    """Share of ``nxt``'s measures whose text is largely found in ``prev``."""
    prev_grams = char_ngrams("".join(m.norm_text for m in prev.measures), REUSE_NGRAM)
    measures = [m for m in nxt.measures if len(m.norm_text) >= 8]
    carried = 0
    for m in measures:
        g = char_ngrams(m.norm_text, REUSE_NGRAM)
        if g and len(g & prev_grams) / len(g) >= CARRY_OVER:
            carried += 1
    return (carried / len(measures) if measures else 0.0), carried
