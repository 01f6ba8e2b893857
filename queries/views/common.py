"""What every view shares: the pyvis network, tooltips, search text, facets and panels, and turning a network into
one offline page (``render``, ``write_view``, ``show``)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.records import Document, Implements, Provenance
from policykg.queries import viewpage as vp

PHYSICS_LIMIT = 1000  # past this many nodes: positions computed here, physics off


BAND = 260  # horizontal distance between boxes of a row


ROW = 170  # vertical distance between rows


LIST_LIMIT = 60  # items listed in a panel before "… N more"


ROLE_LABELS = {"lead": "牵头 lead", "supporting": "配合 supporting", "unspecified": "责任 responsible"}


def cut(text: str, limit: int) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tip(*lines: object) -> str:
    """Hover text: plain lines (the page shows them as text, never as markup)."""
    return "\n".join(str(x) for x in lines if x)


def search_text(*texts: object) -> str:
    return " ".join(str(t) for t in texts if t).lower()


def network(physics: bool = True) -> Any:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", notebook=False)
    net.options = vp.options(physics=physics)
    net.pkg_page = {"legend": "", "notes": [], "config": {}}
    return net


def doc_line(d: Document) -> str:
    """Document, 文号 and date in one line: what every node names."""
    return " · ".join(x for x in (d.jurisdiction or "", str(d.doc_number or "无文号"), d.date or "无日期") if x)


def where(corpus: PolicyGraph, p: Provenance) -> str:
    return f"{corpus.locate(p.span.file, p.span.line_start, p.span.line_end)} · {p.rule}"


def doc_source(corpus: PolicyGraph, d: Document) -> str:
    if not d.sources:
        return "仅被引用 cited only: not in the corpus"
    s = d.sources[0]
    return corpus.locate(s.file, s.line_start, s.line_end)


def doc_facts(corpus: PolicyGraph, d: Document) -> dict[str, Any]:
    written = [["原文 as written", d.original_title]] if d.original_title else []
    return {"kv": [["文件 document", d.title], *written, ["文号", str(d.doc_number or "—")], ["日期 date", d.date or "—"],
                   ["辖区 jurisdiction", " › ".join(d.jurisdiction_path) or d.jurisdiction or "—"], ["层级 level", d.level or "—"],
                   ["来源 source", doc_source(corpus, d)]]}


def year_of(d: Document) -> str:
    return (d.date or "")[:4] or (str(d.doc_number.year) if d.doc_number else "")


def filters(items: Iterable[dict[str, Any]], *names: tuple[str, str]) -> list[dict[str, Any]]:
    """Filter menus for the facets the items carry (values sorted; a facet with one value is no filter)."""
    out = []
    for name, label in names:
        values = sorted({str(v) for it in items for v in as_list(it.get("facets", {}).get(name)) if v not in (None, "")})
        if len(values) > 1:
            out.append({"name": name, "label": label, "values": values})
    return out


def as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def segments(text: str, ranges: list[tuple[int, int, str]]) -> list[list[str]]:
    """The whole text cut into [piece, class] at the marked ranges (kept / added / dropped)."""
    out, at = [], 0
    for start, end, cls in sorted(ranges):
        if start < at:
            continue
        if start > at:
            out.append([text[at:start], ""])
        out.append([text[start:end], cls])
        at = end
    if at < len(text):
        out.append([text[at:], ""])
    return out


def render(net: Any, kind: str, heading: str = "") -> str:
    """The self-contained page of a view."""
    extra = getattr(net, "pkg_page", None) or {}
    return vp.page(net, kind, heading, legend_html=extra.get("legend", ""), notes=extra.get("notes"), config=extra.get("config"))


def write_view(net: Any, kind: str, path: Path, heading: str = "") -> Path:
    return vp.write(render(net, kind, heading), path)


def show(net: Any, kind: str = "overview", heading: str = "", height: int = 820) -> Any:
    """The view inline in Jupyter."""
    return show_page(render(net, kind, heading), height)


def show_page(page: str, height: int = 820) -> Any:
    """A whole page inline in Jupyter: an iframe holding it (its scripts run apart from the notebook's)."""
    import importlib

    # Looked up by name: whether IPython.display re-exports HTML (and so whether a type checker sees it) changes
    # between IPython releases; the object is the same.
    html_display: Any = importlib.import_module("IPython.display").HTML
    frame = f'<iframe srcdoc="{html.escape(page)}" style="width:100%;height:{height}px;border:1px solid #d5d8dc"></iframe>'
    return html_display(f"<div>{frame}</div>")  # (a bare <iframe> makes IPython warn)


def implements_panel(corpus: PolicyGraph, link: Implements) -> list[dict[str, Any]]:
    """The two texts side by side: kept wording on both, what the district added, what it dropped."""
    from policykg.queries.diff import diff_json

    source, target = corpus.unit(link.source), corpus.unit(link.target)
    sdoc, tdoc = corpus.document_of(link.source), corpus.document_of(link.target)
    if source is None or target is None or sdoc is None or tdoc is None:
        return [{"p": f"{link.source} → {link.target}"}]
    d = diff_json(source.text, target.text, lambda _o: 0, lambda _o: 0)
    left = [(r["district_start"], r["district_end"], kind) for kind in ("kept", "added") for r in d[kind]]
    right = [(r["municipal_start"], r["municipal_end"], kind) for kind in ("kept", "dropped") for r in d[kind]]
    shares = f"{d['kept_share']:.0%} of the derivative's wording; {d['covered_share']:.0%} of the source's"
    return [
        {"h": f"落实 implements · {vp.RELATION_LABELS.get(link.relation, link.relation)}"},
        {"kv": [["score", f"{link.score:.2f} ({link.confidence}) · {link.method}"], ["cosine / reuse", f"{link.cosine:.2f} / {link.reuse:.2f}"],
                ["比较 compared", link.comparison or "—"], ["保留 kept", shares],
                ["来源 provenance", where(corpus, link.provenance)]]},
        {"side": [{"head": f"{doc_line(sdoc)}\n{source.written_path} {source.title}", "segs": segments(source.text, left)},
                  {"head": f"{doc_line(tdoc)}\n{target.written_path} {target.title}", "segs": segments(target.text, right)}]},
        {"note": "绿 kept: shared wording · 黄 added by the derivative · 红删除线 dropped from the source"},
    ]


def unit_panel(corpus: PolicyGraph, key: str, sources: list[Implements]) -> list[dict[str, Any]]:
    d, x = corpus.units[key]
    owners = []
    for o in corpus.owners_of(key):
        agency = corpus.agency(o.agency)
        owners.append(f"{ROLE_LABELS.get(o.role, o.role)}: {agency.name if agency else o.text}")
    deadlines = [f"{m.text}{' → ' + m.end if m.end else ''}" for m in getattr(x, "deadlines", ())]
    original = getattr(x, "original_text", "")
    out: list[dict[str, Any]] = [{"h": f"{x.written_path} {x.title}"}, doc_facts(corpus, d), {"p": x.text},
                                 *([{"kv": [["原文 as written", original]]}] if original else []),
                                 {"kv": [["责任单位 owners", "；".join(owners) or "—"], ["时限 deadlines", "；".join(deadlines) or "—"],
                                         ["行 lines", where(corpus, x.provenance)]]}]
    if sources:
        out.append({"items": [{"text": f"→ {s.target} · {vp.RELATION_LABELS.get(s.relation, s.relation)} · {s.score:.2f} ({s.confidence})",
                               "focus": s.target} for s in sources]})
    return out


@dataclass(frozen=True)
class View:
    """A view as ``policykg view NAME ARGS…`` finds it: each view module declares one as ``VIEW``."""

    name: str
    make: Callable[[PolicyGraph, tuple[str, ...], dict[str, Any]], tuple[Any, str]]  # (build, args, options) → (network, heading)
    usage: str  # its arguments, for the command's help


def document_of(corpus: PolicyGraph, ref: str) -> Document:
    """A document by key or 文号; a ValueError says what keys look like."""
    d = corpus.get(ref)
    if d is None:
        known = ", ".join(x.key for x in corpus.documents[:6])
        raise ValueError(f"no document with key or 文号 {ref!r} (see `policykg documents`; keys look like {known} …)")
    return d
