"""Full-text search over a build, with facets: titles, 文号, measure and task text, agency names (with every form they
were written in) and places.

SQLite's FTS5 with its trigram tokenizer reads Chinese without a word segmenter: any three characters in a row match
where they stand. A shorter query (营商, 双) is looked for as a substring. Facets count the matches by kind, place,
level and year, so a page can narrow them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from policykg.graph.store.model import PolicyGraph

FACETS = ("kind", "place", "level", "year")


@dataclass(frozen=True)
class Entry:
    kind: str  # document, measure, task, agency, place
    title: str
    number: str  # the document's 文号 (or its title, for a measure or task)
    place: str
    level: str
    year: str
    address: str  # the page's address in the site
    text: str  # what else is searched: the measure's or task's text, an agency's written forms


def entries(corpus: PolicyGraph, address: Any) -> Iterable[Entry]:
    """What a search finds, one entry per document, measure, task, agency and place; ``address(kind, key)`` is the
    address of its page (the site's)."""
    measures = {m.key for d in corpus.all_documents() for m in d.measures}
    for d in corpus.all_documents():
        number, year, level = str(d.doc_number or ""), (d.date or "")[:4] or (str(d.doc_number.year) if d.doc_number else ""), d.level or ""
        where = d.jurisdiction or ""
        yield Entry("document", d.title, number, where, level, year, address("d", d.key), "")
        for m in d.measures:
            yield Entry("measure", f"{m.written_path} {m.title or m.text[:24]}".strip(), number or d.title[:20], where, level, year,
                        address("m", m.key), m.text)
        for t in d.tasks:
            if t.measure in measures:
                yield Entry("task", f"{t.number} {t.text[:40]}", number or d.title[:20], where, level, year, address("m", t.measure), t.text)
    for a in corpus.agencies:
        yield Entry("agency", a.name, "", a.jurisdiction, a.level or "", "", address("a", a.key), " ".join(a.aliases))
    for name in sorted({d.jurisdiction for d in corpus.documents if d.jurisdiction} | {a.jurisdiction for a in corpus.agencies}):
        yield Entry("place", name, "", name, "", "", address("p", name), "")


class SearchIndex:
    """An in-memory index of a build's entries; :meth:`search` answers one query with its facets."""

    def __init__(self, found: Iterable[Entry]) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, kind, title, number, place, level, year, address, text)")
        self.db.execute("CREATE VIRTUAL TABLE words USING fts5(title, number, text, tokenize='trigram', content='entry', content_rowid='id')")
        self.db.executemany("INSERT INTO entry (kind, title, number, place, level, year, address, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            ((e.kind, e.title, e.number, e.place, e.level, e.year, e.address, e.text) for e in found))
        self.db.execute("INSERT INTO words (rowid, title, number, text) SELECT id, title, number, text FROM entry")

    def search(self, q: str, filters: dict[str, str] | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """The entries matching ``q`` (all words, ranked: titles first), narrowed by ``filters`` (facet → value); the
        total, one page of results and the facet counts of the matches before narrowing by that facet.

        >>> index = SearchIndex([
        ...     Entry("measure", "1 推行双随机监管", "沪府办规〔2023〕1号", "上海市", "municipal", "2023", "m/a.html", "全面推行双随机监管"),
        ...     Entry("agency", "金山区市场监督管理局", "", "金山区", "district", "", "a/b.html", "区市场监管局")])
        >>> found = index.search("双随机"); found["total"], found["results"][0]["address"], found["facets"]["kind"]
        (1, 'm/a.html', {'measure': 1})
        >>> index.search("市场监管", {"kind": "agency"})["results"][0]["title"]
        '金山区市场监督管理局'
        """
        filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
        words = [w for w in q.split() if w]
        if not words:
            return {"total": 0, "results": [], "facets": {f: {} for f in FACETS}}
        clauses, args = [], []
        long_words = [w for w in words if len(w) >= 3]
        if long_words:
            clauses.append("id IN (SELECT rowid FROM words WHERE words MATCH ?)")
            args.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long_words))
        for w in words:
            if len(w) < 3:  # too short for a trigram: looked for as a substring
                clauses.append("(instr(title, ?) OR instr(number, ?) OR instr(text, ?))")
                args += [w, w, w]
        base = " AND ".join(clauses)

        def narrowed(skip: str = "") -> tuple[str, list[str]]:
            extra = [f"{k} = ?" for k in filters if k != skip]
            return " AND ".join([base, *extra]), args + [v for k, v in filters.items() if k != skip]

        where, values = narrowed()
        total = self.db.execute(f"SELECT COUNT(*) FROM entry WHERE {where}", values).fetchone()[0]  # noqa: S608 — fixed SQL
        rows = self.db.execute(
            f"SELECT kind, title, number, place, level, year, address FROM entry WHERE {where} "  # noqa: S608 — fixed SQL
            "ORDER BY (instr(title, ?) = 0), kind = 'task', length(title), id LIMIT ? OFFSET ?", [*values, words[0], limit, offset]).fetchall()
        facets = {}
        for facet in FACETS:
            where, values = narrowed(facet)
            counts = self.db.execute(f"SELECT {facet}, COUNT(*) FROM entry WHERE {where} AND {facet} != '' GROUP BY {facet} "  # noqa: S608
                                     "ORDER BY COUNT(*) DESC, 1 LIMIT 30", values).fetchall()
            facets[facet] = dict(counts)
        keys = ("kind", "title", "number", "place", "level", "year", "address")
        return {"total": total, "results": [dict(zip(keys, r, strict=True)) for r in rows], "facets": facets}
