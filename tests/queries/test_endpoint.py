"""`policykg serve`: the SPARQL 1.1 protocol over the build's store, asked by a real HTTP client."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from policykg.graph.store.outputs import open_build
from policykg.queries.endpoint import make_server

COUNT = "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT (COUNT(?d) AS ?n) WHERE { ?d a pkg:Document }"


@pytest.fixture(scope="module")
def endpoint(build_dir):
    server = make_server(open_build(build_dir).store, port=0, timeout=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def _get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


def test_get_and_post_answer_sparql_json(endpoint):
    status, kind, body = _get(endpoint + "?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200 and kind.startswith("application/sparql-results+json")
    n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert n == 75  # 28 documents read, 47 only cited
    status, _, body = _get(endpoint, {"Content-Type": "application/sparql-query"}, COUNT.encode("utf-8"))
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == n
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    status, _, body = _get(endpoint, {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}, form)
    assert status == 200 and list(csv.reader(io.StringIO(body))) == [["n"], [str(n)]]


def test_refusals(endpoint):
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    status, _, body = _get(endpoint + "?" + urllib.parse.urlencode({"query": service}))
    assert status == 400 and "SERVICE" in body
    update = urllib.parse.urlencode({"update": "DELETE WHERE { ?s ?p ?o }"}).encode()
    assert _get(endpoint, {"Content-Type": "application/x-www-form-urlencoded"}, update)[0] == 403
    assert _get(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT WHERE {"}))[0] == 400
    assert _get(endpoint.replace("/sparql", "/other"))[0] == 404


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture()
def quick(build_dir):
    """An endpoint with a one-second limit (the audit's runaway queries ran for good and locked the pool up)."""
    server = make_server(build_dir / "store", port=0, timeout=1.0, workers=4)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_runaway_queries_are_stopped_and_the_endpoint_answers_after_them(quick):
    import time

    url = f"http://127.0.0.1:{quick}/sparql"
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(_get(url + "?" + urllib.parse.urlencode({"query": RUNAWAY}))[0]))
               for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(statuses) == [503] * 5
    started = time.monotonic()
    status, _, body = _get(url + "?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == 75
    assert time.monotonic() - started < 1.0 + 2.0  # within 2 s of the timeout


def _raw(port: int, request: bytes) -> bytes:
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b"Content-Length" in b"".join(chunks):
                head, _, rest = b"".join(chunks).partition(b"\r\n\r\n")
                length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
                if len(rest) >= length:
                    break
        return b"".join(chunks)


@pytest.mark.parametrize("headers, body, status", [
    (b"Content-Length: abc\r\n", b"", b"400"),
    (b"Content-Length: -5\r\n", b"", b"400"),
    (b"Content-Length: 4\r\nContent-Type: application/sparql-query\r\n", b"\xff\xfe\xfd\xfc", b"400"),
    (b"Content-Length: 99999999\r\nContent-Type: application/sparql-query\r\n", b"", b"413"),
])
def test_bad_requests_are_answered_not_dropped(quick, headers, body, status):
    answer = _raw(quick, b"POST /sparql HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n" + body)
    assert answer.split(b" ")[1] == status, answer[:200]
    assert b"Traceback" not in answer


def test_a_rebuild_is_served_from_the_next_query_on(tmp_path):
    import policykg
    from tests.conftest import CORPUS

    corpus = tmp_path / "c"
    corpus.mkdir()
    files = sorted(CORPUS.glob("*.txt"))
    (corpus / files[0].name).write_bytes(files[0].read_bytes())
    out = tmp_path / "out"
    policykg.build(corpus, out)
    server = make_server(out / "store", port=0, timeout=10)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql?" + urllib.parse.urlencode({"query": COUNT})
    try:
        before = int(json.loads(_get(url)[2])["results"]["bindings"][0]["n"]["value"])
        (corpus / files[4].name).write_bytes(files[4].read_bytes())
        policykg.build(corpus, out)
        after = int(json.loads(_get(url)[2])["results"]["bindings"][0]["n"]["value"])
    finally:
        server.shutdown()
        server.server_close()
    assert after > before


def test_content_negotiation_cors_and_the_protocol_verbs(endpoint):
    """What SPARQL clients and browser editors need (the interop audit: q-values ignored, 200 for an unsupported
    Accept, CONSTRUCT deaf to RDF/XML and JSON-LD, no CORS, OPTIONS and HEAD answered 501, no service description)."""
    q = endpoint + "?" + urllib.parse.urlencode({"query": COUNT})
    status, kind, _ = _get(q, {"Accept": "application/sparql-results+json;q=0.2, text/csv"})
    assert status == 200 and kind.startswith("text/csv")
    assert _get(q, {"Accept": "image/png"})[0] == 406
    construct = endpoint + "?" + urllib.parse.urlencode({"query": "CONSTRUCT { ?d a ?t } WHERE { ?d a ?t } LIMIT 3"})
    status, kind, body = _get(construct, {"Accept": "application/rdf+xml"})
    assert status == 200 and kind.startswith("application/rdf+xml") and "<rdf:RDF" in body
    status, kind, body = _get(construct, {"Accept": "application/ld+json"})
    assert status == 200 and kind.startswith("application/ld+json") and json.loads(body)
    request = urllib.request.Request(q, method="OPTIONS")
    with urllib.request.urlopen(request, timeout=10) as r:
        assert r.status == 204 and r.headers["Access-Control-Allow-Origin"] == "*"
    with urllib.request.urlopen(urllib.request.Request(q, method="HEAD"), timeout=30) as r:
        assert r.status == 200 and r.read() == b"" and int(r.headers["Content-Length"]) > 0
    status, kind, body = _get(endpoint)
    assert status == 200 and kind.startswith("text/turtle") and "sd:Service" in body


def test_the_build_s_pages_are_served_beside_the_endpoint(build_dir):
    """`policykg serve` serves the site's pages at / (rendered once, again after a rebuild) and SPARQL at /sparql."""
    from policykg.queries.endpoint import Served
    from policykg.queries.search import SearchIndex, entries
    from policykg.queries.site import Site

    renders = []

    def pages() -> Served:
        renders.append(1)
        corpus = open_build(build_dir).corpus()
        site = Site(corpus)
        return Served(dict(site.files()), SearchIndex(entries(corpus, site.addr.page)).search)

    server = make_server(open_build(build_dir).store, port=0, timeout=5, pages=pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        status, media, home = _get(base + "/")
        assert status == 200 and media.startswith("text/html") and "documents.csv" in home
        doc = next(d for d in open_build(build_dir).corpus().documents if d.doc_number is not None)
        page = next(rel for rel, _ in Site(open_build(build_dir).corpus()).files() if rel.startswith("d/") and doc.key.split("-")[0] in rel)
        status, _, text = _get(base + "/" + urllib.parse.quote(page))
        assert status == 200 and doc.title[:10] in text
        assert _get(base + "/static/search-index.js")[1].startswith("text/javascript")
        assert _get(base + "/../../etc/passwd")[0] == 404 and _get(base + "/nope.html")[0] == 404
        status, _, body = _get(base + "/sparql?" + urllib.parse.urlencode({"query": COUNT}), {"Accept": "text/csv"})
        assert status == 200 and body.splitlines()[0] == "n"
        status, media, text = _get(base + "/search.json?" + urllib.parse.urlencode({"q": "双随机"}))
        found = json.loads(text)
        assert status == 200 and found["total"] == 14 and found["facets"]["kind"] == {"measure": 14}
        found = json.loads(_get(base + "/search.json?" + urllib.parse.urlencode({"q": "区发改委", "kind": "agency"}))[2])
        assert found["results"][0]["title"] == "金山区发展和改革委员会" and found["results"][0]["address"].startswith("a/")
        assert _get(base + "/" + urllib.parse.quote(found["results"][0]["address"]))[0] == 200  # a result opens its page
        assert len(renders) == 1  # rendered once, before serving, for all of these
        import time

        import policykg.queries.endpoint as endpoint_module

        real = endpoint_module._manifest_digest
        endpoint_module._manifest_digest = lambda folder: real(folder) + b" rebuilt"  # as after a new build
        try:
            assert _get(base + "/")[0] == 200  # served at once, from the previous pages, while the new ones render
            deadline = time.monotonic() + 60
            while len(renders) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert len(renders) == 2 and _get(base + "/")[0] == 200
        finally:
            endpoint_module._manifest_digest = real
    finally:
        server.shutdown()
        server.server_close()
