"""The evidence a link stands on, and what it is worth: the aligned span pairs, the calibrated score and its
confidence band, and the rules that demote a link whose only evidence is shared with other measures
(boilerplate, a further source without wording of its own, sources beyond the best four)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz.distance import Indel

from policykg.graph.build.params import DEFAULT, Thresholds
from policykg.graph.build.units import Unit
from policykg.loaders.normalise import normalise
from policykg.ontology.records import Confidence, EvidenceSpan, Implements

HIGH, MEDIUM = 0.85, 0.6  # confidence bands on the calibrated score


def own_evidence(links: list[Implements], plan_df: Counter[str], p: Thresholds = DEFAULT) -> list[Implements]:
    """An item that restates one source keeps its further sources only where they stand on their own wording.

    A short item that copies one municipal measure also shares a clause or two with its neighbours
    (、生态环境等领域, 重点领域信用, ，进一步提升): counted as links, those spread one item over three measures.
    A further source stays when its evidence holds wording that no other measure of the plan carries
    (a 4-gram of the plan found in that measure only); otherwise it becomes a low-confidence lead.
    On the seven keyed districts this removed 9 wrong links and no right one (P 0.922 → 0.955, R 0.911).
    """
    best = max((x.reuse for x in links if x.confidence != "low"), default=0.0)
    if best < p.restated:
        return links
    out = []
    for x in links:
        if x.confidence == "low" or x.reuse >= best or max((distinct_chars(e.text, plan_df) for e in x.evidence), default=0) >= p.own_distinct:
            out.append(x)
        else:
            score = METHOD_PRIOR["possible"]
            out.append(replace(x, score=score, confidence=band(score), method=x.method + "+no_own_evidence"))
    return out


def boilerplate(text: str, plan_df: Counter[str], common: int = DEFAULT.boilerplate_df) -> bool:
    """Wording every part of which many measures of the plan say (优化营商环境 in a plan about the business environment)."""
    t = normalise(text)
    grams = [t[k : k + 4] for k in range(len(t) - 3)]
    return bool(grams) and all(plan_df.get(g, 0) >= common for g in grams)


def distinct_chars(text: str, plan_df: Counter[str]) -> int:
    """Chinese characters of ``text`` covered by 4-grams that at most one measure of the plan has."""
    t = normalise(text)
    covered = [False] * len(t)
    for k in range(len(t) - 3):
        if plan_df.get(t[k : k + 4], 0) <= 1:
            covered[k : k + 4] = [True] * 4
    return sum(1 for k, c in enumerate(covered) if c and "\u4e00" <= t[k] <= "\u9fff")


def limit_fan_out(links: list[Implements], p: Thresholds = DEFAULT) -> list[Implements]:
    """Beyond the best four sources, a link stays only with its own evidence: a run of 12 shared characters, or its
    heading named in a list of headings (对标…指标（市场准入退出、获取经营场所、…）). Others become low-confidence leads."""
    out, kept = [], 0
    for link in links:
        if link.confidence == "low":
            out.append(link)
            continue
        own = "heading_named" in link.method or max((e.source_end - e.source_start for e in link.evidence), default=0) >= p.own_evidence
        if kept < p.max_sources or own:
            kept += 1
            out.append(link)
        else:
            score = round(min(link.score, MEDIUM - 0.01), 3)
            out.append(replace(link, score=score, confidence=band(score), method=link.method + "+beyond_best_four"))
    return out


# Share of correct links per decision rule on the development key, smoothed as (correct + 1) / (all + 2):
# reuse 51/51, heading named in a list 10/10 (after the enumeration rule), best by margin 8/10,
# area named 2/2, cosine 1/1, best of a group 2/2, close to the best 3/3, a shared run 1/1; "possible" links are the
# best parent candidate that no rule accepted, shown for exploration only.
METHOD_PRIOR = {
    "reuse": 0.98, "heading_named": 0.92, "best_by_margin": 0.75, "area_named": 0.75, "cosine": 0.67,
    "best_of_group": 0.75, "close_to_best": 0.8, "possible": 0.3, "shared_run": 0.67, "close_to_best+no_own_evidence": 0.3,
}


def calibrated(cos: float, reuse: float, method: str) -> float:
    """Estimated probability that the link is right: the rule's measured precision, raised by strong reuse."""
    prior = METHOD_PRIOR.get(method, 0.5)
    if method in ("possible", "close_to_best+no_own_evidence") or method.endswith("+boilerplate_only"):
        return prior
    return float(min(0.99, max(prior, 0.6 + reuse)))


def band(score: float) -> Confidence:
    return "high" if score >= HIGH else ("medium" if score >= MEDIUM else "low")


@lru_cache(maxsize=4096)
def _matcher(b: str) -> SequenceMatcher[str]:
    return SequenceMatcher(None, "", b, autojunk=False)


def longest_common_run(a: str, b: str) -> tuple[int, int, int]:
    """(start in a, start in b, length) of the longest run both texts share. A municipal measure meets many district
    measures, so its side of the matcher (an index of where each character occurs) is built once and kept."""
    m = _matcher(b)
    m.set_seq1(a)
    found = m.find_longest_match(0, len(a), 0, len(b))
    return found.a, found.b, found.size


def evidence(u: Unit, t: Unit, limit: int = 3, min_len: int = 6) -> list[EvidenceSpan]:
    """The longest runs of wording both texts share, in source order, with their lines on each side."""
    a, b = u.text, t.text
    # equal blocks of an LCS alignment (rapidfuzz, in C++): the wording both sides share, in order
    blocks = [(op.src_start, op.dest_start, op.src_end - op.src_start) for op in Indel.opcodes(a, b) if op.tag == "equal"]
    def informative(x: tuple[int, int, int]) -> bool:
        text = re.sub(r"[\W_]", "", a[x[0] : x[0] + x[2]])
        return len(text) >= min_len - 1 and not re.search(r"(责任|牵头|配合)(单位|部门)", text)

    # the alignment can split the longest run both texts share (to match more characters elsewhere); keep it whole
    run = longest_common_run(a, b)
    if run[2] >= min_len:
        blocks = [run] + [x for x in blocks if x[0] + x[2] <= run[0] or x[0] >= run[0] + run[2]]
    blocks = sorted((x for x in blocks if x[2] >= min_len and informative(x)), key=lambda x: -x[2])[:limit]
    out = []
    for sa, sb, size in sorted(blocks):
        line_a = u.measure.line_of(sa) if u.measure else u.span.line_start
        line_b = t.measure.line_of(sb) if t.measure else t.span.line_start
        out.append(EvidenceSpan(sa, sa + size, line_a, sb, sb + size, line_b, a[sa : sa + size]))
    return out
