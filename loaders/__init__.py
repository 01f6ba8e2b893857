"""Loaders: raw files → plain records (ontology.records). Nothing here knows about graphs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from policykg.loaders.reader import LoadResult, load

IGNORED = ("readme", "license", "changelog")


def corpus_files(folder: Path) -> list[Path]:
    """The files of a corpus folder, in a stable order (README, licence and hidden files excluded).

    Every other file is offered to the readers, which choose by content; one that none can use
    is reported as skipped with the reason, never passed over in silence.
    """
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and not p.stem.lower().startswith(IGNORED)
    )


def load_corpus(folder: Path, progress: Callable[[Path, LoadResult], None] | None = None) -> Iterator[tuple[Path, LoadResult]]:
    for path in corpus_files(folder):
        result = load(path)
        if progress is not None:
            progress(path, result)
        yield path, result
