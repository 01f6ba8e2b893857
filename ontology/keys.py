"""Stable keys, all made here: the same input always gives the same keys (and so the same IRIs and node keys).

A document with a 文号 is keyed by it (issuer code, year, serial), which is
what stays constant across re-extractions of the same text; a document
without one is keyed by a hash of its normalised title. Sections and measures
are keyed by document and number path, agencies by jurisdiction and full name,
and edges by their type and what identifies them (one key in RDF, the property
graph and the Neo4j files alike).
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


def content_key(text: str) -> str:
    """A document with neither 文号 nor title: a hash of its text, so two such documents never share a key.

    >>> content_key("一、任务 1.推进改革。") == content_key("一、任务  1.推进改革。"), content_key("甲") == content_key("乙")
    (True, False)
    """
    return "c-" + hashlib.sha1(_fold(text).encode("utf-8")).hexdigest()[:12]


def node_key(document: str, path: tuple[str, ...]) -> str:
    """Key of a section or measure: the document key and the number path."""
    return f"{document}/{'.'.join(path)}"


def unit_document(unit_key: str) -> str:
    """The document key of a section or measure key.

    >>> unit_document("金发改规-2023-2/2.1.2")
    '金发改规-2023-2'
    """
    return unit_key.split("/", 1)[0]


def agency_key(jurisdiction: str, name: str) -> str:
    """An agency: jurisdiction and canonical name (hash-free, readable).

    >>> agency_key("金山区", "金山区发展和改革委员会")
    '金山区:金山区发展和改革委员会'
    """
    return f"{jurisdiction}:{name}"


def collective_key(jurisdiction: str, name: str) -> str:
    """A collective owner (各街镇, 各相关部门): never merged with an agency of the same name."""
    return f"{jurisdiction}:collective:{name}"


def compendium_key(file: str) -> str:
    """
    >>> compendium_key("2023-policy-compendium.txt")
    'compendium:2023-policy-compendium'
    """
    return "compendium:" + re.sub(r"\.[^.]+$", "", file)


def notice_key(document: str, file: str) -> str:
    """The covering notice of a document as read from one file."""
    return f"{document}/notice@{file}"


def edge_key(edge_type: str, *parts: object) -> str:
    """An edge: its type and a digest of what identifies it. A score or rule that changes does not rename the edge.

    >>> edge_key("implements", "嘉发改规-2023-2/3.3", "沪府办规-2023-1/5.3")
    'implements-a079827d12a98f4a'
    """
    digest = hashlib.sha1("|".join(str(p) for p in (edge_type, *parts)).encode("utf-8")).hexdigest()[:16]
    return f"{edge_type}-{digest}"
