"""Replacing a build folder safely: staged beside the target, swapped in at the end, one writer at a time.

A build writes into a fresh hidden folder next to the target and, only when
everything is written, exchanges it with the target in one rename (Linux
``renameat2(RENAME_EXCHANGE)``; elsewhere two renames). A build killed at any
moment therefore leaves the previous build complete, and readers never see a
half-written one. The replaced build is kept as ``.<name>.previous`` until the
next build, so a reader that opened it (readers pin the folder they opened, see
:func:`policykg.graph.store.outputs.open_build`) finishes undisturbed. A lock file beside the target keeps a second build out. A
build never deletes what it did not create: it replaces only an empty folder
or a folder holding a policykg manifest, and removes only its own leftovers.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from policykg.graph.store.outputs import MANIFEST, OUTPUT_FILES, SHACL_REPORT, read_manifest

STAGING_MARK = ".policykg-staging"  # a staging folder carries this mark (or, once complete, a manifest)
# every entry a build writes in its folder; a folder holding anything else is not (only) ours
def own_entries() -> frozenset[str]:
    """What a build writes into its folder: outputs, manifest, SHACL report, read cache, and every embedded store."""
    from policykg.graph.store.registry import embedded

    return frozenset({MANIFEST, *OUTPUT_FILES, SHACL_REPORT, STAGING_MARK, "cache", *(p for s in embedded() for p in (s.path, *s.beside))})


class BuildFolderError(Exception):
    """The target folder cannot be (re)written: not ours, locked, or not writable."""


def _staging_prefix(target: Path) -> str:
    return f".{target.name}.building-"


def previous_path(target: Path) -> Path:
    return target.parent / f".{target.name}.previous"


def is_build(folder: Path) -> bool:
    """Whether ``folder`` is a policykg build: a manifest whose output hashes match the files beside it,
    and nothing in it that a build does not write. A manifest alone (``"generator": "policykg"``) is not enough:
    a folder that merely says so must never have its other files deleted."""
    import hashlib

    manifest = read_manifest(folder)
    outputs = manifest.get("outputs") if manifest else None
    if not isinstance(outputs, dict) or set(outputs) != set(OUTPUT_FILES):
        return False
    if foreign_entries(folder):
        return False
    for name, digest in outputs.items():
        try:
            with (folder / name).open("rb") as f:
                if hashlib.file_digest(f, "sha256").hexdigest() != digest:
                    return False
        except OSError:
            return False
    return True


def foreign_entries(folder: Path) -> list[str]:
    """Entries of ``folder`` that no build writes."""
    try:
        own = own_entries()
        return sorted(p.name for p in folder.iterdir() if p.name not in own)
    except OSError:
        return []


def check_target(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise BuildFolderError(f"{target} is a file, not a build folder")
    if not any(target.iterdir()) or is_build(target):
        return
    foreign = foreign_entries(target)
    why = (f"it holds files policykg did not write ({', '.join(foreign[:3])}{' …' if len(foreign) > 3 else ''})" if foreign
           else f"its {MANIFEST} does not match the files beside it" if read_manifest(target) is not None
           else f"no {MANIFEST}")
    raise BuildFolderError(
        f"{target} is not empty and is not a policykg build ({why}); refusing to replace it: choose another --build-dir or empty it"
    )


@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold the lock of ``target``; a second holder gets a clear error instead of waiting."""
    import fcntl

    path = target.parent / f".{target.name}.lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildFolderError(f"cannot create the lock file {path}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise BuildFolderError(f"another build is writing {target} (process {holder or '?'}); wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock; the lock file itself stays (removing it would race)


def _remove_tree(folder: Path) -> None:
    """Remove a staging folder, its mark last, so that an interrupted removal is still recognised as ours."""
    for child in folder.iterdir():
        if child.name == STAGING_MARK:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    (folder / STAGING_MARK).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()


def _remove_leftovers(target: Path) -> None:
    """Staging folders of killed builds (only ever called with the lock held).

    Only folders with the staging name that carry the mark or a policykg manifest are removed.
    """
    for p in target.parent.glob(_staging_prefix(target) + "*"):
        if _ours(p):
            _remove_tree(p)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _ours(folder: Path) -> bool:
    """A folder this tool wrote: a staging folder (its mark, and only build entries) or a complete build."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    return ((folder / STAGING_MARK).exists() and not foreign_entries(folder)) or is_build(folder)


def _replace(staging: Path, target: Path) -> None:
    (staging / STAGING_MARK).unlink()
    if not target.exists():
        os.rename(staging, target)
        return
    previous = previous_path(target)
    if previous.is_dir() and not previous.is_symlink() and not any(previous.iterdir()):
        previous.rmdir()  # the empty folder a first build replaced
    if previous.exists() and not _ours(previous):
        raise BuildFolderError(f"{previous} is in the way (it is not a policykg build): remove it")
    if _ours(previous):
        (previous / STAGING_MARK).touch()
        _remove_tree(previous)
    if exchange(staging, target):
        os.rename(staging, previous)  # the replaced build, now at the staging name
    else:
        os.rename(target, previous)
        os.rename(staging, target)


def resolve_target(target: Path) -> Path:
    """The folder a build replaces: a symlinked build folder's real folder (the link stays, pointing at the new build)."""
    return Path(os.path.realpath(target)) if Path(target).is_symlink() else Path(os.path.abspath(target))


@contextlib.contextmanager
def staged_build(target: Path, locked: bool = False) -> Iterator[Path]:
    """An empty folder beside ``target`` to write a build into; it replaces ``target`` when the block succeeds.

    ``locked``: the caller already holds :func:`build_lock` of the resolved target (taken before reading anything).
    """
    target = resolve_target(target)
    if not locked:
        check_target(target)  # at once, before waiting for anything (a caller holding the lock has checked already)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildFolderError(f"cannot create {target.parent}: {exc.strerror}") from None
    with contextlib.nullcontext() if locked else build_lock(target):
        check_target(target)  # again, now that no other build can change it
        _remove_leftovers(target)
        try:
            staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(target), dir=target.parent))
        except OSError as exc:
            raise BuildFolderError(f"cannot write in {target.parent}: {exc.strerror}") from None
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes it private; a build folder is as readable as any other
        (staging / STAGING_MARK).touch()
        try:
            yield staging
            _replace(staging, target)
        except BaseException:
            if staging.exists():
                _remove_tree(staging)
            raise
