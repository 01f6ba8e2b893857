"""Loading into Neo4j through the official driver: constraints, batched UNWIND … MERGE, retries.

The statements are generated from graph.backends.mapping, the same ones the
embedded engine runs. Managed write transactions retry transient errors (the
driver's own back-off), and each batch is one transaction, so a load can be
repeated safely: MERGE on keys makes it idempotent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policykg.graph.store.backends import mapping
from policykg.graph.store.backends.base import Progress, Result, Store, plain
from policykg.graph.store.backends.mapping import Row, all_rows, batches, neo4j_constraints
from policykg.graph.store.model import PolicyGraph

BATCH = 1000


class Neo4jError(Exception):
    """A one-line, user-facing reason (wrong URI, wrong password, unreachable server)."""


SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def connect(uri: str, user: str, password: str, database: str | None = None) -> Any:
    import logging

    import neo4j
    from neo4j import exceptions as ex

    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise Neo4jError(f"invalid Neo4j URI {uri!r}: use a Bolt address such as neo4j://localhost:7687 "
                         f"(schemes {', '.join(SCHEMES)}), not the HTTP port")
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # the one-line error below says it all
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=10)
        driver.verify_connectivity(database=database) if database else driver.verify_connectivity()
    except ex.AuthError:
        raise Neo4jError(f"authentication failed for user {user!r} at {uri} (check the user and NEO4J_PASSWORD)") from None
    except ex.ServiceUnavailable as exc:
        raise Neo4jError(f"cannot reach a Neo4j server at {uri}: {str(exc).splitlines()[0]}") from None
    except (ex.ConfigurationError, ValueError) as exc:
        raise Neo4jError(f"invalid Neo4j URI {uri!r}: {exc}") from None
    return driver


class Neo4jBackend:
    """A Neo4j server through the official driver: managed write transactions (retried by the driver), one per batch."""

    def __init__(self, driver: Any, database: str | None = None, wipe: bool = False, batch: int = BATCH) -> None:
        self.driver, self.database, self.wipe, self.batch = driver, database, wipe, batch

    def load(self, graph: PolicyGraph, progress: Progress | None = None) -> int:
        return self.load_rows(*all_rows(graph), progress=progress)

    def load_rows(self, nodes: dict[str, list[Row]], rels: dict[tuple[str, str, str], list[Row]], progress: Progress | None = None) -> int:
        def run(tx: Any, stmt: str, params: dict[str, Any]) -> None:
            tx.run(stmt, params).consume()

        done = 0
        with self.driver.session(database=self.database) as session:
            if self.wipe:
                while session.execute_write(
                        lambda tx: tx.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(n) AS c").single()["c"]):
                    pass
            for stmt in neo4j_constraints():
                session.run(stmt).consume()
            for b in batches(nodes, rels, self.batch):
                session.execute_write(run, b.statement(), {"rows": b.rows})
                done += len(b.rows)
                if progress:
                    progress(b.what, len(b.rows))
        return done

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> Result:
        with self.driver.session(database=self.database) as session:
            result = session.run(text, dict(params or {}))
            columns = list(result.keys())
            return columns, [[plain(v) for v in r.values()] for r in result]

    def counts(self) -> dict[str, int]:
        return counts(self.driver, self.database)

    def close(self) -> None:
        self.driver.close()


def counts(driver: Any, database: str | None = None) -> dict[str, int]:
    out = {}
    with driver.session(database=database) as session:
        for label in mapping.NODE:
            out[label] = session.run(f"MATCH (n:{label}) RETURN count(n) AS c").single()["c"]
        for rel in mapping.REL:
            out[rel] = session.run(f"MATCH ()-[e:{rel}]->() RETURN count(e) AS c").single()["c"]
    return out


def from_environment(_path: object = None, _read_only: bool = True) -> Neo4jBackend:
    """The Neo4j server that NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE name (not the build folder)."""
    import os

    uri = os.environ.get("NEO4J_URI")
    if not uri:
        raise ValueError("engine neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD)")
    try:
        driver = connect(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    except Neo4jError as exc:
        raise ValueError(str(exc)) from None
    return Neo4jBackend(driver, os.environ.get("NEO4J_DATABASE"))


STORE = Store("neo4j", "cypher", "", from_environment, "a Neo4j server (NEO4J_URI), queried in Cypher")
