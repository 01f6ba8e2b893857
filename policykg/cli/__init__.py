"""The `policykg` command line: one module per command group, presenters in :mod:`policykg.cli.present`.

Only `build` reads raw documents; every other command opens the build folder
(``--build-dir``, ``POLICYKG_BUILD_DIR``, default ``./out``). Heavy libraries
are imported inside the commands that need them, so ``--help`` stays fast.
"""

from __future__ import annotations

import errno
from typing import Any

import click

from policykg.cli.build import build
from policykg.cli.documents import documents, measures
from policykg.cli.neo4j import neo4j
from policykg.cli.saved import agencies, export, query_command, serve, sparql
from policykg.cli.trace import eval_command, trace_command
from policykg.cli.view import view_command


class Main(click.Group):
    """Turns operating-system failures (a full disk, a path that cannot be written) into one-line errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # output piped into `head` and the like
                raise SystemExit(0) from None
            where = f": {exc.filename}" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None


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


for command in (build, documents, measures, agencies, query_command, trace_command, export, sparql, serve, neo4j, view_command, eval_command):
    main.add_command(command)
