"""Procedures through their steps: fields each kind needs, what a step changes on the member,
dated steps with who recorded them, concurrent changes, the audit trail."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import ConflictError, ValidationError
from ketluan_desktop.core.members import figures as stats
from ketluan_desktop.core.members import procedure_queries
from ketluan_desktop.core.members import procedures as proc
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.member_checks import MemberData
from ketluan_desktop.core.members.models import Member

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))
TODAY = NOW.date()


@pytest.fixture
def full_member(office_db, orgs) -> int:
    with office_db.write_session() as s:
        m = member_service.create(
            s,
            MemberData(
                full_name="Nguyễn Văn Tuấn",
                gender="Nam",
                birth_date=date(1980, 5, 2),
                organisation_id=orgs["Đảng bộ Sở Tài chính"],
                status="full",
                admission_date=date(2005, 3, 1),
                ceremony_date=date(2005, 3, 20),
                full_member_date=date(2006, 3, 20),
                card_number="48010001",
            ),
            now=NOW,
        )
        return m.id


def _advance(db, pid, to, on, **values):
    with db.write_session() as s:
        p = proc.get(s, pid)
        proc.advance(
            s,
            pid,
            to,
            on_date=on,
            values=values,
            expected_version=p.version,
            now=NOW,
            username="vanthu",
        )


def test_a_lost_card_from_reception_to_completion(office_db, full_member):
    with office_db.write_session() as s:
        p = proc.create(
            s,
            "card_reissue",
            member_id=full_member,
            received_on=date(2026, 11, 2),
            values={"reason": "Mất", "details.reported_on": date(2026, 10, 30)},
            now=NOW,
            username="vanthu",
        )
        pid = p.id
        assert p.reason == "mất" and p.details == {"reported_on": "2026-10-30"}
    _advance(office_db, pid, "processing", date(2026, 11, 3))
    with pytest.raises(ValidationError) as err:  # completion needs approval first
        _advance(office_db, pid, "completed", date(2026, 11, 4))
    assert "không chuyển sang «Hoàn thành» được; bước tiếp theo: «Đã duyệt», «Không duyệt»" in str(
        err.value
    )
    _advance(
        office_db,
        pid,
        "approved",
        date(2026, 11, 10),
        decision_number="Số 210-QĐ/ĐUK",
        decision_date=date(2026, 11, 9),
    )
    with pytest.raises(ValidationError) as err:
        _advance(office_db, pid, "completed", date(2026, 11, 20))
    assert "cần có: Số thẻ mới, Ngày cấp thẻ mới" in str(err.value)
    _advance(
        office_db,
        pid,
        "completed",
        date(2026, 11, 20),
        card_number="48 010 999",
        **{"details.issued_on": date(2026, 11, 20)},
    )
    with office_db.session() as s:
        d = procedure_queries.detail(s, pid)
        m = s.get(Member, full_member)
        assert m.card_number == "48010999"
        assert [(st.status, st.on_date, st.by_user) for st in d.steps] == [
            ("received", date(2026, 11, 2), "vanthu"),
            ("processing", date(2026, 11, 3), "vanthu"),
            ("approved", date(2026, 11, 10), "vanthu"),
            ("completed", date(2026, 11, 20), "vanthu"),
        ]
        assert d.values["decision_number"] == "210-QĐ/ĐUK"
        assert d.counted_on == date(2026, 11, 9)  # the decision's date counts, not completion
        assert stats.procedure_sentence(s, date(2026, 7, 1), date(2026, 12, 31)) == (
            "Cấp lại thẻ bị mất cho 01 đồng chí."
        )
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "procedure")).all()
        assert len(audit) == 4 and all("Nguyễn" not in (a.summary or "") for a in audit)


def test_fields_a_kind_needs_at_reception(office_db, full_member):
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(
            s, "travel_abroad", member_id=full_member, received_on=TODAY, values={}, now=NOW
        )
    assert str(err.value) == (
        "Thủ tục «Đi nước ngoài» cần có: Nước đến, Mục đích, Ngày đi, Ngày về."
    )
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(
            s,
            "travel_abroad",
            member_id=full_member,
            received_on=TODAY,
            now=NOW,
            values={
                "details.countries": "Nhật Bản",
                "reason": "du lịch",
                "travel_from": date(2026, 12, 1),
                "travel_to": date(2026, 12, 8),
            },
        )
    assert "Mục đích: «du lịch» không hợp lệ" in str(err.value)
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(
            s,
            "travel_abroad",
            member_id=full_member,
            received_on=TODAY,
            now=NOW,
            values={
                "details.countries": "Nhật Bản; Hàn Quốc",
                "reason": "thăm thân",
                "travel_from": date(2026, 12, 8),
                "travel_to": date(2026, 12, 1),
            },
        )
    assert "Ngày về 01/12/2026 trước ngày đi 08/12/2026." in str(err.value)
    with office_db.write_session() as s:
        p = proc.create(
            s,
            "travel_abroad",
            member_id=full_member,
            received_on=TODAY,
            now=NOW,
            values={
                "details.countries": "Nhật Bản; Hàn Quốc",
                "reason": "Thăm thân",
                "travel_from": date(2026, 12, 1),
                "travel_to": date(2026, 12, 8),
            },
        )
        assert p.details == {"countries": ["Nhật Bản", "Hàn Quốc"]} and p.reason == "thăm thân"
        assert (
            procedure_queries.summary_of(p)
            == "Nhật Bản, Hàn Quốc — thăm thân; 01/12/2026–08/12/2026"
        )


def test_a_candidate_is_admitted_then_becomes_a_full_member(office_db, orgs):
    org = orgs["Đảng bộ Sở Y tế"]
    with office_db.write_session() as s:
        p = proc.create(
            s,
            "admission",
            candidate=MemberData(
                full_name="Hà Thị Thu",
                gender="Nữ",
                birth_date=date(1998, 2, 1),
                organisation_id=org,
            ),
            received_on=date(2025, 3, 3),
            now=NOW,
        )
        pid, mid = p.id, p.member_id
        assert s.get(Member, mid).status == "candidate"
    _advance(office_db, pid, "processing", date(2025, 3, 4))
    _advance(
        office_db,
        pid,
        "approved",
        date(2025, 3, 20),
        decision_number="88-QĐ/ĐUK",
        decision_date=date(2025, 3, 18),
    )
    with office_db.session() as s:
        m = s.get(Member, mid)
        assert (m.status, m.admission_date, m.ceremony_date) == (
            "probationary",
            date(2025, 3, 18),
            None,
        )
    with pytest.raises(ValidationError) as err:
        _advance(office_db, pid, "completed", date(2025, 4, 2))
    assert "Ngày tổ chức lễ kết nạp" in str(err.value)
    with pytest.raises(ValidationError) as err:
        _advance(office_db, pid, "completed", date(2025, 4, 2), ceremony_date=date(2025, 3, 1))
    assert "Lễ kết nạp 01/03/2025 trước ngày quyết định 18/03/2025." in str(err.value)
    _advance(office_db, pid, "completed", date(2025, 4, 2), ceremony_date=date(2025, 4, 2))
    with office_db.session() as s:
        assert s.get(Member, mid).ceremony_date == date(2025, 4, 2)
    # Twelve months later the cell converts her, late: full from the end of the probation.
    with office_db.write_session() as s:
        conv = proc.create(
            s, "official_membership", member_id=mid, received_on=date(2026, 5, 4), now=NOW
        ).id
    _advance(office_db, conv, "processing", date(2026, 5, 5))
    _advance(
        office_db,
        conv,
        "approved",
        date(2026, 5, 20),
        decision_number="301-QĐ/ĐUK",
        decision_date=date(2026, 5, 19),
    )
    with office_db.session() as s:
        m = s.get(Member, mid)
        assert (m.status, m.full_member_date) == ("full", date(2026, 4, 2))
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(s, "official_membership", member_id=mid, received_on=TODAY, now=NOW)
    assert "chỉ dành cho: dự bị" in str(err.value)


def test_only_candidates_may_be_admitted_and_members_get_their_own_kinds(office_db, full_member):
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(s, "admission", member_id=full_member, received_on=TODAY, now=NOW)
    assert "chỉ dành cho: quần chúng (chưa kết nạp)" in str(err.value)
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(
            s, "card_new", candidate=MemberData(full_name="A B"), received_on=TODAY, now=NOW
        )
    assert "chỉ dành cho đảng viên đã có hồ sơ" in str(err.value)


def test_one_open_procedure_of_a_kind_at_a_time(office_db, full_member):
    with office_db.write_session() as s:
        first = proc.create(
            s,
            "card_reissue",
            member_id=full_member,
            received_on=TODAY,
            now=NOW,
            values={"reason": "hư hỏng", "details.reported_on": TODAY},
        ).id
    with office_db.write_session() as s, pytest.raises(ConflictError) as err:
        proc.create(
            s,
            "card_reissue",
            member_id=full_member,
            received_on=TODAY,
            now=NOW,
            values={"reason": "mất", "details.reported_on": TODAY},
        )
    assert f"(mã {first})" in str(err.value)


def test_a_concurrent_change_is_detected_not_overwritten(office_db, full_member):
    with office_db.write_session() as s:
        p = proc.create(
            s,
            "card_reissue",
            member_id=full_member,
            received_on=TODAY,
            now=NOW,
            values={"reason": "mất", "details.reported_on": TODAY},
        )
        pid, version = p.id, p.version
    with office_db.write_session() as s:  # another workstation moves it on
        proc.advance(s, pid, "processing", on_date=TODAY, expected_version=version, now=NOW)
    with office_db.write_session() as s, pytest.raises(ConflictError) as err:
        proc.update(s, pid, {"reason": "hư hỏng"}, expected_version=version, now=NOW)
    assert "vừa được người khác cập nhật" in str(err.value)
    with office_db.session() as s:
        assert proc.get(s, pid).reason == "mất"


def test_steps_are_dated_in_order_and_not_in_the_future(office_db, full_member):
    with office_db.write_session() as s:
        pid = proc.create(
            s, "card_new", member_id=full_member, received_on=date(2026, 11, 10), now=NOW
        ).id
    with pytest.raises(ValidationError) as err:
        _advance(office_db, pid, "processing", date(2026, 11, 9))
    assert "trước ngày của bước trước (10/11/2026)" in str(err.value)
    with pytest.raises(ValidationError) as err:
        _advance(office_db, pid, "processing", date(2026, 12, 1))
    assert "ở sau hôm nay" in str(err.value)


def test_rejection_ends_the_procedure_and_never_counts(office_db, full_member):
    with office_db.write_session() as s:
        pid = proc.create(
            s,
            "travel_abroad",
            member_id=full_member,
            received_on=date(2026, 11, 2),
            now=NOW,
            values={
                "details.countries": "Lào",
                "reason": "việc riêng",
                "travel_from": date(2026, 12, 1),
                "travel_to": date(2026, 12, 5),
            },
        ).id
    _advance(office_db, pid, "processing", date(2026, 11, 3))
    _advance(office_db, pid, "rejected", date(2026, 11, 4))
    with office_db.session() as s:
        d = procedure_queries.detail(s, pid)
        assert d.next_statuses == () and d.counted_on is None
        assert stats.figures(s, date(2026, 1, 1), date(2026, 12, 31)).total == 0


def test_badge_checks_party_age_at_the_occasion(office_db, orgs):
    with office_db.write_session() as s:
        m = member_service.create(
            s,
            MemberData(
                full_name="Ma Văn Lực",
                organisation_id=orgs["Đảng bộ Sở Xây dựng"],
                birth_date=date(1950, 1, 1),
                admission_date=date(1996, 11, 1),
                ceremony_date=date(1996, 11, 20),
                full_member_date=date(1997, 11, 20),
            ),
            now=NOW,
        )
        mid = m.id
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(
            s,
            "badge",
            member_id=mid,
            received_on=TODAY,
            now=NOW,
            values={"badge_years": 30, "details.occasion": date(2026, 9, 2)},
        )
    assert "Đến đợt 02/09/2026 đồng chí chưa đủ 30 năm tuổi Đảng (đủ vào ngày 01/11/2026)." in str(
        err.value
    )
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(
            s,
            "badge",
            member_id=mid,
            received_on=TODAY,
            now=NOW,
            values={"badge_years": 30, "details.occasion": date(2026, 12, 2)},
        )
    assert "không phải ngày trao Huy hiệu Đảng (3/2, 19/5, 2/9, 7/11)" in str(err.value)
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(
            s,
            "badge",
            member_id=mid,
            received_on=TODAY,
            now=NOW,
            values={"badge_years": 35, "details.occasion": date(2026, 11, 7)},
        )
    assert "Huy hiệu 35 năm không có" in str(err.value)
    with office_db.write_session() as s:
        p = proc.create(
            s,
            "badge",
            member_id=mid,
            received_on=TODAY,
            now=NOW,
            values={"badge_years": 30, "details.occasion": date(2026, 11, 7)},
        )
        assert procedure_queries.summary_of(p) == "Huy hiệu 30 năm tuổi Đảng — đợt 07/11/2026"
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(
            s,
            "badge",
            member_id=mid,
            received_on=TODAY,
            now=NOW,
            values={"badge_years": 30, "details.occasion": date(2027, 2, 3)},
        )
    assert "Đã có thủ tục Huy hiệu 30 năm" in str(err.value)


def test_early_badge_only_for_the_seriously_ill(office_db, orgs):
    with office_db.write_session() as s:
        mid = member_service.create(
            s,
            MemberData(
                full_name="Ma Văn Lực",
                organisation_id=orgs["Đảng bộ Sở Xây dựng"],
                admission_date=date(1977, 6, 1),
            ),
            now=NOW,
        ).id  # 50 years on 1/6/2027
    values = {"badge_years": 50, "details.occasion": date(2026, 11, 7), "details.early": True}
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        proc.create(s, "badge", member_id=mid, received_on=TODAY, now=NOW, values=values)
    assert "Chỉ tặng sớm cho đảng viên ốm đau nặng" in str(err.value)
    with office_db.write_session() as s:
        s.get(Member, mid).seriously_ill = True
    with office_db.write_session() as s:
        p = proc.create(s, "badge", member_id=mid, received_on=TODAY, now=NOW, values=values)
        assert "(tặng sớm)" in procedure_queries.summary_of(p)


def test_the_approving_document_links_to_the_database(office_db, full_member):
    with office_db.write_session() as s:
        s.add(
            Document(
                type_code="QĐ",
                status="issued",
                number_symbol="77-QĐ/ĐUK",
                doc_date=date(2026, 11, 5),
            )
        )
        pid = proc.create(
            s,
            "discipline",
            member_id=full_member,
            received_on=date(2026, 11, 2),
            now=NOW,
            values={"reason": "khiển trách"},
        ).id
    _advance(office_db, pid, "processing", date(2026, 11, 3))
    _advance(
        office_db,
        pid,
        "approved",
        date(2026, 11, 5),
        decision_number="số 77-QĐ/ĐUK",
        decision_date=date(2026, 11, 5),
    )
    with office_db.session() as s:
        d = procedure_queries.detail(s, pid)
    assert d.document_id is not None and d.document_label == "77-QĐ/ĐUK 05/11/2026"


def test_expulsion_and_transfer_change_the_status(office_db, full_member, orgs):
    with office_db.write_session() as s:
        pid = proc.create(
            s,
            "discipline",
            member_id=full_member,
            received_on=date(2026, 11, 2),
            now=NOW,
            values={"reason": "khai trừ"},
        ).id
    _advance(office_db, pid, "processing", date(2026, 11, 3))
    _advance(
        office_db,
        pid,
        "approved",
        date(2026, 11, 5),
        decision_number="9-QĐ/ĐUK",
        decision_date=date(2026, 11, 5),
    )
    with office_db.session() as s:
        assert s.get(Member, full_member).status == "removed"
    with office_db.write_session() as s:
        other = member_service.create(
            s,
            MemberData(
                full_name="Lý Văn Quyết",
                organisation_id=orgs["Chi bộ Thanh tra tỉnh"],
                admission_date=date(2010, 1, 4),
            ),
            now=NOW,
        ).id
        tid = proc.create(
            s,
            "transfer",
            member_id=other,
            received_on=date(2026, 11, 2),
            now=NOW,
            values={"details.direction": "chuyển đi", "details.place": "Đảng bộ tỉnh Bắc Kạn"},
        ).id
    _advance(office_db, tid, "processing", date(2026, 11, 3))
    _advance(office_db, tid, "approved", date(2026, 11, 4))
    _advance(
        office_db,
        tid,
        "completed",
        date(2026, 11, 6),
        decision_number="15-GGT/ĐUK",
        decision_date=date(2026, 11, 6),
    )
    with office_db.session() as s:
        assert s.get(Member, other).status == "transferred"


def test_only_open_procedures_can_be_deleted(office_db, full_member):
    with office_db.write_session() as s:
        pid = proc.create(s, "card_new", member_id=full_member, received_on=TODAY, now=NOW).id
    _advance(office_db, pid, "processing", TODAY)
    _advance(office_db, pid, "approved", TODAY)
    with office_db.write_session() as s, pytest.raises(ConflictError):
        proc.delete(s, pid, expected_version=None, now=NOW)
    with office_db.write_session() as s:
        other = proc.create(
            s,
            "discipline",
            member_id=full_member,
            received_on=TODAY,
            now=NOW,
            values={"reason": "cảnh cáo"},
        ).id
    with office_db.write_session() as s:
        proc.delete(s, other, expected_version=None, now=NOW)
    with office_db.session() as s:
        assert procedure_queries.count(s) == 1


def test_the_list_filters_and_finds_rows(mdb):
    with mdb.session() as s:
        total = procedure_queries.count(s)
        assert total == len(procedure_queries.list_procedures(s))
        open_ = procedure_queries.count(s, status=procedure_queries.OPEN)
        assert open_ == 15
        rows = procedure_queries.list_procedures(s, kind="card_reissue", limit=10)
        assert rows and all(r.kind_label == "Cấp lại thẻ đảng viên" for r in rows)
        assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
        some = rows[3]
        assert procedure_queries.row_of(s, some.id, kind="card_reissue") == 3
        assert procedure_queries.row_of(s, some.id, kind="badge") is None
        name = some.member_name.split(" ")[-1]
        found = procedure_queries.list_procedures(s, text=name.lower())
        assert some.id in {r.id for r in found}
