"""Staff roles (agent, supervisor, administrator), ranked: each has the rights of those below."""

from __future__ import annotations

from desk_gui.domain.enums import LabelledEnum

_ROLE_LABELS: dict[str, tuple[str, str]] = {
    "agent": ("坐席", "agent"),
    "supervisor": ("主管", "supervisor"),
    "admin": ("管理员", "administrator"),
}


class Role(LabelledEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @classmethod
    def _label_table(cls) -> dict[str, tuple[str, str]]:
        return _ROLE_LABELS

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank
