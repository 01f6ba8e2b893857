"""The `policykg` command line: one module per command group, presenters in :mod:`policykg.cli.present`.

Only `build` reads raw documents; every other command opens the build folder
(``--build-dir``, ``POLICYKG_BUILD_DIR``, default ``./out``). Heavy libraries
are imported inside the commands that need them, so ``--help`` stays fast.
"""

from __future__ import annotations

import errno
import re
import sys
from typing import Any

import click

from policykg.cli.build import build
from policykg.cli.documents import documents, measures
from policykg.cli.neo4j import neo4j
from policykg.cli.saved import agencies, export, query_command, serve, sparql
from policykg.cli.trace import eval_command, trace_command
from policykg.cli.view import site_command, view_command

# control characters other than line breaks and tabs: text read from a downloaded file (a title holding
# \x1b]0;…\x07) must not drive the terminal it is printed on
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Escaped:
    """A text stream that prints control characters as visible escapes (\x1b) and passes everything else on."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.encoding = getattr(stream, "encoding", "utf-8") or "utf-8"
        self.errors = getattr(stream, "errors", "strict") or "strict"

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("text only")
        self._stream.write(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(self._stream.isatty())

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return int(self._stream.fileno())

    @property
    def buffer(self) -> Any:
        """The byte stream underneath, for exports written as bytes (serialised RDF escapes its own control characters)."""
        return self._stream.buffer


class Main(click.Group):
    """Turns operating-system failures (a full disk, a path that cannot be written) into one-line errors, and
    escapes control characters in everything the commands print."""

    def invoke(self, ctx: click.Context) -> Any:
        out, err = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Escaped(out), _Escaped(err)
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # output piped into `head` and the like
                raise SystemExit(0) from None
            where = f": {exc.filename}" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None
        finally:
            sys.stdout, sys.stderr = out, err


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]}, epilog="""\b
Start with:
  policykg build                 # the bundled sample corpus into ./out
  policykg documents --tree      # what was read and how the documents derive from each other
  policykg trace 金发改规〔2023〕2号 二（一）2
  policykg query list
""")
@click.version_option(package_name="policykg")
def main() -> None:
    """policykg: a knowledge graph of Chinese government policy documents."""


for command in (build, documents, measures, agencies, query_command, trace_command, export, sparql, serve, neo4j, view_command, site_command, eval_command):
    main.add_command(command)
