"""Loaders: raw files → plain records (ontology.records). Nothing here knows about graphs."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from policykg.loaders.reader import LoadResult, load

IGNORED = ("readme", "license", "changelog")


def corpus_files(folder: Path) -> list[Path]:
    """The files of a corpus folder, in a stable order (README, licence and hidden files excluded).

    Every other file is offered to the readers, which choose by content; one that none can use
    is reported as skipped with the reason, never passed over in silence. Entries that are not
    files of the folder (see :func:`passed_over`) are never read.
    """
    return walk_corpus(folder)[0]


def passed_over(folder: Path) -> list[tuple[str, str]]:
    """Entries of a corpus folder that are not read, each with why: links that leave the folder or lead nowhere,
    subfolders, pipes and devices. (Hidden files, README and licence files are left out without a word.)"""
    return walk_corpus(folder)[1]


def walk_corpus(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    root = folder.resolve()
    files, skipped = [], []
    for p in sorted(folder.iterdir()):
        if p.name.startswith((".", "~$")) or p.stem.lower().startswith(IGNORED):
            continue
        if p.is_symlink():
            try:
                real = p.resolve(strict=True)
            except (OSError, RuntimeError):
                skipped.append((p.name, "a link that leads nowhere (broken, or a loop); not read"))
                continue
            if not real.is_relative_to(root):
                skipped.append((p.name, f"a link to {real}, outside the corpus folder; not read"))
                continue
        if p.is_dir():
            skipped.append((p.name, "a subfolder; corpus folders are read flat, put its files beside the others"))
        elif not p.is_file():
            skipped.append((p.name, "not a regular file (a pipe, socket or device); not read"))
        else:
            files.append(p)
    return files, skipped


PARALLEL_FROM = 8  # files; fewer are read in this process (forking costs more than it saves)
WORKERS = max(1, min(4, os.cpu_count() or 1))  # reading processes: the cores there are, up to four


class Cache(Protocol):
    """Where earlier readings of unchanged files are kept (the build folder's read cache)."""

    def get(self, path: Path) -> LoadResult | None: ...

    def put(self, path: Path, result: LoadResult) -> None: ...


def load_corpus(folder: Path, progress: Callable[[Path, LoadResult], None] | None = None,
                workers: int = WORKERS, cache: Cache | None = None,
                reader: Callable[[list[Path]], Iterator[LoadResult]] | None = None) -> Iterator[tuple[Path, LoadResult]]:
    """Every file's documents, in file order; a large corpus is read by ``workers`` forked processes.

    With a ``cache``, a file read before (same bytes, same name, same reader) is taken from it, and only the others
    are read; every new reading goes into it. A ``reader`` (files → their results, in order) reads them elsewhere,
    such as on a cluster."""
    files = corpus_files(folder)
    known = {path: cache.get(path) for path in files} if cache is not None else {}
    to_read = [path for path in files if known.get(path) is None]
    if reader is not None:
        yield from _in_order(files, known, reader(to_read), progress, cache)
        return
    if workers > 1 and len(to_read) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
        with mp.get_context("fork").Pool(workers) as pool:
            fresh = pool.imap(load, to_read)
            yield from _in_order(files, known, fresh, progress, cache)
        return
    yield from _in_order(files, known, map(load, to_read), progress, cache)


def _in_order(files: list[Path], known: dict[Path, LoadResult | None], fresh: Iterator[LoadResult],
              progress: Callable[[Path, LoadResult], None] | None, cache: Cache | None) -> Iterator[tuple[Path, LoadResult]]:
    for path in files:
        result = known.get(path)
        if result is None:
            result = next(fresh)
            if cache is not None:
                cache.put(path, result)
        if progress is not None:
            progress(path, result)
        yield path, result
