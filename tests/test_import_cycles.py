"""No import cycle under transition/, imports inside functions included.

import-linter sees module-level imports; a cycle hidden inside a function (`from .tasks import x`
in a service, the service imported by the task) still couples two modules both ways, and is the
first step of a tangle. Every `.py` file is parsed with `ast`; an edge goes from a module to each
module it imports (a name imported from a package is the submodule when one exists, else the
package); `if TYPE_CHECKING:` blocks are left out (they never run). Package `__init__` modules are
nodes like any other: a package re-exporting its submodules is not a cycle unless one of those
imports the package back.
"""

import ast
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "transition"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in (ROOT / PACKAGE).rglob("*.py") if "migrations" not in path.parts}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST):
    """Every import statement, at any depth, except under `if TYPE_CHECKING:`."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                stack.extend(child.orelse)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child
            stack.append(child)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                source = _resolve(name, is_package, node)
                targets = [
                    f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source for alias in node.names
                ]
            for target in targets:
                while target and target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]  # `import a.b.c` of a name: its module
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each given as one
    cycle through its modules, in import order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0

    def visit(root: str) -> None:
        nonlocal counter
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return [_cycle_path(graph, set(c)) for c in components]


def _cycle_path(graph: dict[str, set[str]], members: set[str]) -> list[str]:
    """A shortest way from the first module of the component back to itself."""
    start = min(members)
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node] & members):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return sorted(members)


def test_no_import_cycle_under_transition():
    found = cycles(import_graph())
    assert not found, "Cycles d'import (imports dans les fonctions compris) :\n" + "\n".join(
        " → ".join(cycle) for cycle in found
    )


def test_the_checker_finds_a_cycle_hidden_in_a_function():
    graph = {"a.services": {"a.models"}, "a.models": set(), "a.tasks": {"a.services"}}
    assert cycles(graph) == []
    graph["a.services"].add("a.tasks")  # `from .tasks import job` inside a service function
    assert cycles(graph) == [["a.services", "a.tasks", "a.services"]]


def test_the_graph_sees_imports_inside_functions(tmp_path, monkeypatch):
    package = tmp_path / PACKAGE / "demo"
    package.mkdir(parents=True)
    (tmp_path / PACKAGE / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "services.py").write_text("def run():\n    from .tasks import job\n    return job\n")
    (package / "tasks.py").write_text("from transition.demo import services\n\njob = services\n")
    (package / "typing_only.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .services import run\n"
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    graph = import_graph()
    assert graph["transition.demo.services"] == {"transition.demo.tasks"}
    assert graph["transition.demo.tasks"] == {"transition.demo.services"}
    assert graph["transition.demo.typing_only"] == set()
    assert cycles(graph) == [["transition.demo.services", "transition.demo.tasks", "transition.demo.services"]]
