"""The store registry: stores found by name, and a new store as one module that every build then writes."""

from __future__ import annotations

import pytest

from policykg.graph.store import backends
from policykg.graph.store.registry import embedded, store, stores

NEW_STORE = '''
"""A store written for the test: the build's document keys, one per line."""
from pathlib import Path

from policykg.graph.store.backends.base import Store


class KeysBackend:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path

    def load(self, graph, progress=None):
        keys = sorted(d.key for d in graph.documents)
        self.path.write_text("\\n".join(keys) + "\\n", encoding="utf-8")
        return len(keys)

    def query(self, text, params=None):
        wanted = set(text.split())
        return ["key"], [[k] for k in self.path.read_text(encoding="utf-8").split() if k in wanted]

    def close(self) -> None:
        pass


STORE = Store("keys", "cypher", "keys.txt", lambda path, read_only: KeysBackend(path, read_only), "document keys, one per line")
'''


def test_the_stores_are_found_by_name():
    assert {name: (s.language, s.path) for name, s in stores().items()} == {
        "sparql": ("sparql", "store"), "cypher": ("cypher", "graph.lbug"), "neo4j": ("cypher", "")}
    assert [s.name for s in embedded()] == ["cypher", "sparql"]
    with pytest.raises(ValueError, match="unknown engine 'sqlite': use cypher, sparql, neo4j"):
        store("sqlite")


def test_the_server_store_says_what_it_needs(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(ValueError, match="needs NEO4J_URI"):
        store("neo4j").opener(None, True)  # type: ignore[arg-type]


def test_a_new_store_is_one_module_that_every_build_writes(tmp_path, monkeypatch):
    from policykg.api import build, open_build
    from policykg.queries.run import open_backend
    from tests.conftest import CORPUS

    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "keys_store.py").write_text(NEW_STORE, encoding="utf-8")
    monkeypatch.setattr(backends, "__path__", [*backends.__path__, str(plugins)])
    stores.cache_clear()
    try:
        assert "keys" in stores()
        result = build(CORPUS, tmp_path / "out", validate=False)
        written = (tmp_path / "out" / "keys.txt").read_text(encoding="utf-8").split()
        assert written == sorted(d.key for d in result.corpus.documents)
        backend = open_backend(open_build(tmp_path / "out"), "keys")
        assert backend.query(written[0])[1] == [[written[0]]]
        build(CORPUS, tmp_path / "out", validate=False)  # a build folder holding the new store is still a build
    finally:
        stores.cache_clear()
