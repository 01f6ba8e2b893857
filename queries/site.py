"""The build as a site: a page for every document, measure, agency and place, a search page, all linked.

`policykg site --out DIR` writes the pages as static files that open from disk (an intranet share, a laptop with
no network): every page has a stable address made from its record's key (``d/金发改规-2023-2.html``,
``m/金发改规-2023-2~2.1.2.html``), so a link to a measure can be shared; tables come with a CSV beside them;
search runs in the page over an index written with the site (titles, 文号, measure and task text, agency names and
the forms they were written in). Nothing is fetched from the network. Pages print cleanly (a print stylesheet hides
the controls, and the wording a district kept, added or dropped is bold, underlined or struck through, not
only coloured).

The pages are Jinja2 templates (``site_templates/``) filled from the built graph: the site reads the build folder,
never the documents.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from policykg.graph.store.buildfolder import exchange
from policykg.ontology.records import Agency, Document, Implements, Measure, Section
from policykg.queries.diff import side_by_side
from policykg.queries.viewpage import RELATION_COLOURS, RELATION_LABELS

if TYPE_CHECKING:
    from policykg.graph.store.model import PolicyGraph

KINDS = {"d": "document", "m": "measure", "a": "agency", "p": "place", "c": "coverage"}
LEVEL_LABELS = {"national": "国家 national", "provincial": "省 provincial", "municipal": "市 municipal", "district": "区 district",
                "county": "县 county", "district_branch": "区分局 district branch", "national_branch": "垂直 national branch"}
ROLE_LABELS = {"lead": "牵头 lead", "supporting": "配合 supporting", "unspecified": "责任 responsible"}
_UNSAFE = re.compile(r'[\\/:*?"<>|#%\s]')  # characters no file name on a shared drive may hold


@dataclass(frozen=True)
class Summary:
    pages: int
    by_kind: dict[str, int]
    out: Path


class Addresses:
    """Each record's page, from its key: readable, stable across rebuilds, unique (a hash settles a rare clash)."""

    def __init__(self) -> None:
        self._taken: dict[str, str] = {}

    def page(self, kind: str, key: str) -> str:
        slug = _UNSAFE.sub("~", key)
        if self._taken.setdefault(f"{kind}/{slug}", key) != key:
            slug = f"{slug}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"
        return f"{kind}/{slug}.html"


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "site_templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["url"] = lambda path: quote(path, safe="/#%~")  # a page path; its #fragment is quoted already
    return env


def _csv(rows: Iterable[dict[str, Any]], columns: list[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # a BOM, so spreadsheet programs read the Chinese as UTF-8


class Site:
    """The pages of one build; ``write`` puts them in a folder."""

    def __init__(self, corpus: PolicyGraph) -> None:
        self.corpus = corpus
        self.addr = Addresses()
        self.env = _env()
        self.units: dict[str, tuple[Document, Measure | Section]] = {}
        for d in corpus.all_documents():
            for sec in d.sections:
                self.units[sec.key] = (d, sec)
            for m in d.measures:
                self.units[m.key] = (d, m)
        self.docs_in: dict[str, list[Document]] = defaultdict(list)
        for d in corpus.documents:
            self.docs_in[d.jurisdiction or ""].append(d)
        self.agencies_in: dict[str, list[Agency]] = defaultdict(list)
        for a in corpus.agencies:
            self.agencies_in[a.jurisdiction].append(a)
        self.owned: dict[str, list[Any]] = defaultdict(list)
        self.owns: dict[str, list[Any]] = defaultdict(list)
        for o in corpus.owned_by:
            self.owned[o.measure].append(o)
            self.owns[o.agency].append(o)
        from policykg.queries.coverage import parents_with_derivatives

        self.covered = {d.key for d in parents_with_derivatives(corpus)}
        self.parents: dict[str, list[Any]] = defaultdict(list)
        self.children: dict[str, list[Any]] = defaultdict(list)
        for dl in corpus.doc_links:
            if dl.type == "derived_from":
                self.parents[dl.source].append(dl)
                self.children[dl.target].append(dl)

    # links ------------------------------------------------------------------------------------------------------
    def doc_link(self, key: str) -> dict[str, Any]:
        d = self.corpus.get(key)
        title = d.title if d else key
        number = str(d.doc_number) if d and d.doc_number else ""
        return {"href": self.addr.page("d", key), "title": title, "number": number, "jurisdiction": (d.jurisdiction or "") if d else "",
                "date": (d.date or "") if d else "", "cited_only": bool(d and d.cited_only)}

    def unit_link(self, key: str) -> dict[str, str]:
        d, x = self.units[key]
        label = f"{x.written_path} {x.title or x.text[:30]}".strip()
        page = self.addr.page("m", key) if isinstance(x, Measure) else self.addr.page("d", d.key) + "#" + quote(key)
        return {"href": page, "label": label, "document": d.title, "number": str(d.doc_number or ""), "jurisdiction": d.jurisdiction or ""}

    def agency_link(self, key: str) -> dict[str, str]:
        a = self.corpus.agency(key)
        return {"href": self.addr.page("a", key), "name": a.name if a else key, "jurisdiction": a.jurisdiction if a else ""}

    def place_link(self, name: str) -> dict[str, str]:
        return {"href": self.addr.page("p", name), "name": name}

    def _link_view(self, link: Implements, other: str) -> dict[str, Any]:
        return {**self.unit_link(other), "relation": link.relation, "relation_label": RELATION_LABELS.get(link.relation, link.relation),
                "colour": RELATION_COLOURS.get(link.relation, "#999"), "confidence": link.confidence, "score": link.score,
                "method": link.method, "comparison": link.comparison, "evidence": [e.text for e in link.evidence]}

    def _owners(self, key: str) -> list[dict[str, str]]:
        return [{**self.agency_link(o.agency), "role": o.role, "role_label": ROLE_LABELS.get(o.role, o.role), "written": o.text}
                for o in sorted(self.owned.get(key, []), key=lambda o: (o.role != "lead", o.provenance.span.line_start, o.agency))]

    # pages ------------------------------------------------------------------------------------------------------
    def measure_row(self, m: Measure) -> dict[str, Any]:
        return {
            "key": m.key, "anchor": m.key, "number": m.written_path, "title": m.title, "text": m.text, "kind": m.kind,
            "href": self.addr.page("m", m.key), "owners": self._owners(m.key),
            "deadlines": [dl.text for dl in m.deadlines], "targets": [t.text for t in m.targets],
            "lines": f"{m.provenance.span.file}:{m.provenance.span.line_start}-{m.provenance.span.line_end}",
            "sources": [self._link_view(x, x.target) for x in self.corpus.implements_from(m.key) if x.confidence != "low"],
            "implementers": len([x for x in self.corpus.implements_to(m.key) if x.confidence != "low"]),
        }

    def document_page(self, d: Document) -> dict[str, Any]:
        rows = [self.measure_row(m) for m in d.measures]
        prov = {k: f"{p.span.file}:{p.span.line_start}-{p.span.line_end} ({p.rule})" for k, p in d.provenance.items()}
        return {
            "doc": d, "number": str(d.doc_number or ""), "level": LEVEL_LABELS.get(d.level or "", d.level or ""),
            "place": self.place_link(d.jurisdiction) if d.jurisdiction else None, "prov": prov,
            "issuers": [(i.name, i.role) for i in d.issuers],
            "sources": [f"{s.file}:{s.line_start}-{s.line_end}" for s in d.sources],
            "parents": [{**self.doc_link(dl.target), "cue": dl.cue, "rule": dl.rule} for dl in self.parents.get(d.key, [])],
            "children": [{**self.doc_link(dl.source), "cue": dl.cue} for dl in self.children.get(d.key, [])],
            "sections": [{"anchor": s.key, "number": s.written_path, "title": s.title, "depth": s.level} for s in d.sections],
            "measures": rows, "csv": self.addr.page("d", d.key).replace(".html", ".csv"),
            "coverage": self.addr.page("c", d.key) if d.key in self.covered else None,
        }

    def measure_page(self, d: Document, m: Measure) -> dict[str, Any]:
        row = self.measure_row(m)
        comparisons = []
        for link in self.corpus.implements_from(m.key):
            _, target = self.units.get(link.target, (None, None))
            if target is None:
                continue
            comparisons.append({**self._link_view(link, link.target), "target_text": target.text,
                                "rows": side_by_side(m.text, target.text)})
        implementers = [self._link_view(x, x.source) for x in self.corpus.implements_to(m.key)]
        tasks = [{"number": t.number, "text": t.text, "owners": "、".join(o.text for o in t.owners),
                  "deadlines": "；".join(dl.text for dl in t.deadlines)} for t in self.corpus.tasks_of(m.key)]
        return {"doc": d, "document": self.doc_link(d.key), "m": row, "comparisons": comparisons, "implementers": implementers,
                "tasks": tasks, "original": m.original_text}

    def agency_page(self, a: Agency) -> dict[str, Any]:
        owned = self.owns.get(a.key, [])
        rows = []
        per_doc: Counter[tuple[str, str]] = Counter()
        for o in sorted(owned, key=lambda o: o.measure):
            if o.measure not in self.units:
                continue
            d, x = self.units[o.measure]
            per_doc[(d.key, o.role)] += 1
            dls = list(getattr(x, "deadlines", ()))
            rows.append({**self.unit_link(o.measure), "role": o.role, "role_label": ROLE_LABELS.get(o.role, o.role), "written": o.text,
                         "due": min((dl.end for dl in dls if dl.end), default=""), "deadline": "；".join(dl.text for dl in dls),
                         "year": (d.date or "")[:4]})
        docs = sorted({k for k, _ in per_doc})
        load = [{**self.doc_link(k), "lead": per_doc[(k, "lead")], "supporting": per_doc[(k, "supporting")],
                 "unspecified": per_doc[(k, "unspecified")]} for k in docs]
        co: Counter[str] = Counter()
        for o in owned:
            co.update(x.agency for x in self.owned.get(o.measure, []) if x.agency != a.key)
        return {
            "a": a, "level": LEVEL_LABELS.get(a.level, a.level), "place": self.place_link(a.jurisdiction),
            "parent": self.agency_link(a.parent) if a.parent else None, "counterpart": self.agency_link(a.counterpart) if a.counterpart else None,
            "load": load, "rows": rows, "dated": sorted((r for r in rows if r["due"]), key=lambda r: (r["due"], r["label"])),
            "co_owners": [{**self.agency_link(k), "shared": n} for k, n in co.most_common(15)],
            "csv": self.addr.page("a", a.key).replace(".html", ".csv"),
        }

    def place_page(self, name: str) -> dict[str, Any]:
        docs = sorted(self.docs_in.get(name, []), key=lambda d: (d.date or "", d.key))
        agencies = sorted(self.agencies_in.get(name, []), key=lambda a: (a.kind, a.name))
        covered = []
        for d in docs:
            hit = {x.target for m in d.measures for x in self.corpus.implements_from(m.key) if x.confidence != "low"}
            for dl in self.parents.get(d.key, []):
                parent = self.corpus.get(dl.target)
                if parent is None or not parent.measures:
                    continue
                total = [m for m in parent.measures if m.kind != "annex"]
                covered.append({"document": self.doc_link(d.key), "parent": self.doc_link(parent.key),
                                "implemented": sum(1 for m in total if m.key in hit), "total": len(total)})
        return {"name": name, "documents": [self.doc_link(d.key) for d in docs], "covered": covered,
                "agencies": [{**self.agency_link(a.key), "kind": a.kind, "measures": len(self.owns.get(a.key, []))}
                             for a in agencies],
                "csv": self.addr.page("p", name).replace(".html", ".csv")}

    def index_entries(self) -> list[dict[str, str]]:
        """What the search page searches: one entry per document, measure, task, agency and place."""
        out = []
        for d in self.corpus.all_documents():
            out.append({"k": "document", "t": d.title, "n": str(d.doc_number or ""), "j": d.jurisdiction or "",
                        "u": self.addr.page("d", d.key), "x": ""})
            for m in d.measures:
                out.append({"k": "measure", "t": f"{m.written_path} {m.title or m.text[:24]}".strip(), "n": str(d.doc_number or d.title[:20]),
                            "j": d.jurisdiction or "", "u": self.addr.page("m", m.key), "x": m.text})
            for t in d.tasks:
                if t.measure in self.units and isinstance(self.units[t.measure][1], Measure):
                    out.append({"k": "task", "t": f"{t.number} {t.text[:40]}", "n": str(d.doc_number or d.title[:20]), "j": d.jurisdiction or "",
                                "u": self.addr.page("m", t.measure), "x": t.text})
        for a in self.corpus.agencies:
            out.append({"k": "agency", "t": a.name, "n": "", "j": a.jurisdiction, "u": self.addr.page("a", a.key), "x": " ".join(a.aliases)})
        for name in self.places():
            out.append({"k": "place", "t": name, "n": "", "j": name, "u": self.addr.page("p", name), "x": ""})
        return out

    def places(self) -> list[str]:
        return sorted({d.jurisdiction for d in self.corpus.documents if d.jurisdiction} | {a.jurisdiction for a in self.corpus.agencies})

    # writing ----------------------------------------------------------------------------------------------------
    def files(self) -> Iterable[tuple[str, bytes]]:
        """(relative path, bytes) of every file of the site, in a stable order."""
        render = self._render
        docs = sorted(self.corpus.documents, key=lambda d: (d.jurisdiction or "", d.date or "", d.key))
        home_rows = [{**self.doc_link(d.key), "level": LEVEL_LABELS.get(d.level or "", ""), "measures": len(d.measures),
                      "structure": d.structure} for d in docs]
        counts = {"documents": len(docs), "measures": sum(len(d.measures) for d in docs), "agencies": len(self.corpus.agencies),
                  "links": sum(1 for x in self.corpus.implements if x.confidence != "low"), "places": len(self.places())}
        yield "index.html", render("home.html", "", rows=home_rows, counts=counts, places=[self.place_link(p) for p in self.places()])
        yield "documents.csv", _csv(home_rows, ["number", "title", "date", "jurisdiction", "level", "measures", "structure"])
        yield "search.html", render("search.html", "")
        yield "static/search-index.js", ("window.PKG_INDEX = " + json.dumps(self.index_entries(), ensure_ascii=False, separators=(",", ":"))
                                         + ";\n").encode("utf-8")
        for name in ("site.css", "site.js"):
            yield f"static/{name}", (Path(__file__).parent / "site_templates" / name).read_bytes()
        for d in self.corpus.all_documents():
            page = self.document_page(d)
            yield self.addr.page("d", d.key), render("document.html", "../", **page)
            yield page["csv"], _csv(({**r, "owners": "、".join(o["name"] for o in r["owners"]), "deadlines": "；".join(r["deadlines"]),
                                      "sources": "；".join(f"{s['number']} {s['label']}" for s in r["sources"])} for r in page["measures"]),
                                    ["number", "title", "text", "owners", "deadlines", "sources", "implementers", "lines"])
            for m in d.measures:
                yield self.addr.page("m", m.key), render("measure.html", "../", **self.measure_page(d, m))
        from policykg.queries.coverage import coverage_html, parents_with_derivatives

        for plan in parents_with_derivatives(self.corpus):  # a plan × its derivatives, every cell linking to measures
            table = coverage_html(self.corpus, plan, lambda key: "../" + quote(self.unit_link(key)["href"], safe="/#%~"))
            yield self.addr.page("c", plan.key), table.encode("utf-8")
        for a in self.corpus.agencies:
            page = self.agency_page(a)
            yield self.addr.page("a", a.key), render("agency.html", "../", **page)
            yield page["csv"], _csv(page["rows"], ["number", "document", "label", "role", "written", "deadline", "due", "year"])
        for name in self.places():
            page = self.place_page(name)
            yield self.addr.page("p", name), render("place.html", "../", **page)
            yield page["csv"], _csv(page["documents"], ["number", "title", "date", "jurisdiction"])

    def _render(self, template: str, root: str, **context: Any) -> bytes:
        text: str = self.env.get_template(template).render(root=root, relation_colours=RELATION_COLOURS,
                                                            relation_labels=RELATION_LABELS, **context)
        return text.encode("utf-8")


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_site(corpus: PolicyGraph, out: Path) -> Summary:
    """Write the site into ``out`` in one step: the pages go to a folder beside it that replaces it when complete,
    so a failed or killed run leaves the previous site as it was."""
    import shutil
    import tempfile

    out = out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / "search.html").exists():
        raise FileExistsError(f"{out} holds files that are not a policykg site; choose an empty or new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.site-", dir=out.parent))
    by_kind: Counter[str] = Counter()
    try:
        for rel, data in Site(corpus).files():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            if rel.endswith(".html"):
                by_kind[KINDS.get(rel.split("/", 1)[0], "page") if "/" in rel else "page"] += 1
        staging.chmod(0o777 & ~_umask())
        if not out.exists():
            staging.rename(out)
        elif exchange(staging, out):  # one atomic swap: readers see the old site or the new one, never neither
            shutil.rmtree(staging)
        else:  # no renameat2 here: the old site steps aside for a moment
            old = out.with_name(f".{out.name}.old-site")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Summary(sum(by_kind.values()), dict(by_kind), out)
