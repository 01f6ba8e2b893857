"""The view registry: views found by name, and a new view as one module that `policykg view` then offers."""

from __future__ import annotations

from click.testing import CliRunner

from policykg.cli import main
from policykg.queries import views
from policykg.queries.views.registry import all_views

NEW_VIEW = '''
"""A view written for the test: the documents of a build, unlinked."""
from policykg.queries.views.common import View, network


def documents_view(corpus):
    net = network()
    for d in corpus.documents:
        net.add_node(d.key, label=d.title[:12], search=d.title)
    net.pkg_page = {"legend": "", "notes": []}
    return net


VIEW = View("documents", lambda corpus, args, options: (documents_view(corpus), "documents"), "")
'''


def test_the_views_are_found_by_name():
    assert sorted(all_views()) == ["agencies", "lineage", "overview", "trace"]


def test_a_new_view_is_one_module_the_command_offers(tmp_path, monkeypatch, build_dir):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "documents_view.py").write_text(NEW_VIEW, encoding="utf-8")
    monkeypatch.setattr(views, "__path__", [*views.__path__, str(plugins)])
    all_views.cache_clear()
    try:
        out = tmp_path / "documents.html"
        result = CliRunner().invoke(main, ["view", "documents", "--out", str(out), "--build-dir", str(build_dir)])
        assert result.exit_code == 0, result.output
        assert "nodes" in result.output and out.read_text(encoding="utf-8").count("<html") == 1
        unknown = CliRunner().invoke(main, ["view", "nope", "--out", str(out), "--build-dir", str(build_dir)])
        assert unknown.exit_code == 2 and "use agencies, documents, lineage, overview, trace, coverage" in unknown.output
    finally:
        all_views.cache_clear()
