"""The SERVICE policy reads the parsed query: the bypasses found by the hostile-input audit are refused,
and no request reaches a listener on 127.0.0.1 (the only address tests send to)."""

from __future__ import annotations

import http.server
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.graph.store.backends.sparql_policy import QueryRefused, check_query, service_calls

BYPASSES = [
    "SELECT * WHERE { BIND(1 AS ?a) FILTER(?a < 5) SERVICE <{url}> { ?s ?p ?o } }",  # a < hid SERVICE from the regex
    "SELECT * WHERE { FILTER(1 < 2) FILTER(3 > 2) SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service silent <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . FILTER(?o != \"x\") SERVICE\n<{url}> { ?a ?b ?c } }",
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
]


@pytest.fixture()
def run(build_dir):
    from click.testing import CliRunner

    from policykg.cli import main

    return lambda *args: CliRunner().invoke(main, [*args, "--build-dir", str(build_dir)])


@pytest.fixture()
def listener():
    """A local HTTP listener that records every request it gets."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            asked.append(f"{self.command} {self.path}")
            self.send_response(500)
            self.end_headers()

        do_GET = do_POST = _record

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/x", asked
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("template", BYPASSES)
def test_every_service_form_is_refused(template):
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(template.replace("{url}", "http://127.0.0.1:9/x"))
    check_query(template.replace("{url}", "http://127.0.0.1:9/x"), allow_service=True)


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/x> {}" } # SERVICE <http://127.0.0.1:9/y>',
    "PREFIX service: <http://e.org/> SELECT ?s WHERE { ?s service:x ?o FILTER(?o < 3) }",
])
def test_the_word_elsewhere_is_no_service(query):
    assert service_calls(query) == []


@given(st.text(alphabet=" <>?\"'#{}()=!1aSERVICEx\n", max_size=40))
def test_text_the_grammar_cannot_read_is_refused_when_it_holds_the_keyword(noise):
    """Whatever precedes it, a bare SERVICE keyword before a group is found."""
    query = "SELECT * WHERE { " + noise.replace('"', "").replace("'", "").replace("#", "").replace("<", " < ").replace(">", " > ") \
        + " } SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"
    assert service_calls(query)


def test_the_cli_sends_no_request(run, listener):
    url, asked = listener
    for template in BYPASSES:
        result = run("sparql", template.replace("{url}", url))
        assert result.exit_code == 1 and "--allow-service" in result.output
    assert asked == []


def test_serve_sends_no_request(build_dir, listener):
    import urllib.error
    import urllib.parse
    import urllib.request

    from policykg.graph.store.outputs import open_build
    from policykg.queries.endpoint import make_server

    url, asked = listener
    server = make_server(open_build(build_dir).store, port=0, timeout=5)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for template in BYPASSES:
            q = urllib.parse.urlencode({"query": template.replace("{url}", url)})
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/sparql?{q}", timeout=10)
            assert err.value.code == 400
    finally:
        server.shutdown()
        server.server_close()
    assert asked == []
