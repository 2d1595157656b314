"""The Qt user interface."""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  # shiboken's import hook, which _skip_source_reads shortens


def _skip_source_reads() -> None:
    """Spare PySide6 reading the source of every Desk module imported after it (issue 11).

    PySide6's import hook (``shibokensupport.feature.feature_imported``) reads each newly
    imported module's source once, to record whether it names PySide6 (for ``from __feature__
    import …``, which Desk never uses): 0 if it does, -1 if not. Desk's modules are recorded
    without reading them: the ui's as using PySide6, the others (domain, services, store,
    exchange, imported lazily) as not. Any other module goes through PySide6's own check; a
    PySide6 without this hook is left alone.
    """
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    check = getattr(feature, "feature_imported", None)
    if feature is None or not isinstance(table, dict) or not callable(check):
        return
    if getattr(check, "desk_skips_source", False):
        return

    def feature_imported(module: ModuleType) -> None:
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and name.startswith("desk_gui."):
            table.setdefault(name, 0 if name.startswith("desk_gui.ui") else -1)
            return
        check(module)

    feature_imported.desk_skips_source = True  # type: ignore[attr-defined]
    feature.feature_imported = feature_imported  # type: ignore[attr-defined]


_skip_source_reads()
