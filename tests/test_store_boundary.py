"""Only the store speaks SQL: every statement lives in extract/storing/, so a table's shape can
change in one floor and no query elsewhere silently reads a column that has gone.

The check reads the source: a string literal (f-strings included) that holds an SQL statement,
or a call of a connection's execute/executemany/executescript, outside extract/storing/ fails it.
"""

from __future__ import annotations

import ast
import re

from tests.helpers import ROOT

PACKAGE = ROOT / "extract"
STORE_FLOOR = PACKAGE / "storing"
# The opening words of SQL statements, in the capitals the project writes them in: prose ("select
# a committee", "Insert into") is not SQL, and a statement in lower case would be a new style.
SQL = re.compile(r"\b(SELECT\b.*\bFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\[?\w+\]?\s+SET|REPLACE\s+INTO|"
                 r"(CREATE|DROP)\s+(TEMP\s+|VIRTUAL\s+)?(TABLE|INDEX|TRIGGER|VIEW)|PRAGMA\s+\w+|BEGIN\s+IMMEDIATE)\b",
                 re.DOTALL)
EXECUTES = {"execute", "executemany", "executescript"}


def _literal_text(node: ast.AST) -> str | None:
    """A string constant's text, or an f-string's literal parts joined (its holes as spaces)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return None


def sql_in(source: str) -> list[tuple[int, str]]:
    """(line, what) of every SQL statement or execute call in a module's source, docstrings aside
    (an f-string's pieces are read once, as the f-string)."""
    tree = ast.parse(source)
    docstrings = {id(body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and (body := node.body) and isinstance(body[0], ast.Expr)}
    docstrings |= {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    found = []
    for node in ast.walk(tree):
        text = _literal_text(node) if id(node) not in docstrings else None
        if text is not None:
            match = SQL.search(text)
            if match:
                found.append((node.lineno, match.group(0)[:40]))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in EXECUTES:
            found.append((node.lineno, f".{node.func.attr}("))
    return found


def test_sql_is_found_in_a_planted_example():
    planted = '''
"""A module whose docstring may say SELECT x FROM y in prose."""
def count(db, table):
    return db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
LABEL = "Select Committee"
def forget(connection):
    connection.cursor().executemany("DELETE FROM people WHERE id = ?", [])
SCHEMA = "CREATE TEMP TABLE joins (a)"
'''
    found = sql_in(planted)
    assert sorted(line for line, _ in found) == [4, 4, 7, 7, 8], found


def test_no_sql_outside_the_store_floor():
    outside = [f"{path.relative_to(ROOT)}:{line}: {what}" for path in sorted(PACKAGE.rglob("*.py"))
               if STORE_FLOOR not in path.parents for line, what in sql_in(path.read_text(encoding="utf-8"))]
    assert outside == [], "SQL outside extract/storing/:\n" + "\n".join(outside)


def test_the_store_floor_is_where_the_sql_is():
    """The check finds what it looks for where it is meant to be (it would pass vacuously if the
    pattern had rotted)."""
    assert sql_in((STORE_FLOOR / "store.py").read_text(encoding="utf-8"))
    assert sql_in((STORE_FLOOR / "reader.py").read_text(encoding="utf-8"))
