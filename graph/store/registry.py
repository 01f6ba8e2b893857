"""The stores, found by name: every backend module that declares a ``STORE`` (see :class:`base.Store`).

In the spirit of rdflib's plug-ins and FollowTheMoney's exporters: the build writes every embedded store, and saved
queries and the CLI open a store by its name, so a new store is its module (and its test) and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from policykg.graph.store import backends
from policykg.graph.store.backends.base import Store


@cache
def stores() -> dict[str, Store]:
    """Every declared store by name, in a stable order (embedded ones first, then by name).

    >>> [(s.name, s.language, s.path) for s in stores().values()]
    [('cypher', 'cypher', 'graph.lbug'), ('sparql', 'sparql', 'store'), ('neo4j', 'cypher', '')]
    """
    found: list[Store] = []
    for module in pkgutil.iter_modules(backends.__path__, f"{backends.__name__}."):
        declared = getattr(importlib.import_module(module.name), "STORE", None)
        if isinstance(declared, Store):
            found.append(declared)
    return {s.name: s for s in sorted(found, key=lambda s: (not s.embedded, s.name))}


def store(name: str) -> Store:
    """The store called ``name``; a ValueError names the known ones."""
    known = stores()
    if name not in known:
        raise ValueError(f"unknown engine {name!r}: use {', '.join(known)}")
    return known[name]


def embedded() -> list[Store]:
    """The stores every build writes into its folder."""
    return [s for s in stores().values() if s.embedded]
