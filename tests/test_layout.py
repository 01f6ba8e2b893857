"""The top-level package names also exist on PyPI; make sure ours are imported."""

from pathlib import Path

import graph
import loaders
import ontology
import queries

ROOT = Path(__file__).resolve().parents[1]


def test_packages_resolve_inside_the_repo():
    for module in (ontology, loaders, graph, queries):
        assert Path(module.__file__).resolve().is_relative_to(ROOT), module.__file__


def test_bundled_corpus_present():
    files = sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))
    assert len(files) == 5
