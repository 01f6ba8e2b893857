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
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from policykg.graph.store.backends.sparql_policy import QueryRefused, check_query

RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {"application/n-triples": "N_TRIPLES", "text/turtle": "TURTLE", "application/rdf+xml": "RDF_XML",
               "application/ld+json": "JSON_LD", "text/plain": "N_TRIPLES"}
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS, HEAD",
        "Access-Control-Allow-Headers": "Content-Type, Accept"}
# the endpoint described in the SPARQL 1.1 Service Description vocabulary (GET /sparql with no query)
SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
[] a sd:Service ;
   sd:endpoint <{endpoint}> ;
   sd:supportedLanguage sd:SPARQL11Query ;
   sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
       <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
       <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/RDF_XML>,
       <http://www.w3.org/ns/formats/JSON-LD> .
"""


def accepted(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, q=0 refused); [] when none is given.

    >>> accepted("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1")
    ['application/sparql-results+json', 'text/csv', '*/*']
    """
    out = []
    for k, item in enumerate((header or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        if not parts[0]:
            continue
        q = 1.0
        for p in parts[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            out.append((-q, k, parts[0].lower()))
    return [media for _, _, media in sorted(out)]


def choose(accept: list[str], offered: dict[str, str], default: str) -> str | None:
    """The first accepted type offered (``*/*`` and ``type/*`` match the default, then any); None when none is."""
    if not accept:
        return default
    for media in accept:
        if media in offered:
            return media
        if media == "*/*" or (media.endswith("/*") and default.startswith(media[:-1])):
            return default
        if media.endswith("/*"):
            found = next((m for m in offered if m.startswith(media[:-1])), None)
            if found:
                return found
    return None
MAX_BODY = 1 << 20  # bytes of a POST body (a SPARQL query is text a person writes)
WORKERS = 4  # queries running at once


def run_query(store_path: str, query: str, accept: list[str], conn: Any) -> None:
    """In a query process: open the store read-only, run the query, send (status, media, bytes) back."""
    import pyoxigraph

    try:
        store = pyoxigraph.Store.read_only(store_path)
        result = store.query(query)
        if isinstance(result, pyoxigraph.QueryTriples):
            media = choose(accept, GRAPH_TYPES, "application/n-triples")
            if media is not None:
                data = result.serialize(format=getattr(pyoxigraph.RdfFormat, GRAPH_TYPES[media]))
        else:
            media = choose(accept, RESULT_TYPES, "application/sparql-results+json")
            if media is not None:
                data = result.serialize(format=getattr(pyoxigraph.QueryResultsFormat, RESULT_TYPES[media]))
        if media is None:
            offered = ", ".join(GRAPH_TYPES if isinstance(result, pyoxigraph.QueryTriples) else RESULT_TYPES)
            conn.send((int(HTTPStatus.NOT_ACCEPTABLE), "text/plain", f"this answer is offered as {offered}".encode()))
            return
        conn.send((int(HTTPStatus.OK), media, data or b""))
    except (SyntaxError, ValueError, OSError) as exc:
        conn.send((int(HTTPStatus.BAD_REQUEST), "text/plain", (str(exc).splitlines()[0] if str(exc) else repr(exc)).encode("utf-8")))


_MEDIA = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".csv": "text/csv; charset=utf-8", ".json": "application/json"}


def _media_type(path: str) -> str:
    """The media type of a site page by its address (/ is the home page)."""
    suffix = Path(path).suffix if Path(path).suffix else ".html"
    return _MEDIA.get(suffix, "application/octet-stream")


def _manifest_digest(folder: Path) -> bytes:
    try:
        return (folder / "manifest.json").read_bytes()
    except OSError:
        return b""


@dataclass(frozen=True)
class Served:
    """What a server answers besides SPARQL: the build's pages by address, and search over the build."""

    pages: dict[str, bytes]
    search: Callable[[str, dict[str, str], int, int], dict[str, Any]] | None = None  # (q, facets, limit, offset) → answer


@dataclass
class _Endpoint:
    """What every request of one server shares: the store, the query processes' context and the limits."""

    store: str
    folder: Path
    ctx: Any
    slots: threading.BoundedSemaphore
    manifest: bytes  # the build the last query was answered from (a new one is announced once)
    timeout: float
    allow_service: bool
    workers: int
    max_body: int
    pages: Callable[[], Served] | None = None  # the build's site: rendered before serving, and after a rebuild
    rendered: Served | None = None
    rendered_for: bytes | None = None
    rendering: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def render(self) -> None:
        """Render the site of the build now in the folder (at start, and in the background after a rebuild)."""
        assert self.pages is not None
        digest = _manifest_digest(self.folder)
        try:
            fresh = self.pages()
        except Exception as exc:  # a build being replaced, a folder gone: the pages served stay, the next request retries
            if self.rendered is None:
                raise
            print(f"the new build's pages could not be rendered ({exc}); the previous ones are served", file=sys.stderr)
            with self.lock:
                self.rendering = False
            return
        with self.lock:
            self.rendered, self.rendered_for, self.rendering = fresh, digest, False

    def page(self, path: str) -> bytes | None:
        """A page of the build's site by its address (/, /d/….html). After a rebuild, the previous build's pages are
        served while the new ones render in the background, so no request waits for a whole site."""
        if self.pages is None:
            return None
        with self.lock:
            if self.rendered is None:
                return None
            if _manifest_digest(self.folder) != self.rendered_for and not self.rendering:
                self.rendering = True
                threading.Thread(target=self.render, daemon=True).start()
            return self.rendered.pages.get(unquote(path.lstrip("/")) or "index.html")

    def search(self, query: dict[str, list[str]]) -> bytes | None:
        """The answer to /search.json?q=…&kind=…&place=…&level=…&year=…&limit=…&offset=…, as JSON."""
        import json

        served = self.rendered
        if served is None or served.search is None:
            return None
        one = {k: v[0] for k, v in query.items() if v}
        limit = min(max(int(one["limit"]) if one.get("limit", "").isdigit() else 50, 1), 500)
        offset = int(one["offset"]) if one.get("offset", "").isdigit() else 0
        answer = served.search(one.get("q", ""), {k: v for k, v in one.items() if k not in ("q", "limit", "offset")}, limit, offset)
        return json.dumps(answer, ensure_ascii=False).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    """One request to the endpoint; :func:`make_server` gives each server its settings (``endpoint``)."""

    endpoint: _Endpoint

    server_version = "policykg-sparql"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the base class's name
        pass  # quiet; the command prints where it listens

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == "/search.json":
            found = self.endpoint.search(parse_qs(url.query))
            if found is None:
                self._error(HTTPStatus.NOT_FOUND, "this server has no search (started with --no-site)")
                return
            self._send(HTTPStatus.OK, "application/json; charset=utf-8", found)
            return
        if url.path != "/sparql":
            page = self.endpoint.page(url.path)
            if page is None:
                self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql" + ("; pages are under /" if self.endpoint.pages else ""))
                return
            self._send(HTTPStatus.OK, _media_type(url.path), page)
            return
        query = parse_qs(url.query).get("query", [""])[0]
        if not query.strip() and "query" not in parse_qs(url.query):  # no query: the service description
            endpoint = f"http://{self.headers.get('Host') or 'localhost'}/sparql"
            self._send(HTTPStatus.OK, "text/turtle; charset=utf-8", SERVICE_DESCRIPTION.replace("{endpoint}", endpoint).encode("utf-8"))
            return
        self._answer(query)

    def do_HEAD(self) -> None:
        self._head_only = True
        self.do_GET()

    def do_OPTIONS(self) -> None:  # a browser's CORS preflight
        self._send(HTTPStatus.NO_CONTENT, "text/plain", b"")

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
        if length > self.endpoint.max_body:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body is over {self.endpoint.max_body} bytes", close=True)
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
            check_query(query, self.endpoint.allow_service)
        except QueryRefused as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        now = _manifest_digest(self.endpoint.folder)
        if now != self.endpoint.manifest:
            self.endpoint.manifest = now
            print(f"a new build in {self.endpoint.folder} is served from this query on", file=sys.stderr)
        if not self.endpoint.slots.acquire(timeout=1.0):
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"all {self.endpoint.workers} query workers are busy; try again")
            return
        try:
            answer = self._run(query, accepted(self.headers.get("Accept")))
        finally:
            self.endpoint.slots.release()
        if answer is None:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"the query ran longer than {self.endpoint.timeout:g} s and was stopped")
            return
        status, media, data = answer
        if status != HTTPStatus.OK:
            self._error(HTTPStatus(status), data.decode("utf-8", "replace"))
            return
        self._send(HTTPStatus.OK, f"{media}; charset=utf-8", data)

    def _run(self, query: str, accept: list[str]) -> tuple[int, str, bytes] | None:
        """The query's answer, or None when it ran past the time limit (its process is killed)."""
        receive, send = self.endpoint.ctx.Pipe(duplex=False)
        process = self.endpoint.ctx.Process(target=run_query, args=(self.endpoint.store, query, accept, send), daemon=True)
        process.start()
        send.close()
        try:
            if receive.poll(self.endpoint.timeout):
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

    _head_only = False

    def _send(self, status: HTTPStatus, media: str, data: bytes, close: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        for name, value in CORS.items():  # browser SPARQL editors query from their own origin
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not self._head_only:
            self.wfile.write(data)
        self._head_only = False  # the next request on this connection is answered in full

    def _error(self, status: HTTPStatus, message: str, close: bool = False) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), close)


def make_server(store_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                allow_service: bool = False, workers: int = WORKERS, max_body: int = MAX_BODY,
                pages: Callable[[], Served] | None = None) -> ThreadingHTTPServer:
    """The endpoint over the store at ``store_path`` (a build folder's ``store``), not yet serving; with ``pages``
    (the build's site and its search), its pages at / and search at /search.json beside /sparql."""
    store = str(Path(store_path).resolve())  # a pinned /proc/self/fd path: the folder it names now
    folder = Path(store).parent
    # query processes are forked from a server process started now, before the HTTP threads exist
    ctx = mp.get_context("forkserver") if "forkserver" in mp.get_all_start_methods() else mp.get_context("spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["pyoxigraph", "policykg.queries.endpoint"])
    endpoint = _Endpoint(store, folder, ctx, threading.BoundedSemaphore(workers), _manifest_digest(folder), timeout,
                         allow_service, workers, max_body, pages)
    if pages is not None:
        endpoint.render()  # before the first request: no request waits for the whole site
    Handler = type("Handler", (_Handler,), {"endpoint": endpoint})  # noqa: N806 — a class, named as one
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
