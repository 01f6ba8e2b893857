"""policykg: a knowledge graph of Chinese government policy documents."""

from __future__ import annotations

from pathlib import Path


def bundled_corpus() -> Path:
    """The sample corpus shipped with policykg: inside the wheel, or corpus/ of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "corpus", here.parent / "corpus"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled corpus is missing from this installation; give --corpus DIR")
