"""The embedded Cypher engine (LadybugDB), loaded from the same mapping as Neo4j.

Saved Cypher runs here when no Neo4j server is configured. LadybugDB needs a
schema, so node and relationship tables are created from the mapping first;
the load statements are the very ones sent to Neo4j.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from policykg.graph.backends.mapping import NODE, NODES, REL, RELS, Row, load_statements, merge_node, merge_rel

BATCH = 2000


def schema() -> list[str]:
    out = []
    for n in NODES:
        cols = ", ".join(f"{name} {typ}" for name, typ in n.props)
        out.append(f"CREATE NODE TABLE {n.label}({cols}, PRIMARY KEY(key))")
    for r in RELS:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in r.pairs)
        cols = ", ".join(f"{name} {typ}" for name, typ in r.props)
        out.append(f"CREATE REL TABLE {r.type}({pairs}, {cols})")
    return out


class LadybugBackend:
    """An embedded property graph (in memory, or on disk at ``path``)."""

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        import ladybug

        self._db = ladybug.Database(str(path) if path else ":memory:", read_only=read_only)
        self.conn = ladybug.Connection(self._db)
        if not read_only:  # a new database (write_database removes any old one first)
            for stmt in schema():
                self.conn.execute(stmt)

    def load(self, nodes: dict[str, list[Row]], rels: dict[tuple[str, str, str], list[Row]],
             progress: Callable[[str, int], None] | None = None, batch: int = BATCH) -> int:
        done = 0
        for stmt, kind, selector in load_statements():
            rows = nodes[selector[0]] if kind == "node" else rels[selector]  # type: ignore[index]
            spec_props = NODE[selector[0]].props if kind == "node" else REL[selector[0]].props
            props = [name for name, _ in spec_props] + ([] if kind == "node" else ["source", "target"])
            for i in range(0, len(rows), batch):
                chunk = [{k: r.get(k) for k in props} for r in rows[i : i + batch]]
                # LadybugDB types parameters from their values: a typed column that is null in the whole
                # batch is left out of the SET list (the property stays null) rather than sent untyped.
                present = {k for k in props if any(r[k] is not None for r in chunk)}
                spec_types = dict(spec_props)
                if any(spec_types.get(k) != "STRING" and k not in present for k in spec_types):
                    keep = {k for k in present if k in spec_types}
                    stmt_now = merge_node(NODE[selector[0]], keep) if kind == "node" else merge_rel(REL[selector[0]], selector[1], selector[2], keep)
                else:
                    stmt_now = stmt
                self.conn.execute(stmt_now, {"rows": chunk})
                done += len(chunk)
                if progress:
                    progress(f"{kind} {'/'.join(selector)}", len(chunk))
        return done

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        result = self.conn.execute(cypher, params or {})
        if isinstance(result, list):  # several statements: the last one answers
            result = result[-1]
        columns = result.get_column_names()
        rows: list[list[Any]] = []
        while result.has_next():
            rows.append(list(result.get_next()))
        return columns, rows

    def counts(self) -> dict[str, int]:
        out = {}
        for n in NODES:
            out[n.label] = self.query(f"MATCH (n:{n.label}) RETURN count(n)")[1][0][0]
        for r in RELS:
            out[r.type] = self.query(f"MATCH ()-[e:{r.type}]->() RETURN count(e)")[1][0][0]
        return out

    def check_syntax(self, cypher: str) -> str | None:
        """The parser's error for ``cypher``, or None when it parses and binds."""
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            prepared = self.conn.prepare(cypher)
        return None if prepared.is_success() else prepared.get_error_message()


def write_database(path: Path, nodes: dict[str, list[Row]], rels: dict[tuple[str, str, str], list[Row]]) -> int:
    """A fresh on-disk embedded database at ``path`` (replacing any previous one)."""
    import gc
    import shutil

    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    for extra in path.parent.glob(path.name + ".*"):
        extra.unlink()  # write-ahead log and the like
    backend = LadybugBackend(path)
    rows = backend.load(nodes, rels)
    del backend
    gc.collect()
    return rows
