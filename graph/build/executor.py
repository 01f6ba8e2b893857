"""Where the reading units run: this machine's processes (the default), or a Dask distributed cluster.

Reading a file is a pure function of its name and bytes (:mod:`policykg.graph.build.readcache`), so it can run anywhere:
``--scheduler tcp://HOST:8786`` sends each file's bytes to a worker of an existing cluster, which reads them and sends
the records back; ``--scheduler local:N`` starts a LocalCluster of N worker processes on this machine. The files are
submitted a few at a time (twice the cluster's threads), so the coordinator holds only the files in flight, never the
whole corpus's text. Dask is an optional extra (``pip install "policykg[dask]"``); the rest of the build (links,
alignment, stores) runs where the command runs.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from policykg.loaders.reader import LoadResult, load

_LOCAL = re.compile(r"^local:(\d{1,3})$")


class SchedulerError(ValueError):
    """A --scheduler value that names no cluster this build can use."""


def load_bytes(name: str, data: bytes) -> LoadResult:
    """Read a file from its name and bytes (on a worker that cannot see the coordinator's disk)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return load(path)


@contextlib.contextmanager
def dask_reader(scheduler: str, say: Callable[[str], None]) -> Iterator[Callable[[list[Path]], Iterator[LoadResult]]]:
    """A function that reads files on the cluster ``scheduler`` names, their results in the files' order."""
    import importlib

    try:  # looked up by name, as Any: the optional extra's own typing (or its absence) is not this module's
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise SchedulerError('--scheduler needs Dask: pip install "policykg[dask]"') from None
    Client, LocalCluster, as_completed = distributed.Client, distributed.LocalCluster, distributed.as_completed
    local = _LOCAL.match(scheduler)
    if not local and not scheduler.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
        raise SchedulerError(f"--scheduler {scheduler!r}: give a Dask scheduler address (tcp://HOST:8786) or local:N")
    with contextlib.ExitStack() as stack:
        if local:
            workers = int(local.group(1))
            if not 1 <= workers <= 256:
                raise SchedulerError(f"--scheduler local:{workers}: between 1 and 256 workers")
            cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                       dashboard_address=":0", silence_logs=40))
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
            except OSError as exc:
                raise SchedulerError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
        threads = max(1, sum(client.nthreads().values()))
        say(f"reading on the Dask cluster {client.scheduler.address} ({threads} threads; dashboard {client.dashboard_link})")

        def read(files: list[Path]) -> Iterator[LoadResult]:
            done: dict[int, LoadResult] = {}
            finished = 0
            pending = as_completed()
            queue = list(enumerate(files))
            queue.reverse()

            def submit() -> None:
                k, path = queue.pop()
                future = client.submit(load_bytes, path.name, path.read_bytes(), key=f"read-{k}-{path.name}", pure=False)
                future.index = k
                pending.add(future)

            for _ in range(min(2 * threads, len(queue))):
                submit()
            for k in range(len(files)):
                while k not in done:
                    future = next(pending)
                    done[future.index] = future.result()
                    future.release()
                    finished += 1
                    if queue:
                        submit()
                    if finished % 50 == 0 or finished == len(files):
                        say(f"units read on the cluster: {finished} of {len(files)}")
                yield done.pop(k)

        yield read


def reader_for(scheduler: str | None, say: Callable[[str], None]) -> contextlib.AbstractContextManager[Any]:
    """The reading function for a --scheduler value, or None (this machine's processes) without one."""
    return dask_reader(scheduler, say) if scheduler else contextlib.nullcontext(None)
