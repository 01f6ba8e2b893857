"""A read-only SPARQL 1.1 protocol endpoint over a build's RDF store (standard library HTTP, Oxigraph queries).

GET ``/sparql?query=…`` or POST (``application/x-www-form-urlencoded`` with
``query=…``, or an ``application/sparql-query`` body). Results in the format the
``Accept`` header asks for: SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT
and DESCRIBE answer N-Triples or Turtle. Updates are refused (the store is
opened read-only), federated queries (``SERVICE``) are refused unless allowed,
and a query that runs past the time limit is answered 503 (its thread is
left to finish: Oxigraph cannot be interrupted).
"""

from __future__ import annotations

import concurrent.futures
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from policykg.graph.backends.sparql_policy import QueryRefused, check_query

RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {"application/n-triples": "N_TRIPLES", "text/turtle": "TURTLE"}


def make_server(store_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                allow_service: bool = False) -> ThreadingHTTPServer:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(store_path))
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4)

    class Handler(BaseHTTPRequestHandler):
        server_version = "policykg-sparql"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the base class's name
            pass  # quiet; the command prints where it listens

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path != "/sparql":
                self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
                return
            self._answer(parse_qs(url.query).get("query", [""])[0])

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/sparql":
                self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if kind == "application/sparql-query":
                self._answer(body)
            elif kind == "application/x-www-form-urlencoded":
                form = parse_qs(body)
                if "update" in form:
                    self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")
                    return
                self._answer(form.get("query", [""])[0])
            else:
                self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/sparql-query or a form with query=")

        def _answer(self, query: str) -> None:
            if not query.strip():
                self._error(HTTPStatus.BAD_REQUEST, "no query")
                return
            try:
                check_query(query, allow_service)
            except QueryRefused as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            accept = [a.split(";")[0].strip() for a in (self.headers.get("Accept") or "").split(",")]
            future = pool.submit(self._run, query, accept)
            try:
                status, media, data = future.result(timeout=timeout)
            except concurrent.futures.TimeoutError:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"the query ran longer than {timeout:g} s")
                return
            except (SyntaxError, ValueError, OSError) as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc).splitlines()[0] if str(exc) else repr(exc))
                return
            self.send_response(status)
            self.send_header("Content-Type", f"{media}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _run(self, query: str, accept: list[str]) -> tuple[int, str, bytes]:
            result = store.query(query)
            if isinstance(result, pyoxigraph.QueryTriples):
                media = next((a for a in accept if a in GRAPH_TYPES), "application/n-triples")
                data = result.serialize(format=getattr(pyoxigraph.RdfFormat, GRAPH_TYPES[media]))
            else:
                media = next((a for a in accept if a in RESULT_TYPES), "application/sparql-results+json")
                data = result.serialize(format=getattr(pyoxigraph.QueryResultsFormat, RESULT_TYPES[media]))
            return HTTPStatus.OK, media, data or b""

        def _error(self, status: HTTPStatus, message: str) -> None:
            data = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return ThreadingHTTPServer((host, port), Handler)
