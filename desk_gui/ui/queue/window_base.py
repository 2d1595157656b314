"""The main window as its menus and triage see it: what they may call, nothing private.

``MainWindow`` derives from this; ``MainMenus`` and ``MainTriage`` import only this module, so
the window's helpers never import the window back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from desk_gui.domain.errors import DeskError
    from desk_gui.domain.ticket import TicketRecord
    from desk_gui.services.settings import OfficeSettings
    from desk_gui.ui.common.background import Jobs
    from desk_gui.ui.common.session import Session
    from desk_gui.ui.queue.filter_bar import FilterBar
    from desk_gui.ui.queue.ticket_table_model import TicketTableModel


class QueueWindow(QMainWindow):
    """The queue window's public face; ``MainWindow`` implements it."""

    database_requested = Signal(str)  # open another database

    session: Session
    jobs: Jobs
    model: TicketTableModel
    filter_bar: FilterBar

    @property
    def office(self) -> OfficeSettings:
        raise NotImplementedError

    def selected_ids(self) -> list[int]:
        raise NotImplementedError

    def current_id(self) -> int | None:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    def new_ticket(self) -> TicketRecord | None:
        raise NotImplementedError

    def open_ticket(self, ticket_id: int) -> None:
        raise NotImplementedError

    def focus_search(self) -> None:
        raise NotImplementedError

    def change_operator(self) -> None:
        raise NotImplementedError

    def open_settings(self) -> None:
        raise NotImplementedError

    def reload_office(self) -> None:
        raise NotImplementedError

    def show_error(self, exc: DeskError) -> None:
        raise NotImplementedError
