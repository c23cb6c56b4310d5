"""Document numbers: the next number of one issuing body, document type and scope.

Party rule: numbers run from 01 for each document type within one term of the Party committee and are
not reset on 1 January. Bodies on the State scheme (Decree 30/2020) restart every 1 January. The number
is taken inside the transaction that issues the document, so numbers never repeat or skip.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.documents.models import NumberSequence
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.org import organisations as org_service
from ketluan_desktop.core.org.models import NumberingScheme
from ketluan_desktop.core.org.organisations import IssuerNames
from ketluan_desktop.core.text.dates import format_date


def format_number_symbol(number: int, type_code: str, symbol_code: str) -> str:
    """``105-KL/ĐUK``; numbers under 10 with a leading zero (``05-TB/ĐUK``)."""
    return f"{number:02d}-{type_code}/{symbol_code}"


def scope_for(session: Session, issuer: IssuerNames, on: date) -> str:
    if issuer.numbering_scheme == NumberingScheme.STATE.value:
        return f"year:{on.year}"
    term = org_service.term_on(session, issuer.organisation_id, on)
    if term is None:
        raise ValidationError(
            f"Chưa có nhiệm kỳ (khóa) nào của cấp ủy bao gồm ngày {format_date(on)}, nên chưa thể cấp "
            "số văn bản (số văn bản được đánh từ 01 trong mỗi nhiệm kỳ). Hãy khai báo nhiệm kỳ "
            "trong Công cụ → Cài đặt → Nhiệm kỳ."
        )
    return f"term:{term.id}"


def peek_next(session: Session, issuer_org_id: int, type_code: str, scope: str) -> int:
    last = session.scalar(
        select(NumberSequence.last_number).where(
            NumberSequence.issuer_org_id == issuer_org_id,
            NumberSequence.type_code == type_code,
            NumberSequence.scope == scope,
        )
    )
    return (last or 0) + 1


@requires(Permission.ISSUE_DOCUMENTS)
def allocate(session: Session, issuer_org_id: int, type_code: str, scope: str) -> int:
    """Take the next number. Must run in a write transaction (``Database.write_session``)."""
    where = (
        NumberSequence.issuer_org_id == issuer_org_id,
        NumberSequence.type_code == type_code,
        NumberSequence.scope == scope,
    )
    for _ in range(3):
        number = session.execute(
            update(NumberSequence)
            .where(*where)
            .values(last_number=NumberSequence.last_number + 1)
            .returning(NumberSequence.last_number)
        ).scalar()
        if number is not None:
            return int(number)
        try:
            with session.begin_nested():
                session.execute(
                    insert(NumberSequence).values(
                        issuer_org_id=issuer_org_id, type_code=type_code, scope=scope, last_number=1
                    )
                )
            return 1
        except IntegrityError:  # another workstation created the sequence first: take the next
            continue
    raise RuntimeError("could not allocate a document number")  # pragma: no cover
