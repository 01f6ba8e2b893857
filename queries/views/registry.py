"""The views, found by name: every module of this package that declares a ``VIEW`` (see :class:`common.View`), so
a new view is its module (and its test) and ``policykg view`` offers it."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from policykg.queries import views
from policykg.queries.views.common import View


@cache
def all_views() -> dict[str, View]:
    """Every declared view by name.

    >>> sorted(all_views())
    ['agencies', 'lineage', 'overview', 'trace']
    """
    found: dict[str, View] = {}
    for module in pkgutil.iter_modules(views.__path__, f"{views.__name__}."):
        declared = getattr(importlib.import_module(module.name), "VIEW", None)
        if isinstance(declared, View):
            found[declared.name] = declared
    return dict(sorted(found.items()))
