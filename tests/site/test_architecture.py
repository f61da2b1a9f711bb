"""Who imports whom, read from the source over `ast` (function bodies included), issue 22:
- `lumpguide/` (the project: settings, middleware, shared helpers) imports no app, its
  `urls.py` aside, which wires them;
- `apps/phones` is the bottom layer (ADR 0006): it imports no other app;
- `apps/pwa` is the top: no app imports it;
- the apps' imports make no circle."""

from pathlib import Path

# Every module a file imports, at the top or inside a function (read over ast).
from tests.reminders.test_imports import imports

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p.name for p in (ROOT / "apps").iterdir() if (p / "apps.py").exists())


def python_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*.py")) if "migrations" not in p.parts]


def apps_imported(path: Path) -> set[str]:
    return {
        name.split(".")[1]
        for name in imports(path)
        if name.startswith("apps.") and name.split(".")[1] in APPS
    }


def app_graph() -> dict[str, set[str]]:
    graph = {}
    for app in APPS:
        uses = set()
        for path in python_files(ROOT / "apps" / app):
            uses |= apps_imported(path)
        graph[app] = uses - {app}
    return graph


def test_the_project_package_imports_no_app():
    found = {
        str(path.relative_to(ROOT)): sorted(apps_imported(path))
        for path in python_files(ROOT / "lumpguide")
        if path.name != "urls.py" and apps_imported(path)
    }
    assert found == {}


def test_phones_is_the_bottom_layer():
    assert app_graph()["phones"] == set()


def test_the_offline_app_is_on_top():
    assert [app for app, uses in app_graph().items() if "pwa" in uses] == []


def test_the_apps_make_no_circle():
    graph = app_graph()
    done: set[str] = set()

    def visit(app: str, path: tuple[str, ...]) -> None:
        assert app not in path, " -> ".join((*path, app))
        if app in done:
            return
        for used in sorted(graph[app]):
            visit(used, (*path, app))
        done.add(app)

    for app in APPS:
        visit(app, ())


def test_the_graph_is_read():
    """The check can fail: the apps above phones do import each other."""
    graph = app_graph()
    assert "phones" in graph["diary"] and "triage" in graph["handover"]
