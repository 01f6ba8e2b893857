"""Run one step of a build in a forked process while the parent does another (two steps use two cores at once).

The child inherits the built graph through fork (nothing is pickled on the way
in) and sends back only a small result. Where fork is not available (Windows),
the step runs in the calling process when its result is asked for.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class StepFailed(RuntimeError):
    """The background step raised something that could not be sent back; the message carries its traceback."""


def _die_with_parent(parent: int) -> None:
    """On Linux, the kernel kills the child when the parent dies (even by SIGKILL): no orphan writes on."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the call
            os._exit(1)


def _child(conn: Any, fn: Callable[[], Any], parent: int) -> None:
    _die_with_parent(parent)
    try:
        conn.send(("ok", fn()))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent, which raises it
        text = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
        try:
            conn.send(("error", exc, text))  # the exception itself, so the caller handles it as its own (e.g. a full disk)
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled goes back as text
            conn.send(("error", None, text))
    finally:
        conn.close()


class Background(Generic[T]):
    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._process: Any = None
        if "fork" in mp.get_all_start_methods():
            ctx = mp.get_context("fork")
            self._conn, child_conn = ctx.Pipe(duplex=False)
            self._process = ctx.Process(target=_child, args=(child_conn, fn, os.getpid()), daemon=True)
            self._process.start()
            child_conn.close()

    def result(self) -> T:
        if self._process is None:
            return self._fn()
        try:
            status, *value = self._conn.recv()
        except EOFError:
            self._process.join()
            raise StepFailed(f"the background step died (exit code {self._process.exitcode})") from None
        self._process.join()
        if status == "ok":
            return value[0]  # type: ignore[no-any-return]
        exc, text = value
        if isinstance(exc, BaseException):
            exc.add_note(f"(in the background step)\n{text}")
            raise exc
        raise StepFailed(text)

    def cancel(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
