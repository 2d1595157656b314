"""The window's ways into a database (open at start or on a switch, Test connection) given
what a tester would try: a folder, a text file, a truncated file, a newer or unreadable schema
stamp, a server URL with a bad port or another engine. One plain sentence each, no traceback,
the file untouched."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desk_gui.services.workspace import Workspace
from desk_gui.ui.app.launcher import open_workspace, probe_database


def _folder(good: Path, tmp: Path) -> str:
    (tmp / "folder.db").mkdir()
    return str(tmp / "folder.db")


def _text(good: Path, tmp: Path) -> str:
    (tmp / "text.db").write_text("hello, not a database\n")
    return str(tmp / "text.db")


def _truncated(good: Path, tmp: Path) -> str:
    (tmp / "cut.db").write_bytes(good.read_bytes()[:5000])
    return str(tmp / "cut.db")


def _stamp(value: str) -> Callable[[Path, Path], str]:
    def make(good: Path, tmp: Path) -> str:
        path = tmp / f"stamp-{value}.db"
        shutil.copy(good, path)
        conn = sqlite3.connect(path)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (value,))
        conn.commit()
        conn.close()
        return str(path)

    return make


TARGETS: dict[str, tuple[Callable[[Path, Path], str], str]] = {
    "folder": (_folder, "cannot be reached"),
    "text": (_text, "not a database"),
    "truncated": (_truncated, "damaged"),
    "newer": (_stamp("99"), "newer version of Desk"),
    "stamp": (_stamp("x1"), "not a Desk database"),
    "port": (lambda g, t: "postgresql://desk:pw@127.0.0.1:notaport/x", "cannot be reached"),
    "engine": (lambda g, t: "mysql://desk@127.0.0.1/desk", "cannot be reached"),
}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.db"
    Workspace.open(path, "张三", create=True).close()
    return path


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_a_bad_target_is_one_plain_sentence_and_stays_as_it_was(
    good: Path, tmp_path: Path, name: str
) -> None:
    make, phrase = TARGETS[name]
    target = make(good, tmp_path)
    before = Path(target).read_bytes() if Path(target).is_file() else None
    ok, said = probe_database(target, "en")
    workspace, message = open_workspace(target, "en", bind=False)
    assert not ok and workspace is None
    for text in (said, message or ""):
        assert phrase in text and "Traceback" not in text, text
    assert "pw" not in said
    if before is not None:
        assert Path(target).read_bytes() == before
