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


# Limits on what one file may cost (the hostile-input issue): a file's size on disk and inflated (zip entries of
# a Word file), and the text it gives. Defaults fit a 24 GiB machine with room to spare; `policykg build
# --max-file-mib N` (or POLICYKG_MAX_FILE_MIB) raises both. 12 MiB of text is about four million Chinese
# characters, some eight thousand pages; it also keeps every stored literal under the RDF store's 16 MiB line.
MAX_FILE_MIB = 256
MAX_TEXT_MIB = 12


def max_file_mib() -> int:
    import os

    try:
        return max(1, int(os.environ.get("POLICYKG_MAX_FILE_MIB", MAX_FILE_MIB)))
    except ValueError:
        return MAX_FILE_MIB


def max_inflated_bytes() -> int:
    return max_file_mib() << 20


def max_text_bytes() -> int:
    """Text a file may give: MAX_TEXT_MIB, or more in proportion when the file limit is raised."""
    return max(MAX_TEXT_MIB, MAX_TEXT_MIB * max_file_mib() // MAX_FILE_MIB) << 20


def extract(path: Path) -> Extracted:
    """A file's text lines; :class:`LoadError` (a one-line reason) for one over the limits or unreadable."""
    size = path.stat().st_size
    if size > max_inflated_bytes():
        raise LoadError(f"the file is {size / (1 << 20):.0f} MiB, over the limit of {max_file_mib()} MiB (raise it with --max-file-mib)")
    out = detect(path).extract(path)
    text = sum(len(line.encode("utf-8")) + 1 for line in out.lines)
    if text > max_text_bytes():
        raise LoadError(f"the file gives {text / (1 << 20):.0f} MiB of text, over the limit of {max_text_bytes() >> 20} MiB "
                        "(raise it with --max-file-mib)")
    return out

