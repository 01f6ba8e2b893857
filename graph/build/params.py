"""The tuned thresholds of alignment, document links and relation types, in one frozen object.

Every figure the build decides by lives here, with what it means and how it was set, so that a change is one
line and `policykg eval --sweep NAME=V1,V2,…` can try others against a gold key without editing code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Thresholds:
    # alignment of a derivative's measures with its parent's (graph/build/align.py); tuned on the development keys
    reuse: float = 0.12  # 4-gram containment alone makes a link (also where a relation turns from partial to localises)
    cosine: float = 0.12  # cosine alone makes a link
    floor: float = 0.05  # below this cosine nothing is linked
    margin: float = 1.3  # the best candidate must beat the runner-up by this factor to be linked on its own
    close: float = 0.7  # further candidates within this share of the best are linked too
    possible: float = 0.04  # the best parent candidate above this is kept as a low-confidence "possible" link
    reuse_other: float = 0.3  # reuse needed to link to a plan the measure's document does not derive from
    cosine_other: float = 0.3  # likewise for the cosine
    shared_run: int = 10  # characters of wording shared with one measure of the plan and no other make a link
    group: float = 0.065  # a best candidate without a clear margin is still linked (with its close rivals) above this
    top_n: int = 8  # candidates kept per measure from the global index
    posting_cap: int = 400  # n-grams in more targets than this do not generate candidates (keeps the cost linear)
    restated: float = 0.5  # reuse of a measure's 4-grams above which the measure restates that source
    own_distinct: int = 4  # characters of wording a further source needs that no other measure of the plan shares
    boilerplate_df: int = 4  # a 4-gram in this many measures of the plan is its common wording (3 and 4 agree; 6 keeps two wrong links)
    max_sources: int = 4  # sources a district measure keeps on its score alone
    own_evidence: int = 12  # characters of shared wording a further source needs of its own
    # document links (graph/build/links.py)
    title_match: float = 88.0  # rapidfuzz ratio on normalised titles for a cited title to name a document
    reuse_ngram: int = 8  # n-gram length of wording reuse between documents
    reuse_document: float = 0.15  # share of a document's measure text found in a plan that makes it that plan's derivative
    # relation types (graph/build/relation.py)
    restates: float = 0.5  # reuse share above which a link restates the municipal measure
    covers: float = 0.5  # a district measure keeping this share of the city's wording and adding as much extends it
    part: float = 0.25  # one keeping less than this share of it, and adding little, takes up a part of it
    min_run: int = 4  # characters of shared wording that count as kept (a shared particle or two is chance)


DEFAULT = Thresholds()


def with_value(base: Thresholds, assignment: str) -> Thresholds:
    """``base`` with one threshold set from NAME=VALUE, typed as the field is; a ValueError names the fields.

    >>> with_value(DEFAULT, "cosine=0.1").cosine, with_value(DEFAULT, "top_n=6").top_n
    (0.1, 6)
    """
    name, _, value = assignment.partition("=")
    kinds = {f.name: f.type for f in fields(Thresholds)}
    if name.strip() not in kinds:
        raise ValueError(f"no threshold {name.strip()!r}: use one of {', '.join(kinds)}")
    kind = kinds[name.strip()]
    try:
        typed = int(value) if kind in ("int", int) else float(value)
    except ValueError:
        raise ValueError(f"threshold {name.strip()} takes a number, not {value!r}") from None
    return replace(base, **{name.strip(): typed})  # type: ignore[arg-type]  # typed as the field is, above
