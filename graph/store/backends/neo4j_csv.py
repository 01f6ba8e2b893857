"""Node and relationship CSV files in the `neo4j-admin database import` format.

Typed headers (`year:long`, `score:double`, `citedOnly:boolean`, `date:date`,
`aliases:string[]`), `:ID(Label)` id spaces per label, `:START_ID(Label)` /
`:END_ID(Label)` / `:TYPE` for relationships, one file per label and per
(type, from, to). An absent value is an empty field, imported as absent with
`--ignore-empty-strings=true`; list items are separated by `;` (the importer's
default), so a `;` inside an item is written as the full-width `；`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policykg.graph.store.backends import mapping
from policykg.graph.store.backends.base import plain
from policykg.graph.store.backends.mapping import Row

_TYPES = {"STRING": "", "INT64": ":long", "DOUBLE": ":double", "BOOLEAN": ":boolean", "DATE": ":date", "STRING[]": ":string[]"}
ARRAY_DELIMITER = ";"


def _value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, "；") for x in v)
    return str(plain(v))


def export_csv(nodes: dict[str, list[Row]], rels: dict[tuple[str, str, str], list[Row]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in mapping.NODES:
        path = folder / f"nodes_{spec.label}.csv"
        header = [f"key:ID({spec.label})"] + [f"{n}{_TYPES[t]}" for n, t in spec.props if n != "key"] + [":LABEL"]
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for r in nodes[spec.label]:
                w.writerow([r["key"]] + [_value(r.get(n)) for n, _ in spec.props if n != "key"] + [spec.label])
        written.append(path)
    for rel in mapping.RELS:
        for a, b in rel.pairs:
            rows = rels[(rel.type, a, b)]
            if not rows:
                continue
            path = folder / f"rels_{rel.type}_{a}_{b}.csv"
            header = [f":START_ID({a})", f":END_ID({b})"] + [f"{n}{_TYPES[t]}" for n, t in rel.props] + [":TYPE"]
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(header)
                for r in rows:
                    w.writerow([r["source"], r["target"]] + [_value(r.get(n)) for n, _ in rel.props] + [rel.type])
            written.append(path)
    return written


def import_command(files: list[Path], database: str = "neo4j") -> str:
    """The neo4j-admin command that imports these files into an empty database (paths quoted for the shell)."""
    import shlex

    parts = ["neo4j-admin database import full", "--ignore-empty-strings=true", f"--array-delimiter={shlex.quote(ARRAY_DELIMITER)}"]
    for p in files:
        if p.name.startswith("nodes_"):
            parts.append(shlex.quote(f"--nodes={p.name[len('nodes_'):-4]}={p}"))
        else:
            rel_type = p.name[len("rels_"):-4].split("_")
            parts.append(shlex.quote(f"--relationships={'_'.join(rel_type[:-2])}={p}"))
    parts.append("--overwrite-destination " + shlex.quote(database))
    return " \\\n  ".join(parts)


def read_csv(folder: Path) -> tuple[dict[str, list[Row]], dict[tuple[str, str, str], list[Row]]]:
    """Read the files back (typed by their headers): used to re-import them into the embedded engine."""
    import datetime

    casts: dict[str, Callable[[str], Any]] = {"long": int, "double": float, "boolean": lambda s: s == "true",
                                              "date": datetime.date.fromisoformat, "string[]": lambda s: s.split(ARRAY_DELIMITER)}
    nodes: dict[str, list[Row]] = {spec.label: [] for spec in mapping.NODES}
    rels: dict[tuple[str, str, str], list[Row]] = {(r.type, a, b): [] for r in mapping.RELS for a, b in r.pairs}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            for values in reader:
                row: Row = {}
                start = end = None
                for h, v in zip(header, values, strict=True):
                    if h.startswith(":LABEL") or h.startswith(":TYPE"):
                        continue
                    if h.startswith(":START_ID"):
                        start, row["source"] = h[len(":START_ID(") : -1], v
                        continue
                    if h.startswith(":END_ID"):
                        end, row["target"] = h[len(":END_ID(") : -1], v
                        continue
                    name, _, typ = h.partition(":")
                    if typ.startswith("ID("):
                        row["key"] = v
                        continue
                    row[name] = None if v == "" else casts.get(typ, str)(v)
                if path.name.startswith("nodes_"):
                    nodes[path.name[len("nodes_"):-4]].append(row)
                else:
                    rel_type = header[-1] and values[-1]
                    rels[(rel_type, start or "", end or "")].append(row)
    return nodes, rels
