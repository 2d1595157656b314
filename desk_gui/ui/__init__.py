"""The Qt user interface."""

# Only ``sys`` before the scan is made quick: PySide scans each module an import statement
# names, the first time, even one loaded before it (``typing`` alone costs half a millisecond).
import sys


def _quick_feature_scan() -> None:
    """Let PySide tell whether a module uses it without ``inspect.getsource``.

    PySide's ``__feature__`` support (snake_case, true_property) decides for each module named
    in an ``import`` statement, the first time, whether the module uses PySide: whether its
    source holds "PySide6", read with ``inspect.getsource``, which also walks every loaded
    module (``inspect.getmodule``). A start runs it for some 70 modules before its first paint,
    4–8 ms (issue 11). The same answer comes from the module's file read as bytes; a module
    without a ``.py`` file is asked the original way. Nothing changes when PySide's support
    module is not there or differs.
    """
    import PySide6  # noqa: F401  (loads shiboken, whose import hook does the scan)

    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if not callable(scan) or getattr(scan, "quick", False):
        return

    def uses_pyside(module: object) -> bool:
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and file.endswith(".py"):
            try:
                with open(file, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(scan(module))

    uses_pyside.quick = True  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a private of PySide's)


_quick_feature_scan()
