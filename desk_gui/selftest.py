"""The ``--self-test`` smoke test: the whole stack once, in a temporary folder, for frozen builds.

Checks what a broken bundle or an old interpreter breaks first: the SQLite library's features,
creating and migrating a database, saving a ticket through the services, finding it with a
two-character Chinese search, the bundled fonts and translations, and a worksheet PDF. It prints
one line per step and ``self-test ok``; any failure or Qt warning makes the exit status non-zero.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_gui import __version__

if TYPE_CHECKING:
    from desk_gui.services.workspace import Workspace

# The ticket the self-test saves; its title holds the two-character term it searches for.
TITLE = "打印机卡纸，无法打印报表"
SEARCH_TERM = "卡纸"
MIN_PDF_BYTES = 2000


class SelfTestError(Exception):
    """A self-test step found something wrong."""


def _say(line: str) -> None:
    print(line, flush=True)


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


def needs_offscreen(platform: str = sys.platform, environ: dict[str, str] | None = None) -> bool:
    """Whether Qt must run offscreen: Linux/BSD without an X11 or Wayland display."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return False
    if platform.startswith(("win", "darwin")):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


# -- steps ---------------------------------------------------------------------------------------


def step_sqlite() -> str:
    """The interpreter's SQLite has the store's minimum version and FTS5."""
    from desk_gui.store.database import MIN_SQLITE

    minimum = ".".join(map(str, MIN_SQLITE))
    _check(
        sqlite3.sqlite_version_info >= MIN_SQLITE,
        f"SQLite {sqlite3.sqlite_version} is older than the {minimum} Desk needs",
    )
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61')")
        probe.execute("INSERT INTO t VALUES ('卡 纸')")
        hits = probe.execute("SELECT count(*) FROM t WHERE t MATCH '\"卡 纸\"'").fetchone()[0]
    except sqlite3.Error as exc:
        raise SelfTestError(f"SQLite {sqlite3.sqlite_version} without FTS5: {exc}") from exc
    finally:
        probe.close()
    _check(hits == 1, "FTS5 phrase query found nothing")
    return f"SQLite {sqlite3.sqlite_version} (>= {minimum}), FTS5"


def step_database(folder: Path) -> tuple[str, Workspace]:
    """Create and migrate a fresh database file."""
    from desk_gui.services.context import Context
    from desk_gui.services.workspace import SCHEMA_VERSION, Workspace

    path = folder / "desk.db"
    ctx = Context(operator="self-test", workstation="self-test")
    workspace = Workspace.open(path, ctx, create=True, migrate=True, backup_dir=folder)
    _check(path.is_file(), f"{path} was not created")
    version = workspace.schema_version()
    _check(
        version == SCHEMA_VERSION,
        f"schema version {version} after migrating, expected {SCHEMA_VERSION}",
    )
    journal = workspace.journal_mode()
    _check(journal.lower() == "delete", f"journal_mode is {journal}, not delete")
    return f"created {path.name}, schema version {version}, journal_mode={journal}", workspace


def step_save(workspace: Workspace) -> tuple[str, Any]:
    """Save one ticket through the services and read it back."""
    from desk_gui.domain.enums import Category, Channel, Impact, Urgency
    from desk_gui.domain.ticket import TicketDraft

    service = workspace.tickets
    draft = TicketDraft(
        title=TITLE,
        department="财务部",
        description="三楼财务部打印机卡纸，清理后仍提示卡纸，月底报表无法打印。",
        category=Category.HARDWARE,
        urgency=Urgency.MEDIUM,
        impact=Impact.INDIVIDUAL,
        requester="小明",
        contact="内线8888",
        channel=Channel.PHONE,
    )
    created = service.create(draft)
    record = service.get(created.id)
    _check(record.number == created.number, "the saved ticket does not read back")
    _check(record.title == TITLE, "the saved title does not read back")
    return f"saved ticket {record.number}", record


def step_search(record: Any) -> str:
    """A two-character Chinese term and the ticket number both find the ticket."""
    from desk_gui.store.search import search_ticket_ids

    _check(record.id in search_ticket_ids(SEARCH_TERM), "Chinese 2-character search missed it")
    _check(record.id in search_ticket_ids(record.number), "search by ticket number missed it")
    return f"search '{SEARCH_TERM}' and {record.number} found the ticket"


def step_resources() -> str:
    """Bundled fonts register with Qt and every compiled translation loads."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from desk_gui.config import resources_dir
    from desk_gui.printing.fonts import register_fonts

    families = register_fonts()
    _check(families, f"no bundled font registered from {resources_dir() / 'fonts'}")
    loaded = []
    for qm in sorted((resources_dir() / "translations").glob("*.qm")):
        _check(QTranslator().load(str(qm)), f"cannot load translation {qm.name}")
        loaded.append(qm.stem)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    _check(QTranslator().load("qtbase_zh_CN", qt_dir), f"qtbase_zh_CN.qm missing from {qt_dir}")
    return f"fonts {', '.join(families)}; translations {', '.join(loaded) or 'none'} + qtbase_zh_CN"


def step_pdf(folder: Path, record: Any) -> str:
    """Render the ticket's worksheet to a PDF file."""
    from desk_gui.printing.render import write_pdf

    path = folder / f"{record.number}.pdf"
    pages = write_pdf(path, [record], "zh")
    _check(pages >= 1, "the worksheet has no page")
    _check(path.is_file(), f"{path.name} was not written")
    data = path.read_bytes()
    _check(data.startswith(b"%PDF"), f"{path.name} is not a PDF")
    _check(len(data) >= MIN_PDF_BYTES, f"{path.name} is only {len(data)} bytes")
    return f"worksheet PDF of {record.number}: {pages} page(s), {len(data) // 1024} KB"


# -- running -------------------------------------------------------------------------------------


@contextlib.contextmanager
def _collect_qt_messages(messages: list[str]) -> Iterator[None]:
    """Record Qt warnings (and worse) instead of letting them scroll by."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, text: str) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
            messages.append(f"{kind.name}: {text}")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _run_steps(folder: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    _ = QGuiApplication.instance() or QGuiApplication(qt_arguments())
    _timed("sqlite", step_sqlite)
    with _timed_value("database", lambda: step_database(folder)) as workspace:
        record = _timed_value("save", lambda: step_save(workspace))
        _timed("search", lambda: step_search(record))
    _timed("resources", step_resources)
    _timed("pdf", lambda: step_pdf(folder, record))


def qt_arguments() -> list[str]:
    """QGuiApplication's argv: ``-platform offscreen`` only when there is no display.

    Never ``-platform ""``: Qt takes an empty name as a plugin to load and aborts
    ("no Qt platform plugin could be initialized") on Windows and on Linux with a display.
    """
    platform = os.environ.get("QT_QPA_PLATFORM") or ("offscreen" if needs_offscreen() else "")
    return [sys.argv[0], "-platform", platform] if platform else [sys.argv[0]]


def _timed(name: str, step: Callable[[], str]) -> None:
    started = time.perf_counter()
    detail = step()
    _say(f"{name:<10} ok  {detail}  ({(time.perf_counter() - started) * 1000:.0f} ms)")


def _timed_value(name: str, step: Callable[[], tuple[str, Any]]) -> Any:
    started = time.perf_counter()
    detail, value = step()
    _say(f"{name:<10} ok  {detail}  ({(time.perf_counter() - started) * 1000:.0f} ms)")
    return value


def run_self_test() -> int:
    """Run every step in a temporary folder; 0 and ``self-test ok`` when all passed."""
    if hasattr(sys.stdout, "reconfigure"):
        # A Windows console or pipe in a legacy code page must not crash on a Chinese detail.
        sys.stdout.reconfigure(errors="backslashreplace")
    if needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    _say(
        f"Desk {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})"
    )
    messages: list[str] = []
    started = time.perf_counter()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="desk-selftest-") as tmp,
            _collect_qt_messages(messages),
        ):
            _run_steps(Path(tmp))
    except Exception as exc:  # every failure, expected or not, must fail the build
        print(f"self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        for text in messages:
            print(f"  Qt {text}", file=sys.stderr, flush=True)
        return 1
    if messages:
        print("self-test FAILED: Qt reported warnings:", file=sys.stderr, flush=True)
        for text in messages:
            print(f"  Qt {text}", file=sys.stderr, flush=True)
        return 1
    _say(f"self-test ok ({time.perf_counter() - started:.2f} s)")
    return 0
