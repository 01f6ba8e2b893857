from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = ROOT / "corpus"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus():
    from policykg.graph.build.pipeline import build_corpus

    return build_corpus(CORPUS)


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory):
    """A complete build (JSON outputs, RDF store, Cypher store, manifest) of the bundled corpus."""
    import policykg

    out = tmp_path_factory.mktemp("built") / "out"
    policykg.build(CORPUS, out)
    return out


@pytest.fixture()
def write_file(tmp_path):
    def _write(name: str, text: str | bytes) -> Path:
        p = tmp_path / name
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
        return p

    return _write


@pytest.fixture(scope="session")
def pg_rows(corpus):
    from policykg.graph.store.backends.mapping import all_rows

    return all_rows(corpus)


@pytest.fixture(scope="session")
def ladybug(pg_rows):
    from policykg.graph.store.backends.ladybug_db import LadybugBackend

    backend = LadybugBackend()
    backend.load_rows(*pg_rows)
    return backend


@pytest.fixture(scope="session")
def sparql_store(corpus):
    """The corpus graph in an in-memory Oxigraph store (the same engine as out/store)."""
    from policykg.graph.store.backends.rdf import OxigraphBackend

    store = OxigraphBackend()
    store.load(corpus)
    return store


@pytest.fixture(scope="session")
def neo4j_driver():
    import os

    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI not set: Neo4j integration tests need a server (set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)")
    from policykg.graph.store.backends.neo4j_db import connect

    driver = connect(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE"))
    yield driver
    driver.close()
