"""Errors a user can act on, each with a plain message in Chinese and English.

Anything else that escapes the store is a bug and takes the crash path.
"""

from __future__ import annotations

from datetime import datetime

from desk_gui.domain.errors import DeskError


class StoreError(DeskError):
    """The database cannot be used as asked."""


class DatabaseLocked(StoreError):
    zh = "数据库正被其他工作站占用，请稍后重试。"
    en = "The database is busy on another workstation. Please try again in a moment."


class DatabaseUnreachable(StoreError):
    zh = "无法打开数据库文件：路径不存在或网络共享不可用。"
    en = "The database file cannot be reached: the path does not exist or the network share is unavailable."


class DatabaseReadOnly(StoreError):
    zh = "数据库文件为只读，无法保存。请检查文件或共享文件夹的写权限。"
    en = "The database file is read-only. Check write permission on the file or the shared folder."


class PermissionRefused(DatabaseReadOnly):
    """PostgreSQL refused a statement for this login's role (GRANTs or Desk's role guard)."""

    zh = "数据库服务器拒绝了此操作：您的账号角色没有此权限。"
    en = "The database server refused this: your account's role does not allow it."


class DiskFull(StoreError):
    zh = "磁盘已满，无法保存。请释放空间后重试；已保存的数据不受影响。"
    en = "The disk is full. Free some space and try again; what was saved is safe."


class DatabaseCorrupt(StoreError):
    zh = "数据库文件已损坏或不是 Desk 数据库。请从备份恢复。"
    en = "The database file is damaged or is not a Desk database. Restore it from a backup."


class SchemaTooNew(StoreError):
    zh = "此数据库由更新版本的 Desk 创建，请先升级本机的 Desk。"
    en = "This database was written by a newer version of Desk. Please upgrade Desk on this workstation first."


class SqliteTooOld(StoreError):
    zh = (
        "本程序使用的 SQLite 版本过旧（需要 3.35 或更高版本并支持 FTS5 全文检索）。"
        "请用官方安装程序重新安装 Desk（其中包含合适的 SQLite），或联系 IT 管理员。"
    )
    en = (
        "This Desk runs on too old an SQLite (it needs 3.35 or later with FTS5 full-text "
        "search). Reinstall Desk with the official installer, which includes a suitable "
        "SQLite, or ask your IT administrator."
    )


class NotFound(DeskError):
    zh = "找不到该工单。"
    en = "No such ticket."


class AttachmentTooLarge(DeskError):
    zh = "附件过大。"
    en = "The attachment is too large."


class ConflictError(DeskError):
    """A save that started from a version someone else has since replaced."""

    def __init__(self, number: str, changed_by: str, changed_at: datetime | None) -> None:
        self.number = number
        self.changed_by = changed_by
        self.changed_at = changed_at
        when = changed_at.strftime("%Y-%m-%d %H:%M:%S") if changed_at else "?"
        super().__init__(
            zh=f"工单 {number} 已被 {changed_by} 于 {when} 修改。请重新载入后再保存。",
            en=f"Ticket {number} was changed by {changed_by} at {when}. Reload it before saving.",
        )


class LockedByOther(DeskError):
    """Another workstation holds the edit lock of the ticket."""

    def __init__(self, number: str, holder: str, workstation: str, expires_at: datetime) -> None:
        self.number = number
        self.holder = holder
        self.workstation = workstation
        self.expires_at = expires_at
        until = expires_at.strftime("%H:%M:%S")
        super().__init__(
            zh=f"工单 {number} 正在由 {holder}（{workstation}）编辑，锁定至 {until}。",
            en=f"Ticket {number} is being edited by {holder} ({workstation}) until {until}.",
        )


class SettingsConflict(DeskError):
    """Office settings saved from a copy that another workstation has since replaced."""

    def __init__(self, changed_by: str, changed_at: datetime | None) -> None:
        self.changed_by = changed_by
        self.changed_at = changed_at
        when = changed_at.strftime("%Y-%m-%d %H:%M:%S") if changed_at else "?"
        super().__init__(
            zh=f"办公室设置已被 {changed_by} 于 {when} 修改，您的更改未保存。请重新打开设置后再改。",
            en=f"The office settings were changed by {changed_by} at {when}; yours were not "
            "saved. Open the settings again and redo your change.",
        )
