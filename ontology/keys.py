"""Stable keys: the same input always gives the same keys (and so the same IRIs).

A document with a 文号 is keyed by it (issuer code, year, serial), which is
what stays constant across re-extractions of the same text; a document
without one is keyed by a hash of its normalised title.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from policykg.ontology.records import DocNumber


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def doc_key(doc_number: DocNumber | None, title: str) -> str:
    """
    >>> from policykg.ontology.records import DocNumber
    >>> doc_key(DocNumber("沪府办规", 2023, 1), "")
    '沪府办规-2023-1'
    >>> doc_key(None, "上海市 某某方案") == doc_key(None, "上海市某某方案")
    True
    """
    if doc_number is not None:
        return f"{doc_number.issuer_code}-{doc_number.year}-{doc_number.serial}"
    return "t-" + hashlib.sha1(_fold(title).encode("utf-8")).hexdigest()[:12]


def node_key(document: str, path: tuple[str, ...]) -> str:
    """Key of a section or measure: the document key and the number path."""
    return f"{document}/{'.'.join(path)}"
