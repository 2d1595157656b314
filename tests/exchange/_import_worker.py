"""An import another test kills: ``python -m tests.exchange._import_worker DB SHEET MARK AT``.

Imports SHEET into DB; touches MARK once the import reaches AT ("stage": half the rows
staged, "publish": inside the publish transaction, every row copied, the commit next — where it then
waits to be killed; "index": published, before its search-index rows), then carries on
(unless killed).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desk_gui.exchange.importer import preview_file
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportService
from desk_gui.store import import_stage
from desk_gui.store.database import close_database, open_database


def main(db: str, sheet: str, mark: str, at: str) -> None:
    open_database(db)
    preview = preview_file(sheet)
    n = len(preview.valid_rows)
    copy = import_stage._copy

    def copy_then_wait(*args: object) -> None:
        copy(*args)  # type: ignore[arg-type]
        Path(mark).touch()
        time.sleep(600)

    def progress(done: int, _total: int) -> None:
        if at == "stage" and done >= 2 * n and not Path(mark).exists():
            Path(mark).touch()

    def wait_before_indexing(*_args: object) -> float:
        Path(mark).touch()
        time.sleep(600)
        return 0.0

    if at == "publish":
        import_stage._copy = copy_then_wait  # type: ignore[assignment]
    if at == "index":
        import_stage._index_staged = wait_before_indexing  # type: ignore[assignment]

    try:
        ImportService(Context(operator="导入员")).run(preview, progress=progress)
    finally:
        close_database()
    print("finished", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
