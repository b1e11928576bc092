"""The package's floors import only downward, and no two modules import each other.

extract/ is a house of floors, each a folder named for its job, in the order data flows
(README: "The layers"). A module may import its own floor and the floors below it, never one
above; and the import graph, imports inside functions included, has no cycle. The shipped
package never imports the developer tools in tests/.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "extract"
# bottom to top; extract/pipeline.py (the one chain of stages) is a floor of its own
FLOORS = ["base", "text", "reading", "segmenting", "parsing", "normalising", "pipeline", "storing", "batch",
          "querying", "viewing", "commands", "__main__"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def imports_of(path: Path) -> set[str]:
    """Every extract module a file imports, at module level or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # 'from extract.parsing import names' imports the module extract.parsing.names
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {target for target in imports_of(path) if target in modules and target != name}
            for name, path in modules.items()}


def test_every_module_is_on_a_named_floor():
    stray = [name for name in graph() if name != "extract" and floor_of(name) not in FLOORS]
    assert stray == [], f"modules outside the floors {FLOORS}: {stray}"


def test_no_module_imports_a_floor_above_its_own():
    upward = [f"{source} -> {target}" for source, targets in graph().items() for target in targets
              if floor_of(source) in FLOORS and floor_of(target) in FLOORS
              and FLOORS.index(floor_of(target)) > FLOORS.index(floor_of(source))]
    assert upward == [], "imports that climb a floor:\n" + "\n".join(sorted(upward))


def test_the_import_graph_has_no_cycle():
    edges = graph()
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == [], "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_the_package_never_imports_the_developer_tools():
    shipped = [f"{path.relative_to(ROOT)}: {target}" for path in PACKAGE.rglob("*.py")
               for target in imports_of(path) if target == "tests" or target.startswith("tests.")]
    assert shipped == []


def test_the_checker_sees_an_upward_import(tmp_path):
    """The graph is read from the source: an import planted in a copy of a low floor is found."""
    planted = tmp_path / "planted.py"
    planted.write_text("def late():\n    from extract.commands.cli import main\n    return main\n")
    assert "extract.commands.cli" in imports_of(planted)
