"""The peewee models: one table a class, bound at open time through ``database_proxy``.

Enumerations are stored as their stable string values (``domain.enums``); times are naive local
datetimes (the office's wall clock), as on the paper worksheet.
"""

from __future__ import annotations

from datetime import datetime

import peewee as pw

from desk_gui.store.times import EpochDateTimeField, LogKindField

database_proxy = pw.DatabaseProxy()


class BaseModel(pw.Model):
    """Common base: bound to the process's open database."""

    class Meta:
        database = database_proxy
        legacy_table_names = False


class Meta(BaseModel):
    """Key/value facts about the file itself (schema version, creating program)."""

    key = pw.CharField(primary_key=True, max_length=64)
    value = pw.TextField()


class Setting(BaseModel):
    """Office settings shared by every workstation (JSON values)."""

    key = pw.CharField(primary_key=True, max_length=64)
    value = pw.TextField()
    updated_at = pw.DateTimeField(default=datetime.now)
    updated_by = pw.CharField(max_length=64, default="")


class Staff(BaseModel):
    """A member of the desk: L1, L2 or expert; skills are category values, comma separated."""

    id = pw.AutoField()  # explicit so type checkers know it

    name = pw.CharField(max_length=64, unique=True)
    tier = pw.CharField(max_length=16, default="l1")
    skills = pw.CharField(max_length=128, default="")
    active = pw.BooleanField(default=True)


class DailySequence(BaseModel):
    """The last sequence number used for one prefix and day (gap-free numbering)."""

    day_key = pw.CharField(primary_key=True, max_length=32)  # prefix + YYYYMMDD
    last = pw.IntegerField(default=0)


class Ticket(BaseModel):
    """A ticket: every worksheet field plus classification, deadlines and bookkeeping.

    Its times, and the log's, are seconds in a SQLite file (schema 20, ``store.times``)."""

    id = pw.AutoField()  # explicit so type checkers know it

    number = pw.CharField(max_length=32, unique=True)
    title = pw.CharField(max_length=64)
    department = pw.CharField(max_length=128)
    description = pw.TextField()
    urgency = pw.CharField(max_length=16)
    requester = pw.CharField(max_length=64)
    contact = pw.CharField(max_length=128)
    submitted_at = EpochDateTimeField()
    status = pw.CharField(max_length=16, default="pending")
    assignee = pw.CharField(max_length=64, null=True)  # Staff.name
    solution = pw.TextField(default="")
    resolved_at = EpochDateTimeField(null=True)
    feedback_resolved = pw.BooleanField(null=True)
    satisfaction = pw.CharField(max_length=16, null=True)
    feedback_score = pw.IntegerField(null=True)
    remarks = pw.TextField(default="")

    category = pw.CharField(max_length=16)
    impact = pw.CharField(max_length=16)
    channel = pw.CharField(max_length=16, default="phone")
    priority = pw.CharField(max_length=4)
    tier = pw.CharField(max_length=16, default="l1")

    respond_due = EpochDateTimeField(null=True)
    resolve_due = EpochDateTimeField(null=True)
    next_update_due = EpochDateTimeField(null=True)
    next_due = EpochDateTimeField(null=True)  # earliest outstanding deadline, for the queue
    first_response_at = EpochDateTimeField(null=True)
    closed_at = EpochDateTimeField(null=True)
    close_reason = pw.TextField(default="")

    device_model = pw.CharField(max_length=128, default="")
    os = pw.CharField(max_length=128, default="")
    software_version = pw.CharField(max_length=128, default="")
    error_code = pw.CharField(max_length=128, default="")

    waiting_on = pw.CharField(max_length=16, null=True)
    waiting_contact = pw.CharField(max_length=128, default="")
    waiting_until = EpochDateTimeField(null=True)
    waiting_since = EpochDateTimeField(null=True)
    paused_seconds = pw.IntegerField(default=0)  # business seconds the SLA clock stood still

    escalation_count = pw.IntegerField(default=0)
    reopen_count = pw.IntegerField(default=0)

    version = pw.IntegerField(default=1)
    created_at = EpochDateTimeField(default=datetime.now)
    updated_at = EpochDateTimeField(default=datetime.now)
    updated_by = pw.CharField(max_length=64, default="")

    # Schema 5: the closed ticket this one follows up (a new problem after closure); last, as
    # ALTER TABLE appends it, and an inline REFERENCES so fresh and migrated files agree.
    # Its index is partial (schema 21, ``schema.FOLLOW_UP_INDEX_SQL``): most tickets follow up
    # nothing, and ``follow_up_of = ?`` never looks for NULL.
    follow_up_of = pw.IntegerField(null=True, constraints=[pw.SQL('REFERENCES "ticket" ("id")')])


class HashField(pw.BlobField):
    """A BLOB / BYTEA read back as bytes on every engine (psycopg2 gives a memoryview)."""

    def python_value(self, value: bytes | memoryview | None) -> bytes | None:
        return None if value is None else bytes(value)


class LogEntry(BaseModel):
    """One append-only line of a ticket's handling log (the audit trail)."""

    id = pw.AutoField()  # explicit so type checkers know it

    # Indexed alone (schema 14): a ticket's few entries sort in memory; (ticket, at) cost 350 MB
    # at 1M tickets against 125 MB.
    ticket = pw.ForeignKeyField(Ticket, backref="log_entries", on_delete="RESTRICT")
    at = EpochDateTimeField()
    # The author's LogAuthor id (schema 21): readers take the name by ``log_authors.name_sql``.
    author_id = pw.IntegerField(constraints=[pw.SQL('REFERENCES "log_author" ("id")')])
    kind = LogKindField(max_length=16)  # a one-letter code on SQLite (schema 20)
    text = pw.TextField()  # Chinese of a generated line, or a note as typed
    text_en = pw.TextField(null=True)  # English of a generated line (schema 4); NULL if typed
    chain = HashField(null=True)  # SHA-256 chaining it to the ticket's previous entry (schema 13)
    # A generated line as template and values (domain.log_render), text "" and text_en NULL.
    args = pw.TextField(null=True)


class LogAuthor(BaseModel):
    """A name that wrote in the handling log, once (schema 21): ten million entries keep its
    id, not its name. Append-only like the log, whose chain covers the name."""

    id = pw.AutoField()  # explicit so type checkers know it

    name = pw.CharField(max_length=64, unique=True)


class Attachment(BaseModel):
    """A screenshot or log file kept inside the database, so one file holds everything."""

    id = pw.AutoField()  # explicit so type checkers know it

    ticket = pw.ForeignKeyField(Ticket, backref="attachments", on_delete="RESTRICT")
    filename = pw.CharField(max_length=255)
    mime = pw.CharField(max_length=128, default="application/octet-stream")
    size = pw.IntegerField()
    data = pw.BlobField()
    added_at = pw.DateTimeField(default=datetime.now)
    added_by = pw.CharField(max_length=64, default="")


class EditLock(BaseModel):
    """An expiring claim that one workstation is editing one ticket."""

    ticket = pw.ForeignKeyField(Ticket, primary_key=True, on_delete="CASCADE")
    holder = pw.CharField(max_length=64)  # operator name
    workstation = pw.CharField(max_length=128)
    acquired_at = pw.DateTimeField()
    expires_at = pw.DateTimeField()


class Reminder(BaseModel):
    """One operator's claim on one reminder (ticket, kind, due time): claimed, snoozed, done.

    The unique key is what makes each person get each reminder once across workstations: the
    first workstation whose INSERT lands notifies, every other one finds the row.
    """

    id = pw.AutoField()  # explicit so type checkers know it

    ticket = pw.ForeignKeyField(Ticket, on_delete="CASCADE", index=False)
    kind = pw.CharField(max_length=16)  # domain.reminders.ReminderKind
    due_at = pw.DateTimeField()
    operator = pw.CharField(max_length=64)
    workstation = pw.CharField(max_length=128)  # where it was claimed or last notified
    claimed_at = pw.DateTimeField()
    snoozed_until = pw.DateTimeField(null=True)
    acknowledged_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("ticket", "kind", "due_at", "operator"), True),)


class IntakeToken(BaseModel):
    """The new-ticket form's own id of a save: a retried save finds the ticket it already made.

    A save that outlived the form's wait (a hung share) may still land; the retry carries the
    same token, so the ticket is written once.
    """

    token = pw.CharField(max_length=64, primary_key=True)
    ticket = pw.ForeignKeyField(Ticket, on_delete="CASCADE", index=False)


class KbArticle(BaseModel):
    """A knowledge-base article (schema 10): the problem, its cause and the steps that fix it."""

    id = pw.AutoField()  # explicit so type checkers know it

    title = pw.CharField(max_length=128)
    symptom = pw.TextField(default="")
    cause = pw.TextField(default="")
    solution = pw.TextField(default="")
    category = pw.CharField(max_length=16, default="other")
    keywords = pw.TextField(default="")
    applies_to = pw.TextField(default="")
    status = pw.CharField(max_length=16, default="draft", index=True)
    author = pw.CharField(max_length=64, default="")
    version = pw.IntegerField(default=1)
    created_at = pw.DateTimeField(default=datetime.now)
    updated_at = pw.DateTimeField(default=datetime.now)
    updated_by = pw.CharField(max_length=64, default="")


class KbRevision(BaseModel):
    """The text an article had before an edit (schema 10): an edit never loses the old words."""

    id = pw.AutoField()  # explicit so type checkers know it

    article = pw.ForeignKeyField(KbArticle, on_delete="CASCADE")
    version = pw.IntegerField()
    title = pw.CharField(max_length=128)
    symptom = pw.TextField()
    cause = pw.TextField()
    solution = pw.TextField()
    category = pw.CharField(max_length=16)
    keywords = pw.TextField()
    applies_to = pw.TextField()
    edited_at = pw.DateTimeField()
    edited_by = pw.CharField(max_length=64)


class KbLink(BaseModel):
    """A ticket an article came from ("source") or helped ("helped") (schema 10)."""

    id = pw.AutoField()  # explicit so type checkers know it

    article = pw.ForeignKeyField(KbArticle, on_delete="CASCADE", index=False)
    ticket = pw.ForeignKeyField(Ticket, on_delete="CASCADE")
    kind = pw.CharField(max_length=16)
    at = pw.DateTimeField()
    by = pw.CharField(max_length=64)

    class Meta:
        indexes = ((("article", "ticket", "kind"), True),)


class TicketLink(BaseModel):
    """Two tickets about the same problem (schema 10): a duplicate call added to an open one."""

    id = pw.AutoField()  # explicit so type checkers know it

    ticket = pw.ForeignKeyField(Ticket, on_delete="CASCADE", index=False)
    other = pw.ForeignKeyField(Ticket, on_delete="CASCADE")
    at = pw.DateTimeField()
    by = pw.CharField(max_length=64)

    class Meta:
        indexes = ((("ticket", "other"), True),)


class KbEditLock(BaseModel):
    """An expiring claim that one workstation is editing one article (schema 10)."""

    article = pw.ForeignKeyField(KbArticle, primary_key=True, on_delete="CASCADE")
    holder = pw.CharField(max_length=64)
    workstation = pw.CharField(max_length=128)
    acquired_at = pw.DateTimeField()
    expires_at = pw.DateTimeField()


class Problem(BaseModel):
    """A problem record (问题管理): one recurring problem, its root cause, workaround and fix.

    ``whys`` holds the 5-Why chain as JSON ([[why, because], …], the last because is the root
    cause); ``match_key`` is the normalised title new tickets are matched on (schema 11).
    """

    id = pw.AutoField()  # explicit so type checkers know it

    number = pw.CharField(max_length=32, unique=True)
    title = pw.CharField(max_length=128)
    match_key = pw.CharField(max_length=128)
    status = pw.CharField(max_length=16, default="open")
    whys = pw.TextField(default="[]")
    workaround = pw.TextField(default="")
    permanent_fix = pw.TextField(default="")
    created_at = pw.DateTimeField()
    created_by = pw.CharField(max_length=64, default="")
    updated_at = pw.DateTimeField()
    updated_by = pw.CharField(max_length=64, default="")
    closed_at = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)


class ProblemTicket(BaseModel):
    """A ticket grouped under a problem record (schema 11)."""

    problem = pw.ForeignKeyField(Problem, on_delete="CASCADE", index=False)
    ticket = pw.ForeignKeyField(Ticket, on_delete="RESTRICT")
    linked_at = pw.DateTimeField()
    linked_by = pw.CharField(max_length=64, default="")

    class Meta:
        primary_key = pw.CompositeKey("problem", "ticket")


class ProblemAction(BaseModel):
    """An improvement action of a problem: plan → doing → checking → done (schema 11)."""

    id = pw.AutoField()  # explicit so type checkers know it

    problem = pw.ForeignKeyField(Problem, on_delete="CASCADE")
    what = pw.TextField()
    owner = pw.CharField(max_length=64, default="")
    due = pw.DateField(null=True)
    status = pw.CharField(max_length=16, default="plan")
    check_result = pw.TextField(default="")
    updated_at = pw.DateTimeField()


class Account(BaseModel):
    """A staff member's sign-in (schema 12): role and password hash, never the password."""

    staff = pw.ForeignKeyField(Staff, primary_key=True, on_delete="CASCADE")
    staff_id: int  # the key column peewee exposes beside ``staff`` (declared for mypy)
    role = pw.CharField(max_length=16)  # domain.roles.Role
    password_hash = pw.CharField(max_length=255)
    failed_attempts = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)  # set after repeated failures
    disabled = pw.BooleanField(default=False)
    must_change = pw.BooleanField(default=False)  # after an administrator's reset
    changed_at = pw.DateTimeField(default=datetime.now)


class AuditEvent(BaseModel):
    """One line of the audit trail (schema 12): who did what, from which account and PC."""

    id = pw.AutoField()  # explicit so type checkers know it

    at = pw.DateTimeField(index=True)
    action = pw.CharField(max_length=32)  # services.audit.AuditAction
    desk_user = pw.CharField(max_length=64)
    os_user = pw.CharField(max_length=128)
    workstation = pw.CharField(max_length=128)
    target = pw.TextField(default="")  # a ticket number, a staff name, a file …
    detail = pw.TextField(default="")  # a filter, the changed settings, masked or not …
    ok = pw.BooleanField(default=True)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Meta,
    Setting,
    Staff,
    DailySequence,
    Ticket,
    LogAuthor,  # before LogEntry, which references it
    LogEntry,
    Attachment,
    EditLock,
    Reminder,
    IntakeToken,
    KbArticle,
    KbRevision,
    KbLink,
    TicketLink,
    KbEditLock,
    Problem,
    ProblemTicket,
    ProblemAction,
    Account,
    AuditEvent,
)
