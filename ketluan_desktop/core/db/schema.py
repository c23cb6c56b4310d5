"""Every table of the ORM model: importing this module registers each domain's models on
``Base.metadata`` (the database opens it, and so do Alembic and the schema tests)."""

from ketluan_desktop.core.access.models import Account
from ketluan_desktop.core.audit.models import AuditChainHead, AuditEntry
from ketluan_desktop.core.db.base import Base
from ketluan_desktop.core.db.changes import ChangeLog
from ketluan_desktop.core.documents.incoming_models import IncomingDocument, incoming_task
from ketluan_desktop.core.documents.models import (
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
from ketluan_desktop.core.meetings.models import AgendaItem, Attendance, Meeting
from ketluan_desktop.core.members.models import Member, MemberAbsence, Procedure, ProcedureStep
from ketluan_desktop.core.org.models import Organisation, OrgNameVersion, Person, Setting, Term
from ketluan_desktop.core.signing.models import SigningImage, TrustedRoot
from ketluan_desktop.core.tasks.models import Task, TaskUpdate, task_citation, task_co_unit

__all__ = [
    "Account",
    "AgendaItem",
    "Attendance",
    "AuditChainHead",
    "AuditEntry",
    "Base",
    "Block",
    "ChangeLog",
    "Citation",
    "CitedDocument",
    "Document",
    "DocumentFigure",
    "DocumentSignature",
    "IncomingDocument",
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
    "incoming_task",
    "task_citation",
    "task_co_unit",
]
