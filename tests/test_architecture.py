"""Imports point one way: ui → services → store → domain (and nothing reaches back up)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desk_gui"

# layer → module prefixes it must never import (directly, anywhere in the file).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (
        "peewee",
        "playhouse",
        "PySide6",
        "desk_gui.store",
        "desk_gui.services",
        "desk_gui.ui",
        "desk_gui.printing",
        "desk_gui.exchange",
    ),
    "store": ("PySide6.QtWidgets", "PySide6.QtGui", "desk_gui.services", "desk_gui.ui"),
    "services": ("PySide6.QtWidgets", "PySide6.QtGui", "desk_gui.ui"),
    "printing": ("desk_gui.ui", "PySide6.QtWidgets"),
    "exchange": ("desk_gui.ui", "PySide6.QtWidgets"),
    "ui": ("peewee", "playhouse", "desk_gui.store.models"),
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


def layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def violates(module: str, banned: str) -> bool:
    return module == banned or module.startswith(banned + ".")


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer: str) -> None:
    problems = []
    for path in layer_files(layer):
        for module in sorted(imported_modules(path)):
            for banned in FORBIDDEN[layer]:
                if violates(module, banned):
                    problems.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    assert not problems, "\n".join(problems)


def test_every_layer_has_code() -> None:
    for layer in ("domain", "store", "services", "ui"):
        assert layer_files(layer), layer


def test_checker_sees_function_level_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from desk_gui.store.models import Ticket\n    import peewee\n")
    assert {"desk_gui.store.models", "desk_gui.store.models.Ticket", "peewee"} <= imported_modules(
        sample
    )
