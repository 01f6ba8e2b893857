"""Saved queries: one file per query and language, each with a header.

    # name: agency-load                      (SPARQL: '#' comments; Cypher: '//' comments)
    # description: 中文说明 / English description
    # param: jurisdiction = "" — only this jurisdiction ("" for all)
    # columns: key, name, …

Parameters are always bound by the engine, never formatted into the text:
Cypher receives ``$name``; SPARQL uses the variable ``?param_name``, which
Oxigraph substitutes (SEP-0007) — it must be projected (and grouped on, in an
aggregate query), and the runner drops it from the results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
LANGUAGES = {"sparql": ("sparql", ".rq", "#"), "cypher": ("cypher", ".cypher", "//")}


@dataclass(frozen=True)
class Param:
    name: str
    default: str | int | float
    doc: str


@dataclass(frozen=True)
class Query:
    name: str
    language: str
    path: Path
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str


def _default(raw: str) -> str | int | float:
    raw = raw.strip()
    if raw.startswith('"') and raw.endswith('"'):
        return raw[1:-1]
    try:
        return int(raw)
    except ValueError:
        return float(raw)


def parse(path: Path, language: str) -> Query:
    comment = LANGUAGES[language][2]
    header: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith(comment):
            continue
        m = re.match(rf"^{re.escape(comment)}\s*(\w+):\s*(.*)$", line)
        if m:
            header.setdefault(m.group(1), []).append(m.group(2).strip())
    if "name" not in header or "columns" not in header:
        raise ValueError(f"{path}: the header needs 'name' and 'columns'")
    params = []
    for p in header.get("param", []):
        m = re.match(r"^(\w+)\s*=\s*(\"[^\"]*\"|[-\d.]+)\s*(?:—|-)?\s*(.*)$", p)
        if not m:
            raise ValueError(f"{path}: bad param line {p!r}")
        params.append(Param(m.group(1), _default(m.group(2)), m.group(3)))
    columns = tuple(c.strip() for c in header["columns"][0].split(","))
    return Query(header["name"][0], language, path, " ".join(header.get("description", [])), tuple(params), columns,
                 path.read_text(encoding="utf-8"))


@cache
def catalog() -> dict[tuple[str, str], Query]:
    out = {}
    for language, (folder, suffix, _) in LANGUAGES.items():
        for path in sorted((HERE / folder).glob(f"*{suffix}")):
            q = parse(path, language)
            out[(q.name, language)] = q
    return out


def names() -> list[str]:
    return sorted({name for name, _ in catalog()})


def get(name: str, language: str) -> Query:
    try:
        return catalog()[(name, language)]
    except KeyError:
        raise KeyError(f"no saved {language} query named {name!r}; known: {', '.join(names())}") from None
