"""One installed package: the design-card folders import as policykg.* (never as generic top-level names)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import policykg

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("ontology", "loaders", "graph", "queries")


def test_design_card_folders_import_as_subpackages():
    for name in FOLDERS:
        module = importlib.import_module(f"policykg.{name}")
        assert Path(module.__file__).resolve().parent == ROOT / name, module.__file__


def test_no_code_imports_a_generic_top_level_name():
    pattern = re.compile(rf"^\s*(from|import)\s+({'|'.join(FOLDERS)})\b", re.M)
    offenders = []
    for folder in (*FOLDERS, "policykg", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        if re.search(rf"\"\s*(from|import)\s+({'|'.join(FOLDERS)})\b", path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_bundled_corpus_present():
    files = sorted(p.name for p in policykg.bundled_corpus().glob("*.txt"))
    assert len(files) == 5
