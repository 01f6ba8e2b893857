"""policykg: a knowledge graph of Chinese government policy documents.

The public API (:mod:`policykg.api`) is re-exported here and imported on first
use, so ``import policykg`` and ``policykg --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policykg.api import BuildError, BuildResult, build, bundled_corpus, default_build_dir, open_build, run_query, to_networkx

__all__ = ["BuildError", "BuildResult", "build", "bundled_corpus", "default_build_dir", "open_build", "run_query", "to_networkx"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from policykg import api

        return getattr(api, name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
