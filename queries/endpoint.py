"""A read-only SPARQL 1.1 protocol endpoint over a build's RDF store (standard library HTTP, Oxigraph queries).

GET ``/sparql?query=…`` or POST (``application/x-www-form-urlencoded`` with
``query=…``, or an ``application/sparql-query`` body). Results in the format the
``Accept`` header asks for: SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT
and DESCRIBE answer N-Triples or Turtle. Updates are refused (the store is
opened read-only), federated queries (``SERVICE``) are refused unless allowed.

Every query runs in a process of its own, forked from a small server process
started before any thread: Oxigraph cannot interrupt a query, but a process can
be killed, so a query that runs past the time limit is killed and answered 503,
and a run of runaway queries never locks the endpoint up. At most ``workers``
queries run at once; a request that finds them all busy for a second is answered
503. Each query opens the store the build folder holds at that moment, so a
rebuild is served from the next query on (and the server says so once).
Requests are validated: a bad ``Content-Length`` or a body that is not UTF-8 is
answered 400, one over ``max_body`` bytes 413, never with a traceback.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import threading
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
MAX_BODY = 1 << 20  # bytes of a POST body (a SPARQL query is text a person writes)
WORKERS = 4  # queries running at once


def run_query(store_path: str, query: str, accept: list[str], conn: Any) -> None:
    """In a query process: open the store read-only, run the query, send (status, media, bytes) back."""
    import pyoxigraph

    try:
        store = pyoxigraph.Store.read_only(store_path)
        result = store.query(query)
        if isinstance(result, pyoxigraph.QueryTriples):
            media = next((a for a in accept if a in GRAPH_TYPES), "application/n-triples")
            data = result.serialize(format=getattr(pyoxigraph.RdfFormat, GRAPH_TYPES[media]))
        else:
            media = next((a for a in accept if a in RESULT_TYPES), "application/sparql-results+json")
            data = result.serialize(format=getattr(pyoxigraph.QueryResultsFormat, RESULT_TYPES[media]))
        conn.send((int(HTTPStatus.OK), media, data or b""))
    except (SyntaxError, ValueError, OSError) as exc:
        conn.send((int(HTTPStatus.BAD_REQUEST), "text/plain", (str(exc).splitlines()[0] if str(exc) else repr(exc)).encode("utf-8")))


def _manifest_digest(folder: Path) -> bytes:
    try:
        return (folder / "manifest.json").read_bytes()
    except OSError:
        return b""


def make_server(store_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                allow_service: bool = False, workers: int = WORKERS, max_body: int = MAX_BODY) -> ThreadingHTTPServer:
    """The endpoint over the store at ``store_path`` (a build folder's ``store``), not yet serving."""
    store = str(Path(store_path).resolve())  # a pinned /proc/self/fd path: the folder it names now
    folder = Path(store).parent
    # query processes are forked from a server process started now, before the HTTP threads exist
    ctx = mp.get_context("forkserver") if "forkserver" in mp.get_all_start_methods() else mp.get_context("spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["pyoxigraph", "policykg.queries.endpoint"])
    slots = threading.BoundedSemaphore(workers)
    served = {"manifest": _manifest_digest(folder)}

    class Handler(BaseHTTPRequestHandler):
        server_version = "policykg-sparql"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the base class's name
            pass  # quiet; the command prints where it listens

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path != "/sparql":
                self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
                return
            self._answer(parse_qs(url.query).get("query", [""])[0])

        def do_POST(self) -> None:
            body = self._body()
            if body is None:
                return
            if urlparse(self.path).path != "/sparql":
                self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
                return
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

        def _body(self) -> str | None:
            """The request body, validated: None (with the answer sent) when it cannot be used."""
            raw = self.headers.get("Content-Length")
            try:
                length = int(raw) if raw is not None else 0
            except ValueError:
                length = -1
            if length < 0:
                self._error(HTTPStatus.BAD_REQUEST, f"Content-Length must be a number of bytes, not {raw!r}", close=True)
                return None
            if length > max_body:
                self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body is over {max_body} bytes", close=True)
                return None
            data = self.rfile.read(length)
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                self._error(HTTPStatus.BAD_REQUEST, "the body is not UTF-8")
                return None

        def _answer(self, query: str) -> None:
            if not query.strip():
                self._error(HTTPStatus.BAD_REQUEST, "no query")
                return
            try:
                check_query(query, allow_service)
            except QueryRefused as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            now = _manifest_digest(folder)
            if now != served["manifest"]:
                served["manifest"] = now
                print(f"a new build in {folder} is served from this query on", file=sys.stderr)
            if not slots.acquire(timeout=1.0):
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"all {workers} query workers are busy; try again")
                return
            try:
                answer = self._run(query, [a.split(";")[0].strip() for a in (self.headers.get("Accept") or "").split(",")])
            finally:
                slots.release()
            if answer is None:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"the query ran longer than {timeout:g} s and was stopped")
                return
            status, media, data = answer
            if status != HTTPStatus.OK:
                self._error(HTTPStatus(status), data.decode("utf-8", "replace"))
                return
            self._send(HTTPStatus.OK, f"{media}; charset=utf-8", data)

        def _run(self, query: str, accept: list[str]) -> tuple[int, str, bytes] | None:
            """The query's answer, or None when it ran past the time limit (its process is killed)."""
            receive, send = ctx.Pipe(duplex=False)
            process = ctx.Process(target=run_query, args=(store, query, accept, send), daemon=True)
            process.start()
            send.close()
            try:
                if receive.poll(timeout):
                    answer: tuple[int, str, bytes] = receive.recv()
                    return answer
                return None
            except EOFError:  # the process died without an answer
                return int(HTTPStatus.INTERNAL_SERVER_ERROR), "text/plain", b"the query process ended without an answer"
            finally:
                receive.close()
                if process.is_alive():
                    process.kill()
                process.join()

        def _send(self, status: HTTPStatus, media: str, data: bytes, close: bool = False) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(data)))
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: HTTPStatus, message: str, close: bool = False) -> None:
            self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), close)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
