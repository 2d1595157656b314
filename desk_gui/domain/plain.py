"""Value classes without ``dataclasses``: equal by value, a repr, ``replace``; ``Frozen`` ones
are immutable and hashable.

Defining a dataclass execs generated code (and the first imports ``dataclasses``): about a
millisecond each for the few defined before the window's first paint (issue 11). A subclass
lists its fields in ``__slots__``, in the order of its ``__init__``'s parameters, and sets them in
``__init__``; a ``Frozen`` one through ``_assign``.
"""

from __future__ import annotations

from typing import Any, Self


class Plain:
    """Equal by value (same class, same fields), unhashable, a dataclass-like repr."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Plain)
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({inner})"

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``, as ``dataclasses.replace`` gives."""
        unknown = changes.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"{self.__class__.__qualname__} has no field {sorted(unknown)[0]!r}")
        values = (changes.get(name, getattr(self, name)) for name in self.__slots__)
        return self.__class__(*values)

    def __reduce__(self) -> tuple[type[Self], tuple[object, ...]]:
        """Copied and pickled by making it again from its fields."""
        return self.__class__, self._values()


class Frozen(Plain):
    """A ``Plain`` that cannot be changed once made, and so hashable."""

    __slots__ = ()

    def _assign(self, *values: object) -> None:
        names: tuple[str, ...] = self.__slots__
        if len(values) != len(names):
            raise TypeError(f"{self.__class__.__qualname__} takes {len(names)} values")
        for name, value in zip(names, values, strict=True):
            object.__setattr__(self, name, value)

    def __hash__(self) -> int:  # type: ignore[override]  # Plain's is None
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")
