"""The embedded Cypher engine (LadybugDB), loaded from the same mapping as Neo4j.

Saved Cypher runs here when no Neo4j server is configured. LadybugDB needs a
schema, so node and relationship tables are created from the mapping first;
the load statements are the very ones sent to Neo4j.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policykg.graph.store.backends import mapping
from policykg.graph.store.backends.base import Progress, Result, Store, plain
from policykg.graph.store.backends.mapping import Row, all_rows, batches
from policykg.graph.store.model import PolicyGraph

BATCH = 2000


def schema() -> list[str]:
    out = []
    for n in mapping.NODES:
        cols = ", ".join(f"{name} {typ}" for name, typ in n.props)
        out.append(f"CREATE NODE TABLE {n.label}({cols}, PRIMARY KEY(key))")
    for r in mapping.RELS:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in r.pairs)
        cols = ", ".join(f"{name} {typ}" for name, typ in r.props)
        out.append(f"CREATE REL TABLE {r.type}({pairs}, {cols})")
    return out


class LadybugBackend:
    """An embedded property graph (in memory, or on disk at ``path``)."""

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        import ladybug

        if read_only and (path is None or not path.exists()):
            raise FileNotFoundError(f"no embedded Cypher database at {path}: run `policykg build` first")
        if not read_only and path is not None and path.exists():
            raise FileExistsError(f"{path} exists: a database is only ever written into a new build folder")
        self._db = ladybug.Database(str(path) if path else ":memory:", read_only=read_only)
        self.conn = ladybug.Connection(self._db)
        if not read_only:  # a new database
            for stmt in schema():
                self.conn.execute(stmt)

    def load(self, graph: PolicyGraph, progress: Progress | None = None) -> int:
        """A new database bulk-loaded with COPY from data frames (two orders of magnitude faster than the MERGE statements)."""
        return self.copy_rows(*all_rows(graph), progress=progress)

    def copy_rows(self, nodes: dict[str, list[Row]], rels: dict[tuple[str, str, str], list[Row]], progress: Progress | None = None) -> int:
        """COPY every table from a data frame; the same rows MERGE would leave (a key given twice keeps its last row,
        a relationship whose end is missing is left out), so both loading paths give the same graph."""
        import pandas as pd

        def frame(rows: list[Row], columns: list[tuple[str, str, str]]) -> Any:
            # object columns: LadybugDB reads None as null and types each column from its table (pandas' nullable dtypes it cannot scan)
            return pd.DataFrame({name: pd.Series([r.get(field) for r in rows], dtype=object) for name, field, _ in columns})

        done = 0
        keys: dict[str, set[str]] = {}
        for spec in mapping.NODES:
            rows = list({r["key"]: r for r in nodes.get(spec.label, [])}.values())
            keys[spec.label] = {r["key"] for r in rows}
            if rows:
                df = frame(rows, [(name, name, typ) for name, typ in spec.props])  # noqa: F841 (read by COPY … FROM df)
                self.conn.execute(f"COPY {spec.label} FROM df")
                done += len(rows)
                if progress:
                    progress(spec.label, len(rows))
        for rel in mapping.RELS:
            for a, b in rel.pairs:
                rows = list({r["key"]: r for r in rels.get((rel.type, a, b), []) if r["source"] in keys[a] and r["target"] in keys[b]}.values())
                if rows:
                    df = frame(rows, [("from", "source", "STRING"), ("to", "target", "STRING"), *((n, n, t) for n, t in rel.props)])  # noqa: F841
                    self.conn.execute(f"COPY {rel.type} FROM df (from='{a}', to='{b}')")
                    done += len(rows)
                    if progress:
                        progress(f"{rel.type} {a}→{b}", len(rows))
        return done

    def load_rows(self, nodes: dict[str, list[Row]], rels: dict[tuple[str, str, str], list[Row]],
                  progress: Progress | None = None, batch: int = BATCH) -> int:
        done = 0
        for b in batches(nodes, rels, batch):
            # LadybugDB types parameters from their values: a typed column that is null in the whole
            # batch is left out of the SET list (the property stays null) rather than sent untyped.
            types = dict(b.spec.props)
            present = {k for k in types if any(r[k] is not None for r in b.rows)}
            untyped_nulls = any(t != "STRING" and k not in present for k, t in types.items())
            self.conn.execute(b.statement(present if untyped_nulls else None), {"rows": b.rows})
            done += len(b.rows)
            if progress:
                progress(b.what, len(b.rows))
        return done

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> Result:
        result = self.conn.execute(text, dict(params or {}))
        if isinstance(result, list):  # several statements: the last one answers
            result = result[-1]
        columns = result.get_column_names()
        rows: list[list[Any]] = []
        while result.has_next():
            rows.append([plain(v) for v in result.get_next()])
        return columns, rows

    def close(self) -> None:
        import gc

        self.conn.close()
        self._db.close()
        gc.collect()

    def counts(self) -> dict[str, int]:
        out = {}
        for n in mapping.NODES:
            out[n.label] = self.query(f"MATCH (n:{n.label}) RETURN count(n)")[1][0][0]
        for r in mapping.RELS:
            out[r.type] = self.query(f"MATCH ()-[e:{r.type}]->() RETURN count(e)")[1][0][0]
        return out

    def check_syntax(self, cypher: str) -> str | None:
        """The parser's error for ``cypher``, or None when it parses and binds."""
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            prepared = self.conn.prepare(cypher)
        return None if prepared.is_success() else prepared.get_error_message()


STORE = Store("cypher", "cypher", "graph.lbug", lambda path, read_only: LadybugBackend(path, read_only=read_only),
              "the embedded property graph (LadybugDB), queried in Cypher", ("graph.lbug.wal", "graph.lbug.lock"))
