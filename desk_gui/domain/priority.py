"""Priority from impact × urgency, and the response/resolution targets of each priority."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import Any

from desk_gui.domain.enums import Impact, Priority, Urgency
from desk_gui.domain.lang import is_zh

# Progress updates are owed once a ticket has been open this long (service-desk.md); P1 overrides
# it with zero through its SlaTarget.update_after.
UPDATE_AFTER_OPEN = timedelta(hours=4)


def _cell_key(impact: Impact, urgency: Urgency) -> str:
    return f"{impact.value}:{urgency.value}"


@dataclass(frozen=True)
class PriorityMatrix:
    """An office's impact × urgency → priority table; every one of the nine cells is filled."""

    cells: Mapping[tuple[Impact, Urgency], Priority]

    def __post_init__(self) -> None:
        missing = [(i, u) for i in Impact for u in Urgency if (i, u) not in self.cells]
        if missing:
            raise ValueError(f"priority matrix lacks cells: {missing}")
        # A read-only copy, so a caller's later change to its dict cannot alter a frozen matrix.
        cells = {(Impact(i), Urgency(u)): Priority(p) for (i, u), p in self.cells.items()}
        object.__setattr__(self, "cells", MappingProxyType(cells))

    def __hash__(self) -> int:
        return hash(frozenset(self.cells.items()))

    def priority(self, impact: Impact, urgency: Urgency) -> Priority:
        """The priority of one cell."""
        return self.cells[(impact, urgency)]

    def to_json(self) -> dict[str, str]:
        """Flat ``{"company:high": "p1", …}`` for the settings store."""
        return {_cell_key(i, u): self.cells[(i, u)].value for i in Impact for u in Urgency}

    @classmethod
    def from_json(
        cls, data: Mapping[str, str], default: PriorityMatrix | None = None
    ) -> PriorityMatrix:
        """Matrix from ``to_json`` output; missing cells come from ``default`` (the spec's table)."""
        base = dict((default or DEFAULT_MATRIX).cells)
        for key, value in data.items():
            impact_text, sep, urgency_text = str(key).partition(":")
            if not sep:
                raise ValueError(f"bad priority matrix key: {key!r}")
            base[(Impact.parse(impact_text), Urgency.parse(urgency_text))] = Priority.parse(value)
        return cls(base)


DEFAULT_MATRIX = PriorityMatrix(
    {
        (Impact.COMPANY, Urgency.HIGH): Priority.P1,
        (Impact.COMPANY, Urgency.MEDIUM): Priority.P2,
        (Impact.COMPANY, Urgency.LOW): Priority.P3,
        (Impact.DEPARTMENT, Urgency.HIGH): Priority.P1,
        (Impact.DEPARTMENT, Urgency.MEDIUM): Priority.P2,
        (Impact.DEPARTMENT, Urgency.LOW): Priority.P3,
        (Impact.INDIVIDUAL, Urgency.HIGH): Priority.P2,
        (Impact.INDIVIDUAL, Urgency.MEDIUM): Priority.P3,
        (Impact.INDIVIDUAL, Urgency.LOW): Priority.P4,
    }
)


def priority_for(
    impact: Impact, urgency: Urgency, matrix: PriorityMatrix = DEFAULT_MATRIX
) -> Priority:
    """The priority that impact and urgency give under ``matrix``."""
    return matrix.priority(impact, urgency)


@dataclass(frozen=True)
class Duration:
    """A target length: minutes plus whole business days (a business day is one opening's hours)."""

    minutes: int = 0
    business_days: int = 0

    def __post_init__(self) -> None:
        if self.minutes < 0 or self.business_days < 0:
            raise ValueError(f"negative duration: {self}")

    def label(self, lang: str = "zh") -> str:
        """Readable form, e.g. "2 h" / "2小时" or "1 business day" / "1个工作日"."""
        zh = is_zh(lang)
        parts: list[str] = []
        if self.business_days:
            n = self.business_days
            parts.append(f"{n}个工作日" if zh else f"{n} business day{'s' if n != 1 else ''}")
        hours, minutes = divmod(self.minutes, 60)
        if hours:
            parts.append(f"{hours}小时" if zh else f"{hours} h")
        if minutes or not parts:
            parts.append(f"{minutes}分钟" if zh else f"{minutes} min")
        return ("" if zh else " ").join(parts)

    def to_json(self) -> dict[str, int]:
        """``{"minutes": …, "business_days": …}``."""
        return {"minutes": self.minutes, "business_days": self.business_days}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Duration:
        """Duration from ``to_json`` output."""
        return cls(int(data.get("minutes", 0)), int(data.get("business_days", 0)))


@dataclass(frozen=True)
class SlaTarget:
    """What one priority promises: respond and resolve within, and the progress-update rhythm."""

    respond: Duration
    resolve: Duration
    update_interval: timedelta = timedelta(hours=2)
    around_the_clock: bool = False
    # How long a ticket may be open before progress updates are owed; zero: from the start.
    update_after: timedelta = field(default=UPDATE_AFTER_OPEN)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types; intervals in minutes."""
        return {
            "respond": self.respond.to_json(),
            "resolve": self.resolve.to_json(),
            "update_interval_minutes": self.update_interval // timedelta(minutes=1),
            "around_the_clock": self.around_the_clock,
            "update_after_minutes": self.update_after // timedelta(minutes=1),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SlaTarget:
        """Target from ``to_json`` output."""
        after = data.get("update_after_minutes")
        return cls(
            respond=Duration.from_json(data["respond"]),
            resolve=Duration.from_json(data["resolve"]),
            update_interval=timedelta(minutes=int(data.get("update_interval_minutes", 120))),
            around_the_clock=bool(data.get("around_the_clock", False)),
            update_after=UPDATE_AFTER_OPEN if after is None else timedelta(minutes=int(after)),
        )


DEFAULT_TARGETS: dict[Priority, SlaTarget] = {
    Priority.P1: SlaTarget(
        Duration(minutes=15),
        Duration(minutes=120),
        update_interval=timedelta(minutes=15),
        around_the_clock=True,
        update_after=timedelta(0),
    ),
    Priority.P2: SlaTarget(Duration(minutes=120), Duration(minutes=240)),
    Priority.P3: SlaTarget(Duration(business_days=1), Duration(business_days=3)),
    Priority.P4: SlaTarget(Duration(business_days=2), Duration(business_days=5)),
}


def targets_to_json(targets: Mapping[Priority, SlaTarget]) -> dict[str, dict[str, Any]]:
    """``{"p1": {...}, …}`` for the settings store."""
    return {p.value: targets[p].to_json() for p in Priority if p in targets}


def targets_from_json(
    data: Mapping[str, Mapping[str, Any]],
    default: Mapping[Priority, SlaTarget] | None = None,
) -> dict[Priority, SlaTarget]:
    """Targets from ``targets_to_json`` output; priorities left out keep ``default``'s target."""
    result = dict(DEFAULT_TARGETS if default is None else default)
    for key, value in data.items():
        result[Priority.parse(key)] = SlaTarget.from_json(value)
    return result
