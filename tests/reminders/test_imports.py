"""Who imports whom among the phone, reminder and diary apps (read from the source, function
bodies included): phones at the bottom, reminders above it, the diary on top; no loop; and
one module alone knows the task queue."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("phones", "reminders", "diary")
QUEUE = ("django.tasks", "django_tasks_db")


def modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in sorted((ROOT / "apps" / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def imports(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


GRAPH = {name: imports(path) for name, path in modules().items()}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "apps" and len(parts) > 1 and parts[1] in APPS else None


@pytest.mark.parametrize(
    ("app", "may_not_import"),
    [("phones", {"reminders", "diary"}), ("reminders", {"diary"})],
)
def test_apps_depend_one_way(app, may_not_import):
    wrong = {
        f"{module} imports {name}"
        for module, names in GRAPH.items()
        if app_of(module) == app
        for name in names
        if app_of(name) in may_not_import
    }
    assert not wrong, sorted(wrong)


def test_no_import_loop():
    edges = {
        module: {name for name in names if name in GRAPH and name != module}
        for module, names in GRAPH.items()
    }
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges[module]):
            if state.get(target) == "open":
                loop = path[path.index(target) :] + [target] if target in path else [target]
                raise AssertionError(" -> ".join(loop))
            if target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])


def test_only_tasks_knows_the_task_queue():
    knowing = {module for module, names in GRAPH.items() if any(n.startswith(QUEUE) for n in names)}
    assert knowing == {"apps.reminders.tasks"}


def test_delivery_is_given_its_scheduler():
    assert "apps.reminders.tasks" not in GRAPH["apps.reminders.delivery"]
    assert "apps.reminders.delivery" in GRAPH["apps.reminders.tasks"]
