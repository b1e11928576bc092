"""What each query command loads: a command imports only what it uses, so a search starts in a
tenth of a second, not the third it took when every command loaded the parsers, Pydantic and the
ingest machinery (tests/bench_startup.py times it). The modules are asserted, not the time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import CORPUS, ROOT

# Run one command in a fresh interpreter and print the top-level packages it loaded.
_LOADED = """
import contextlib, io, json, sys
from extract.commands.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted({name.split(".")[0] for name in sys.modules})}))
"""
PARSERS = {"spacy", "dateparser"}
MODELS = {"pydantic", "pydantic_core", "schemas"}


def loaded(*argv: str) -> tuple[int, set[str]]:
    """(exit code, top-level packages imported) of `minutebook ARGV` in a fresh process."""
    result = subprocess.run([sys.executable, "-c", _LOADED, *argv], cwd=ROOT, capture_output=True, text=True,
                            check=True, timeout=60)
    answer = json.loads(result.stdout.splitlines()[-1])
    return answer["code"], set(answer["modules"])


@pytest.mark.parametrize("options", [[], ["--rank"], ["--json"], ["--in", "reports", "--since", "2017-01-01"]])
def test_search_loads_neither_parsers_nor_models(store_dir, options):
    code, modules = loaded("search", "council", "--out", str(store_dir), *options)
    assert code == 0
    assert not modules & (PARSERS | MODELS)


@pytest.mark.parametrize("options", [["--json"], [], ["--rank"]])
def test_search_loads_no_rich(store_dir, options):
    code, modules = loaded("search", "council", "--out", str(store_dir), *options)
    assert code == 0
    assert "rich" not in modules


@pytest.mark.parametrize("command", [["who-asked", "Sunter"], ["person", "Sunter"],
                                     ["export", "--table", "resolutions"]])
def test_query_commands_load_no_parsers(store_dir, command):
    code, modules = loaded(*command, "--out", str(store_dir))
    assert code == 0
    assert not modules & PARSERS


def test_export_loads_no_models_nor_rich(store_dir):
    code, modules = loaded("export", "--table", "interventions", "--format", "csv", "--out", str(store_dir))
    assert code == 0
    assert not modules & (MODELS | {"rich"})


def test_check_of_a_text_paper_loads_no_pdf_reader():
    paper = sorted(CORPUS.glob("*agenda-pack.txt"))[0]
    code, modules = loaded("check", str(paper))
    assert code in (0, 1)  # 1: the pack has warnings
    assert not modules & {"pypdfium2", "pdfplumber", "distributed", "dask"}
