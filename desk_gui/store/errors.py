"""Errors a user can act on, each with a plain message in Chinese and English.

Anything else that escapes the store is a bug and takes the crash path.
"""

from __future__ import annotations

from datetime import datetime

from desk_gui.domain.errors import DeskError


class StoreError(DeskError):
    """The database cannot be used as asked."""


class DatabaseLocked(StoreError):
    zh = "数据库正被其他工作站占用。本次操作未执行，已保存的数据不受影响。请稍后重试。"
    en = (
        "The database is busy on another workstation. This action was not carried out; what "
        "was saved before is intact. Please try again in a moment."
    )


class DatabaseUnreachable(StoreError):
    zh = (
        "无法访问数据库：路径不存在、网络共享不可用或没有打开它的权限。本次操作未执行，"
        "已保存的数据不受影响。请检查网络共享（或数据库服务器）后重试。"
    )
    en = (
        "The database cannot be reached: the path does not exist, the network share (or database "
        "server) is unavailable, or you lack permission to open it. This action was not carried "
        "out; what was saved before is intact. Check the share or server, then try again."
    )


class DatabaseIOError(StoreError):
    """The share failed a read or a write (SQLITE_IOERR): a blip, not damage."""

    zh = (
        "网络共享读写数据库时出错（I/O 错误），这不是文件损坏。本次操作未完成，"
        "已保存的数据没有丢失。请重试；若反复出现，请检查网络连接或联系 IT。"
    )
    en = (
        "The share had a read/write error (I/O error); that is not damage to the file. This "
        "action did not complete; nothing that was saved was lost. Try again; if it keeps "
        "happening, check the network connection or ask IT."
    )


class DatabaseUnreadable(StoreError):
    """Plain SQLITE_CORRUPT while the file still reads: SQLite reports an EIO on a read so.

    SQLite (3.37+) turns a read that fails with EIO into "database disk image is malformed";
    only ``desk-gui check`` (the integrity check) can tell a blip from real damage.
    """

    zh = (
        "数据库内容读取不正确。通常是网络共享出现了读取错误：这种情况下没有丢失任何数据，"
        "重试即可。请重试；若此提示反复出现，请运行 desk-gui check 检查文件——"
        "只有检查报告文件损坏时才需要从备份恢复。"
    )
    en = (
        "The database could not be read correctly. Usually the share had a read error; then "
        "nothing was lost and trying again works. Try again; if this keeps coming back, run "
        "desk-gui check, which tells whether the file is damaged — restore a backup only if it "
        "says so."
    )


class DatabaseReadOnly(StoreError):
    zh = (
        "数据库为只读（文件、共享文件夹或账户没有写权限，或共享被设为只读）。本次更改未保存，"
        "已保存的数据不受影响。请联系 IT 恢复写权限后重试。"
    )
    en = (
        "The database is read-only (no write permission on the file, the shared folder or the "
        "account, or the share was made read-only). This change was not saved; what was saved "
        "before is intact. Ask IT to restore write access, then try again."
    )


class PermissionRefused(DatabaseReadOnly):
    """PostgreSQL refused a statement for this login's role (GRANTs or Desk's role guard)."""

    zh = "数据库服务器拒绝了此操作：您的账号角色没有此权限。"
    en = "The database server refused this: your account's role does not allow it."


class DiskFull(StoreError):
    zh = "数据库所在的磁盘或共享已满。本次更改未保存，已保存的数据不受影响。请释放空间后重试。"
    en = (
        "The disk or share holding the database is full. This change was not saved; what was "
        "saved before is intact. Free some space, then try again."
    )


class DatabaseCorrupt(StoreError):
    """SQLite reports damage (SQLITE_CORRUPT / SQLITE_NOTADB) or the integrity check failed."""

    zh = (
        "数据库文件已损坏或不是数据库（SQLite 报告损坏）。请在所有工作站停止使用它，"
        "运行 desk-gui check 检查，并请 IT 从最近的备份恢复。"
    )
    en = (
        "The database file is damaged or is not a database (SQLite reports corruption). Stop "
        "using it on every workstation, run desk-gui check, and ask IT to restore the latest "
        "backup."
    )


class NotDeskDatabase(StoreError):
    """A readable database that Desk did not write (no meta table, an unreadable version)."""

    zh = "这不是 Desk 数据库（或其版本标记无法识别）。没有做任何更改。请确认选择的是正确的文件。"
    en = (
        "This is not a Desk database (or its version stamp cannot be read). Nothing was "
        "changed. Check that you chose the right file."
    )


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


class TargetExists(StoreError):
    """A copy (backup) would overwrite a file that is there already (the database itself,
    perhaps)."""

    zh = "目标文件已存在（可能正是数据库本身），没有写入任何内容。请另选一个新的文件名。"
    en = (
        "The target file exists already (it may be the database itself); nothing was written. "
        "Choose a new file name."
    )
