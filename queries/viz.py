"""Interactive views (pyvis networks): trace, agencies, lineage and overview, one module each in ``queries/views``.

Each builder returns a pyvis ``Network`` whose nodes and edges carry what the page needs besides vis'
own fields (``search``, ``facets``, ``panel``: see ``viewpage``) and a ``pkg_page`` dict with the
legend, notes and page settings; ``render`` / ``write_view`` / ``show`` turn it into one offline page.
Trace and lineage are laid out here (fixed positions: levels top to bottom, time left to right);
agencies and overview stabilise a force layout once and freeze it, or, past ``PHYSICS_LIMIT``
nodes, use positions computed here. This module is where notebooks and the CLI import them from.
"""

from __future__ import annotations

from policykg.queries.views.agencies import agencies_view
from policykg.queries.views.common import PHYSICS_LIMIT, implements_panel, render, show, show_page, write_view
from policykg.queries.views.lineage import lineage_view
from policykg.queries.views.overview import overview_view
from policykg.queries.views.trace import trace_view

__all__ = ["PHYSICS_LIMIT", "agencies_view", "implements_panel", "lineage_view", "overview_view", "render", "show", "show_page",
           "trace_view", "write_view"]
