"""Loading into Neo4j through the official driver: constraints, batched UNWIND … MERGE, retries.

The statements are generated from graph.backends.mapping, the same ones the
embedded engine runs. Managed write transactions retry transient errors (the
driver's own back-off), and each batch is one transaction, so a load can be
repeated safely: MERGE on keys makes it idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from policykg.graph.backends.mapping import NODE, REL, Row, load_statements, neo4j_constraints

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


def load(driver: Any, nodes: dict[str, list[Row]], rels: dict[tuple[str, str, str], list[Row]], database: str | None = None,
         wipe: bool = False, progress: Callable[[str, int], None] | None = None, batch: int = BATCH) -> int:
    def run(tx: Any, stmt: str, params: dict[str, Any]) -> None:
        tx.run(stmt, params).consume()

    done = 0
    with driver.session(database=database) as session:
        if wipe:
            while True:
                deleted = session.execute_write(
                    lambda tx: tx.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(n) AS c").single()["c"])
                if not deleted:
                    break
        for stmt in neo4j_constraints():
            session.run(stmt).consume()
        for stmt, kind, selector in load_statements():
            rows = nodes[selector[0]] if kind == "node" else rels[selector]  # type: ignore[index]
            names = [n for n, _ in (NODE[selector[0]].props if kind == "node" else REL[selector[0]].props)]
            names += [] if kind == "node" else ["source", "target"]
            for i in range(0, len(rows), batch):
                chunk = [{k: r.get(k) for k in names} for r in rows[i : i + batch]]
                session.execute_write(run, stmt, {"rows": chunk})
                done += len(chunk)
                if progress:
                    progress(f"{kind} {'/'.join(selector)}", len(chunk))
    return done


def counts(driver: Any, database: str | None = None) -> dict[str, int]:
    out = {}
    with driver.session(database=database) as session:
        for label in NODE:
            out[label] = session.run(f"MATCH (n:{label}) RETURN count(n) AS c").single()["c"]
        for rel in REL:
            out[rel] = session.run(f"MATCH ()-[e:{rel}]->() RETURN count(e) AS c").single()["c"]
    return out


def query(driver: Any, cypher: str, params: dict[str, Any] | None = None, database: str | None = None) -> tuple[list[str], list[list[Any]]]:
    with driver.session(database=database) as session:
        result = session.run(cypher, params or {})
        columns = list(result.keys())
        return columns, [list(r.values()) for r in result]
