"""«Duyệt dự thảo» (issue 16) at the service layer, both engines: the specialist drafts, the
office's chief returns it with a comment or approves it, the clerk numbers and issues only an
approved draft; a saved change waits for approval again; each decision is in the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ketluan_desktop.core.access import accounts, demo_accounts
from ketluan_desktop.core.access.actor import AccessDeniedError
from ketluan_desktop.core.audit import listing
from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.documents import approval, draft_saving, records
from ketluan_desktop.core.documents.models import Document, NumberSequence
from ketluan_desktop.core.errors import DocumentStateError, ValidationError


def _numbers(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.coalesce(func.sum(NumberSequence.last_number), 0)))


def _doc(db, doc_id) -> Document:
    with db.session() as s:
        doc = s.get(Document, doc_id)
        s.expunge(doc)
        return doc


def _last_audit(db) -> AuditEntry:
    with db.session() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def _as(db, username, now):
    accounts.sign_in(db, username, "demo", now=now)


def _edit(db, doc_id, now, subject):
    with db.write_session() as s:
        d = draft_saving.load_draft(s, doc_id)
        d.subject = subject
        draft_saving.save_draft(s, d, now=now)


def _issue(s, doc_id, now):
    return records.issue(s, doc_id, now=now, count_pages=False)


@pytest.fixture
def draft(demo_db, now):
    """A complete draft written by the specialist (a copy of an issued conclusion)."""
    with demo_db.write_session() as s:
        demo_accounts.create(s, now=now)
        source = s.scalars(
            select(Document.id).where(Document.status == "issued").order_by(Document.id)
        ).first()
    _as(demo_db, "chuyenvien", now)
    with demo_db.write_session() as s:
        doc_id = draft_saving.copy_as_draft(s, source, now=now).id
    return demo_db, doc_id


def test_the_clerk_issues_only_a_draft_the_chief_approved(draft, now):
    db, doc_id = draft
    with db.session() as s:
        row = next(r for r in records.list_documents(s) if r.id == doc_id)
    assert row.approval_label == "Chờ duyệt"
    before = _numbers(db)

    _as(db, "vanthu", now)
    with db.write_session() as s, pytest.raises(DocumentStateError) as err:
        _issue(s, doc_id, now)
    assert "chưa được «Lãnh đạo Văn phòng» duyệt" in err.value.message
    assert _numbers(db) == before and _doc(db, doc_id).status == "draft"
    with db.write_session() as s, pytest.raises(AccessDeniedError, match="duyệt dự thảo"):
        approval.approve(s, doc_id, now=now)

    _as(db, "chuyenvien", now)
    with db.write_session() as s, pytest.raises(AccessDeniedError, match="duyệt dự thảo"):
        approval.approve(s, doc_id, now=now)

    _as(db, "lanhdao", now)
    with db.write_session() as s, pytest.raises(ValidationError, match="ghi ý kiến"):
        approval.return_draft(s, doc_id, "  ", now=now)
    with db.write_session() as s:
        approval.return_draft(s, doc_id, "Bổ sung thời hạn ở mục 2", now=now)
    doc = _doc(db, doc_id)
    assert (doc.approval, doc.approval_by, doc.approval_comment) == (
        "returned",
        "lanhdao",
        "Bổ sung thời hạn ở mục 2",
    )
    entry = _last_audit(db)
    assert (entry.action, entry.username, entry.entity_id) == ("return", "lanhdao", doc_id)
    assert entry.changes == {"approval": [None, "returned"], "comment": "Bổ sung thời hạn ở mục 2"}
    with db.session() as s:  # the audit screen's words (the chief may read the trail)
        shown = next(e for e in listing.entries(s) if e.id == entry.id)
    assert shown.action_label == "Trả lại dự thảo"
    assert shown.changes_text == "Duyệt: Chờ duyệt → Trả lại; Ý kiến: Bổ sung thời hạn ở mục 2"
    with db.write_session() as s, pytest.raises(AccessDeniedError, match="cấp số và ban hành"):
        _issue(s, doc_id, now)  # the chief approves and signs; numbering is the clerk's

    _as(db, "vanthu", now)
    with db.write_session() as s, pytest.raises(DocumentStateError) as err:
        _issue(s, doc_id, now)
    assert "trả lại" in err.value.message and "Bổ sung thời hạn ở mục 2" in err.value.message

    _as(db, "chuyenvien", now)
    _edit(db, doc_id, now, "Kết luận (đã bổ sung thời hạn)")
    assert _doc(db, doc_id).approval is None
    assert _last_audit(db).changes == {"approval": ["returned", None]}

    _as(db, "lanhdao", now)
    with db.write_session() as s:
        approval.approve(s, doc_id, now=now)
    assert _last_audit(db).action == "approve"
    with db.session() as s:
        row = next(r for r in records.list_documents(s) if r.id == doc_id)
    assert row.approval_label == "Đã duyệt"

    _as(db, "vanthu", now)
    with db.write_session() as s:
        doc = _issue(s, doc_id, now)
        assert doc.status == "issued" and doc.number
    assert _numbers(db) == before + 1
    assert _doc(db, doc_id).approval_by == "lanhdao"


def test_a_change_saved_after_approval_waits_for_approval_again(draft, now):
    db, doc_id = draft
    _as(db, "lanhdao", now)
    with db.write_session() as s:
        approval.approve(s, doc_id, now=now)
    _as(db, "chuyenvien", now)
    _edit(db, doc_id, now, "Một trích yếu khác sau khi duyệt")
    assert _doc(db, doc_id).approval is None
    assert _last_audit(db).changes == {"approval": ["approved", None]}
    _as(db, "vanthu", now)
    with db.write_session() as s, pytest.raises(DocumentStateError, match="chưa được"):
        _issue(s, doc_id, now)
    with db.session() as s:
        why = approval.issue_refusal(s, s.get(Document, doc_id))
    assert why is not None and why.startswith("Dự thảo chưa được «Lãnh đạo Văn phòng» duyệt")


def test_the_workstations_own_account_approves_by_issuing(demo_db, now):
    """No accounts in use (a workstation's own file): one person drafts, approves and issues."""
    with demo_db.write_session() as s:
        source = s.scalars(select(Document.id).where(Document.status == "issued")).first()
        doc_id = draft_saving.copy_as_draft(s, source, now=now).id
    with demo_db.write_session() as s:
        assert approval.issue_refusal(s, s.get(Document, doc_id)) is None
        _issue(s, doc_id, now)
    doc = _doc(demo_db, doc_id)
    assert doc.status == "issued" and doc.approval == "approved" and doc.approval_by


def test_an_issued_document_is_not_approved_or_returned(draft, now):
    db, doc_id = draft
    _as(db, "lanhdao", now)
    with db.write_session() as s:
        approval.approve(s, doc_id, now=now)
    _as(db, "vanthu", now)
    with db.write_session() as s:
        _issue(s, doc_id, now)
    _as(db, "lanhdao", now)
    with db.write_session() as s, pytest.raises(DocumentStateError, match="Đã ban hành"):
        approval.return_draft(s, doc_id, "Muộn rồi", now=now)


def test_the_command_line_follows_the_same_rule(draft, now, capsys, monkeypatch):
    from engines import target_of

    from ketluan_desktop.cli import main

    db, doc_id = draft
    path = target_of(db)
    db.dispose()
    monkeypatch.setenv("KL_TEST_PW", "demo")

    def run(user: str, *args: str) -> tuple[int, str, str]:
        code = main(["--user", user, "--password-env", "KL_TEST_PW", *args, "--db", path])
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = run("vanthu", "documents", "issue", str(doc_id))
    assert code != 0 and "chưa được «Lãnh đạo Văn phòng» duyệt" in err
    code, _out, err = run("chuyenvien", "documents", "approve", str(doc_id))
    assert code != 0 and "không được duyệt dự thảo" in err
    code, out, _err = run("lanhdao", "documents", "return", str(doc_id), "--comment", "Sửa mục 1")
    assert code == 0 and "Đã trả lại" in out
    code, out, _err = run("lanhdao", "documents", "list")
    line = next(x for x in out.splitlines() if x.lstrip().startswith(f"{doc_id} "))
    assert line.endswith("[Trả lại]")
    code, out, _err = run("lanhdao", "documents", "approve", str(doc_id))
    assert code == 0 and "Đã duyệt" in out
    code, out, _err = run("vanthu", "documents", "issue", str(doc_id))
    assert code == 0 and out.strip() == _doc(db, doc_id).number_symbol
