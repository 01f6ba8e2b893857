"""What a SPARQL query may do here, decided from the parsed query rather than from its text.

A federated query (``SERVICE <iri> {…}``) makes the engine send requests to another endpoint: from a
machine serving colleagues, that is a request leaving it on a stranger's behalf. The check reads the
query's parse tree (rdflib's SPARQL grammar), so a ``SERVICE`` hidden behind a ``<`` comparison, inside
a string or a comment is judged for what it is. A query that rdflib's grammar does not read (Oxigraph
reads a little more) is judged by its tokens: strings, IRIs and comments are read as the grammar
defines them, and a bare ``SERVICE`` keyword anywhere else refuses it.
"""

from __future__ import annotations

import re
from typing import Any


class QueryRefused(ValueError):
    """A query this policy does not run; the message says why and what would allow it."""


# SPARQL's tokens that can hold the letters SERVICE without being the keyword (SPARQL 1.1 grammar, §19.8)
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'  # strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # IRIREF: no spaces, so `?a < 5) SERVICE <x>` is no IRI
    r"|#[^\n\r]*"  # comments
    r"|[?$][\w\u00b7\u0300-\u036f\u203f-\u2040\u00c0-\ufffd]+"  # variables
    r"|[A-Za-z_][\w-]*:[\w.-]*|:[\w.-]*"  # prefixed names
    r"|[A-Za-z]+"  # keywords
    r"|\S",
    re.DOTALL,
)


def service_calls(query: str) -> list[str]:
    """The SERVICE clauses of a query (their endpoint, or ``?`` when it is a variable or unread).

    >>> service_calls("SELECT * WHERE { BIND(1 AS ?a) FILTER(?a < 5) SERVICE <http://127.0.0.1:8999/x> { ?s ?p ?o } }")
    ['http://127.0.0.1:8999/x']
    >>> service_calls('SELECT ?service WHERE { ?s ?p "SERVICE <x>" } # SERVICE <y>')
    []
    """
    try:
        from rdflib.plugins.sparql.parser import parseQuery

        tree = parseQuery(query)
    except Exception:  # noqa: BLE001 — any grammar failure: fall back to the tokens
        return _service_tokens(query)
    return [str(node.get("term", "?")) for node in _nodes(tree) if node.name == "ServiceGraphPattern"]


def _nodes(tree: Any) -> Any:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        x = stack.pop()
        if isinstance(x, CompValue):
            yield x
            stack.extend(x.values())
        elif isinstance(x, list | tuple) or type(x).__name__ == "ParseResults":
            stack.extend(x)


def _service_tokens(query: str) -> list[str]:
    tokens = [t for t in _TOKENS.findall(query) if not t.startswith("#")]
    return [tokens[k + 1].strip("<>") if k + 1 < len(tokens) else "?"
            for k, t in enumerate(tokens) if t.upper() == "SERVICE"]


def check_query(query: str, allow_service: bool = False) -> None:
    """Raise :class:`QueryRefused` for a query that would make requests to another endpoint (unless allowed)."""
    if allow_service:
        return
    calls = service_calls(query)
    if calls:
        raise QueryRefused(f"federated queries (SERVICE {calls[0]}) make requests to other endpoints and are refused; "
                           "allow them explicitly (--allow-service) to run one")
