"""Staff list and the completions intake needs (departments, known requesters)."""

from __future__ import annotations

from dataclasses import dataclass

from desk_gui.domain.enums import Category, Tier
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.validation import action_text
from desk_gui.services import audit
from desk_gui.services.access import Privilege, require
from desk_gui.services.context import Context
from desk_gui.store.database import translate_errors, write_transaction
from desk_gui.store.models import Staff, Ticket


@dataclass(frozen=True)
class StaffMember:
    """A member of the desk as the settings dialog and assignment show it."""

    name: str
    tier: Tier
    skills: tuple[Category, ...]
    active: bool = True


@dataclass(frozen=True)
class KnownRequester:
    """A requester seen on an earlier ticket, with the department and contact used last."""

    requester: str
    department: str
    contact: str


def list_staff(active_only: bool = False) -> list[StaffMember]:
    """The staff list, by name."""
    with translate_errors():
        query = Staff.select().order_by(Staff.name)
        if active_only:
            query = query.where(Staff.active == True)  # noqa: E712
        return [
            StaffMember(
                s.name, Tier(s.tier), tuple(Category(k) for k in s.skills.split(",") if k), s.active
            )
            for s in query
        ]


def save_staff(member: StaffMember, ctx: Context | None = None) -> None:
    """Add or update a staff member (by name); a supervisor's action once sign-in is on."""
    name = member.name.strip()
    if not name:
        raise RuleViolation("required", field="name", zh="请填写姓名。", en="Enter a name.")
    # Controls out; refused if broken, invisible or longer than an assignee may be.
    name = action_text("staff_name", name, required=True)
    require(ctx, Privilege.STAFF)
    skills = ",".join(c.value for c in member.skills)
    with write_transaction():
        old = Staff.get_or_none(Staff.name == name)
        detail = f"{member.tier.value}; {skills}; {'active' if member.active else 'inactive'}"
        if old is None or (old.tier, old.skills, bool(old.active)) != (
            member.tier.value, skills, member.active,
        ):  # fmt: skip
            audit.record(ctx, audit.AuditAction.STAFF_CHANGED, name, detail)
        Staff.insert(
            name=name, tier=member.tier.value, skills=skills, active=member.active
        ).on_conflict(
            conflict_target=[Staff.name],
            update={
                Staff.tier: member.tier.value,
                Staff.skills: skills,
                Staff.active: member.active,
            },
        ).execute()


def departments(prefix: str = "", limit: int = 50) -> list[str]:
    """Departments used on earlier tickets, alphabetically."""
    with translate_errors():
        query = Ticket.select(Ticket.department).distinct()
        if prefix:
            query = query.where(Ticket.department.startswith(prefix))
        return [row.department for row in query.order_by(Ticket.department).limit(limit)]


def known_requesters(prefix: str = "", limit: int = 50) -> list[KnownRequester]:
    """Requesters of earlier tickets (latest department and contact), for completion."""
    with translate_errors():
        query = Ticket.select(Ticket.requester, Ticket.department, Ticket.contact)
        if prefix:
            query = query.where(Ticket.requester.startswith(prefix))
        rows = list(query.order_by(Ticket.id.desc()).limit(limit * 20))
        seen: dict[str, KnownRequester] = {}
        for row in rows:
            if row.requester not in seen:
                seen[row.requester] = KnownRequester(row.requester, row.department, row.contact)
            if len(seen) >= limit:
                break
        return list(seen.values())
