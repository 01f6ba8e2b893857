"""One reader per file format, chosen by content: each turns a file into text lines for the shared parsers.

A format is one module in this package that defines ``FORMAT``: its name, a ``sniff``
that looks at the first bytes, and an ``extract`` that returns :class:`Extracted`.
Modules are found at run time, so adding a format touches only its own module (and its test).
Tables come out as markdown rows and bold runs as ``**…**``, the shapes the text
reader already understands, so every format reads to the same records.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HEAD = 8192  # bytes a sniffer sees


class LoadError(Exception):
    """A file that cannot be read as a policy document (the message says why, and what to do)."""


@dataclass(frozen=True)
class Extracted:
    """A file's text as lines, with what is needed to point back into the original."""

    format: str  # "text", "html", "docx", "pdf"
    lines: tuple[str, ...]  # text lines: tables as markdown rows, bold runs as **…**
    encoding: str = "utf-8"
    pages: tuple[int, ...] = ()  # PDF: the 1-based line number where each page begins
    paragraphs: tuple[int, ...] = ()  # Word: the line where each paragraph (or table row) begins
    fields: tuple[tuple[str, str], ...] = ()  # metadata the site or file states (发文字号, 成文日期 …)
    attachments: tuple[tuple[str, str], ...] = ()  # linked files (name, address): listed, never fetched
    notes: tuple[str, ...] = ()  # what was dropped or could not be read


@dataclass(frozen=True)
class Format:
    name: str
    priority: int  # lower is asked first; plain text, the fallback, is last
    sniff: Callable[[bytes, Path], bool]
    extract: Callable[[Path], Extracted]


@cache
def formats() -> tuple[Format, ...]:
    """Every format module of this package, in the order their sniffers are asked."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        fmt = getattr(module, "FORMAT", None)
        if isinstance(fmt, Format):
            found.append(fmt)
    return tuple(sorted(found, key=lambda f: (f.priority, f.name)))


def detect(path: Path) -> Format:
    """The format of ``path`` from its content (the suffix only breaks ties between text formats)."""
    with path.open("rb") as fh:
        head = fh.read(HEAD)
    for fmt in formats():
        if fmt.sniff(head, path):
            return fmt
    raise LoadError("unrecognised file format")


def extract(path: Path) -> Extracted:
    return detect(path).extract(path)

