"""Loaders: raw files → plain records (ontology.records). Nothing here knows about graphs."""

from __future__ import annotations

import multiprocessing as mp
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


PARALLEL_FROM = 8  # files; fewer are read in this process (forking costs more than it saves)
WORKERS = 2  # the machine class has two cores


def load_corpus(folder: Path, progress: Callable[[Path, LoadResult], None] | None = None,
                workers: int = WORKERS) -> Iterator[tuple[Path, LoadResult]]:
    """Every file's documents, in file order; a large corpus is read by ``workers`` forked processes."""
    files = corpus_files(folder)
    if workers > 1 and len(files) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
        with mp.get_context("fork").Pool(workers) as pool:
            for path, result in zip(files, pool.imap(load, files), strict=True):
                if progress is not None:
                    progress(path, result)
                yield path, result
        return
    for path in files:
        result = load(path)
        if progress is not None:
            progress(path, result)
        yield path, result
