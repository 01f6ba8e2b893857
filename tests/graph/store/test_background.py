"""A build step in a second process: its result comes back, its failure is raised, it never outlives the build."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policykg.graph.store.background import Background, StepFailed


def test_result_comes_back():
    assert Background(lambda: sum(range(10))).result() == 45


def test_failure_is_raised_as_itself_with_its_traceback():
    def boom() -> int:
        raise ValueError("no such table")

    with pytest.raises(ValueError, match="no such table") as raised:
        Background(boom).result()
    assert "in boom" in "".join(raised.value.__notes__)  # the child's traceback rides along


def test_an_exception_that_cannot_travel_comes_back_as_text():
    class Local(Exception):  # defined in a function: cannot be pickled
        pass

    def boom() -> int:
        raise Local("odd")

    with pytest.raises(StepFailed, match="Local: odd"):
        Background(boom).result()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has finished


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_step_dies_with_a_killed_build():
    script = ("import os, time\nfrom policykg.graph.store.background import Background\n"
              "b = Background(lambda: time.sleep(60))\nprint(b._process.pid, flush=True)\ntime.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert _alive(child)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the background step outlived the killed build"
