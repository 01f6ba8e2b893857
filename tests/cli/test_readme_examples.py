"""Every command the README shows runs on the bundled corpus and prints something (rows, not an empty table).

The examples are read from the README's shell blocks, so a renamed option or an example value that matches nothing
fails here. Optional parts (``[--json]``) are run both left out and put in; ``a|b`` alternatives take the first.
Commands that need a server (``serve``, ``neo4j load``, ``--engine neo4j``) or a file the user writes
(``my-query.rq``, ``my-docs/``) are not run; the rest is.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"
NOT_RUN = re.compile(r"^policykg (?:serve|neo4j load|build)|my-query\.rq|my-docs/|--engine neo4j")


def _examples() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    lines = [re.split(r"\s{2,}#", line)[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("policykg ") and not NOT_RUN.search(line)]


def _variants(line: str) -> list[list[str]]:
    """The command without its optional parts and with them, each ``a|b`` taking ``a``."""
    bare = re.sub(r"\s*\[[^\]]*\]", "", line)
    full = re.sub(r"\[([^\]]*)\]", r"\1", line)
    out = []
    for text in dict.fromkeys([bare, full]):
        words = [re.sub(r"^([^|'\"]+)\|.*$", r"\1", w) if "|" in w and "'" not in w else w for w in shlex.split(text)][1:]
        out.append(words)
    return out


EXAMPLES = _examples()


def test_the_readme_shows_the_commands():
    assert len(EXAMPLES) >= 15 and any(e.startswith("policykg trace") for e in EXAMPLES)


@pytest.mark.parametrize("line", EXAMPLES)
def test_each_readme_example_returns_rows(line, build_dir, tmp_path):
    for words in _variants(line):
        words = [str(tmp_path / "csv") if w == "DIR" else w for w in words]
        if "--out" in words:  # every file or folder an example writes goes to the test's own folder
            at = words.index("--out") + 1
            words[at] = str(tmp_path / (Path(words[at]).name if words[at] != "FILE" else "export.out"))
        if "--build-dir" in words:
            words[words.index("--build-dir") + 1] = str(build_dir)
        elif words and words[0] != "--version":
            words += ["--build-dir", str(build_dir)]
        result = CliRunner().invoke(main, words)
        assert result.exit_code == 0, (words, result.output[-800:])
        written = [p for p in tmp_path.rglob("*") if p.is_file() and p.stat().st_size > 0]
        assert result.stdout.strip() or written, words
        assert not re.search(r"(?:^|\n)0 (?:rows|agencies|documents|measures)\b", result.stdout), (words, result.stdout[-400:])
