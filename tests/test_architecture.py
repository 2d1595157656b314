"""The README's arrows, enforced: ui → services → store → domain, exchange and printing beside
services, nothing reaching back up, and no import cycle between the packages."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desk_gui"

LAYERS = ("domain", "store", "services", "exchange", "printing", "ui")

# layer → the desk_gui packages it may import (besides itself). The top-level modules (app,
# cli, commands, selftest, __main__) are the composition root and may import any layer; no
# layer imports them, except config (paths), which is a leaf anyone may use.
ALLOWED: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "store": frozenset({"domain"}),
    "exchange": frozenset({"store", "domain"}),
    "printing": frozenset({"domain", "config"}),
    "services": frozenset({"store", "domain", "exchange", "printing"}),
    "ui": frozenset({"services", "exchange", "printing", "domain", "config"}),
    "config": frozenset(),
}

# layer → third-party module prefixes it must never import.
FORBIDDEN_LIBRARIES: dict[str, tuple[str, ...]] = {
    "domain": ("peewee", "playhouse", "PySide6", "psycopg2"),
    "store": ("PySide6",),
    "services": ("PySide6.QtWidgets", "PySide6.QtGui"),
    "exchange": ("PySide6",),
    "printing": ("PySide6.QtWidgets", "peewee", "playhouse"),
    "ui": ("peewee", "playhouse", "psycopg2", "sqlite3"),
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def unit_of(module: str) -> str | None:
    """The package-level node of a desk_gui module: ``desk_gui.store.queue`` → ``store``."""
    parts = module.split(".")
    if parts[0] != "desk_gui" or len(parts) < 2 or parts[1] == "__version__":
        return None  # the package itself (its version string) is everybody's
    return parts[1]


def package_graph(root: Path) -> dict[str, set[str]]:
    """Which package (or top-level module) of ``root`` imports which other ones."""
    graph: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        source = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        edges = graph.setdefault(source, set())
        for module in imported_modules(path):
            target = unit_of(module)
            if target is not None and target != source and target != "__init__":
                edges.add(target)
    return graph


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """One import cycle as a path (``a → b → a``), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def arrow_violations(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """Every edge the README's arrows do not allow (composition-root modules excepted)."""
    problems = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            if source in ALLOWED and target not in ALLOWED[source]:
                problems.append(f"{source} → {target}")
    return problems


def root_imports_into_layers(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """A layer importing a composition-root module (cli, app, commands, selftest)."""
    return [
        f"{source} → {target}"
        for source, targets in sorted(graph.items())
        if source in ALLOWED
        for target in sorted(targets)
        if target not in ALLOWED and target not in LAYERS
    ]


def test_package_imports_follow_the_arrows() -> None:
    problems = arrow_violations(package_graph(PACKAGE))
    assert not problems, "\n".join(problems)


def test_no_import_cycle_between_packages() -> None:
    assert find_cycle(package_graph(PACKAGE)) is None


@pytest.mark.parametrize("layer", sorted(FORBIDDEN_LIBRARIES))
def test_layer_libraries(layer: str) -> None:
    problems = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for module in sorted(imported_modules(path)):
            for banned in FORBIDDEN_LIBRARIES[layer]:
                if module == banned or module.startswith(banned + "."):
                    problems.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    assert not problems, "\n".join(problems)


def test_every_layer_has_code() -> None:
    for layer in LAYERS:
        assert list((PACKAGE / layer).rglob("*.py")), layer


def test_checker_sees_function_level_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from desk_gui.store.models import Ticket\n    import peewee\n")
    assert {"desk_gui.store.models", "desk_gui.store.models.Ticket", "peewee"} <= imported_modules(
        sample
    )


def _fake_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_ui_to_store_import_fails(tmp_path: Path) -> None:
    fake = _fake_package(
        tmp_path / "desk_gui",
        {
            "ui/window.py": "def f():\n    from desk_gui.store.database import open_database\n",
            "store/database.py": "from desk_gui.domain import rules\n",
            "domain/rules.py": "",
        },
    )
    assert arrow_violations(package_graph(fake)) == ["ui → store"]


def test_a_cycle_between_packages_is_found(tmp_path: Path) -> None:
    fake = _fake_package(
        tmp_path / "desk_gui",
        {
            "services/importing.py": "from desk_gui.exchange.importer import ImportRow\n",
            "exchange/export.py": "from desk_gui.services.settings import load_settings\n",
        },
    )
    assert find_cycle(package_graph(fake)) == ["exchange", "services", "exchange"]
    assert arrow_violations(package_graph(fake)) == ["exchange → services"]


def test_the_real_graph_is_what_the_readme_draws() -> None:
    graph = package_graph(PACKAGE)
    assert "store" not in graph["ui"]
    assert "services" not in graph["exchange"]
    assert not root_imports_into_layers(graph)


# The ui is grouped by what the user does (queue, intake, worksheet, …); its feature packages
# import each other without a cycle. Imports under ``if TYPE_CHECKING:`` are for annotations only
# and do not count.
UI = PACKAGE / "ui"


def runtime_imports(path: Path) -> set[str]:
    """Like imported_modules, without the imports under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                typing_only.update(id(sub) for sub in ast.walk(statement))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def ui_feature_graph(ui: Path) -> dict[str, set[str]]:
    """Which ui feature package imports which other one (``queue`` → ``worksheet``)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(ui.rglob("*.py")):
        rel = path.relative_to(ui)
        if len(rel.parts) < 2:
            continue  # ui/__init__.py
        edges = graph.setdefault(rel.parts[0], set())
        for module in runtime_imports(path):
            parts = module.split(".")
            if parts[:2] == ["desk_gui", "ui"] and len(parts) > 2 and parts[2] != rel.parts[0]:
                edges.add(parts[2])
    return graph


def test_ui_is_feature_packages_only() -> None:
    loose = sorted(p.name for p in UI.glob("*.py") if p.name != "__init__.py")
    assert loose == []


def test_no_import_cycle_between_ui_features() -> None:
    assert find_cycle(ui_feature_graph(UI)) is None


def test_common_imports_no_feature() -> None:
    assert ui_feature_graph(UI)["common"] == set()


def test_window_helpers_do_not_import_the_window() -> None:
    for name in ("main_menus.py", "main_triage.py"):
        assert "desk_gui.ui.queue.main_window" not in imported_modules(UI / "queue" / name)


def test_a_cycle_between_ui_features_is_found(tmp_path: Path) -> None:
    fake = _fake_package(
        tmp_path / "ui",
        {
            "queue/window.py": "from desk_gui.ui.worksheet.view import open_worksheet\n",
            "worksheet/view.py": "def f():\n    from desk_gui.ui.queue.window import Window\n",
            "intake/form.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from desk_gui.ui.queue.window import Window\n"
            ),
        },
    )
    assert find_cycle(ui_feature_graph(fake)) == ["queue", "worksheet", "queue"]
    assert ui_feature_graph(fake)["intake"] == set()
