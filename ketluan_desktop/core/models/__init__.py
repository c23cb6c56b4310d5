"""The ORM model; importing this package registers every table on ``Base.metadata``."""

from ketluan_desktop.core.models.audit import (
    AuditEntry,
    Setting,
    SigningImage,
    TrustedRoot,
    User,
)
from ketluan_desktop.core.models.base import Base
from ketluan_desktop.core.models.documents import (
    Block,
    Citation,
    CitedDocument,
    Document,
    DocumentFigure,
    DocumentSignature,
    LayoutProfile,
    NumberSequence,
    Recipient,
    Section,
)
from ketluan_desktop.core.models.meetings import AgendaItem, Attendance, Meeting
from ketluan_desktop.core.models.members import Member, MemberAbsence, Procedure, ProcedureStep
from ketluan_desktop.core.models.org import Organisation, OrgNameVersion, Person, Term
from ketluan_desktop.core.models.tasks import Task, TaskUpdate, task_citation, task_co_unit

__all__ = [
    "AgendaItem",
    "Attendance",
    "AuditEntry",
    "Base",
    "Block",
    "Citation",
    "CitedDocument",
    "Document",
    "DocumentFigure",
    "DocumentSignature",
    "LayoutProfile",
    "Meeting",
    "Member",
    "MemberAbsence",
    "NumberSequence",
    "OrgNameVersion",
    "Organisation",
    "Person",
    "Procedure",
    "ProcedureStep",
    "Recipient",
    "Section",
    "Setting",
    "SigningImage",
    "Task",
    "TaskUpdate",
    "Term",
    "TrustedRoot",
    "User",
    "task_citation",
    "task_co_unit",
]
