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

from policykg.graph.outputs import open_build
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
