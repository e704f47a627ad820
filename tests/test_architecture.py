"""The package's shape holds: no import cycle between its modules, and no
module imports another module's private (underscored) name."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from sitebuild import PROJECT

PACKAGE = PROJECT / "generator"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports() -> dict[str, set[tuple[str, str]]]:
    """module -> {(imported module, imported name)} for the package's own imports."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    found[name].add((submodule, "") if submodule in MODULES else (node.module, alias.name))
    return found


def test_no_module_imports_a_private_name_of_another():
    private = [(module, f"{target}.{name}") for module, targets in imports().items()
               for target, name in targets if name.startswith("_") and name != "__version__"]
    assert private == []


def test_there_is_no_import_cycle():
    graph = {module: {target for target, _ in targets if target in MODULES and target != module}
             for module, targets in imports().items()}
    cycles, visiting, done = [], [], set()

    def visit(module: str) -> None:
        if module in visiting:
            cycles.append(visiting[visiting.index(module):] + [module])
            return
        if module in done:
            return
        visiting.append(module)
        for target in sorted(graph.get(module, ())):
            visit(target)
        visiting.pop()
        done.add(module)

    for module in sorted(MODULES):
        visit(module)
    assert cycles == []


def test_no_two_test_files_share_a_name():
    """pytest imports test files by their base name (tests/ is on the path):
    two with the same name stop the whole run at collection."""
    from collections import Counter

    names = Counter(p.name for p in Path(__file__).resolve().parent.rglob("test_*.py"))
    assert not [n for n, count in names.items() if count > 1]
