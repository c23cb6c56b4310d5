"""Members: the Vietnamese order, accent-free search, filters, checks of a record, concurrent edits,
Party age."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.errors import ConflictError, ValidationError
from ketluan_desktop.core.members import member_detail, member_list
from ketluan_desktop.core.members import records as ms
from ketluan_desktop.core.members.member_checks import MemberData
from ketluan_desktop.core.members.models import Member, MemberAbsence

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))
TODAY = NOW.date()


def _data(org, name, **kw) -> MemberData:
    base = dict(
        full_name=name,
        organisation_id=org,
        admission_date=date(2010, 3, 1),
        birth_date=date(1985, 1, 1),
    )
    base.update(kw)
    return MemberData(**base)


@pytest.fixture
def people(office_db, orgs):
    org = orgs["Đảng bộ Sở Tài chính"]
    other = orgs["Đảng bộ Sở Y tế"]
    names = [
        ("Nguyễn Văn Tuấn", org, "full"),
        ("Trần Thị Ánh", org, "full"),
        ("Lê Văn An", other, "full"),
        ("Phạm Văn Anh", org, "probationary"),
        ("Đỗ Thị Ân", other, "full"),
        ("Bùi Văn Đức", org, "full"),
        ("Hoàng Văn Dũng", org, "full"),
        ("Ngô Thị Ưu", other, "full"),
        ("Đặng Văn Ân", org, "full"),
        ("Vũ Thị Hà", org, "transferred"),
        ("Nguyễn Văn Tuân", org, "full"),
        ("Nguyễn Tuấn Anh", other, "full"),
    ]
    with office_db.write_session() as s:
        for name, o, status in names:
            ms.create(s, _data(o, name, status=status), now=NOW)
    return org, other


def _names(rows) -> list[str]:
    return [r.full_name for r in rows]


def test_the_list_sorts_by_given_name_in_vietnamese_order(office_db, people):
    with office_db.session() as s:
        rows = member_list.list_members(s)
    assert _names(rows) == [
        "Lê Văn An",
        "Nguyễn Tuấn Anh",
        "Phạm Văn Anh",
        "Trần Thị Ánh",
        "Đặng Văn Ân",
        "Đỗ Thị Ân",
        "Hoàng Văn Dũng",
        "Bùi Văn Đức",
        "Vũ Thị Hà",
        "Nguyễn Văn Tuân",
        "Nguyễn Văn Tuấn",
        "Ngô Thị Ưu",
    ]


def test_search_without_accents_and_by_card_number(office_db, people):
    with office_db.session() as s:
        assert _names(member_list.list_members(s, text="nguyen van tuan")) == [
            "Nguyễn Văn Tuân",
            "Nguyễn Văn Tuấn",
        ]
        assert _names(member_list.list_members(s, text="NGUYỄN VĂN TUẤN")) == [
            "Nguyễn Văn Tuân",
            "Nguyễn Văn Tuấn",
        ]
        assert _names(member_list.list_members(s, text="duc")) == ["Bùi Văn Đức"]
        assert member_list.count(s, text="an") == 10  # "văn" folds to "van"
        assert member_list.count(s, text="100%") == 0  # LIKE wildcards are escaped
        m = s.scalars(select(Member).where(Member.full_name == "Lê Văn An")).one()
    with office_db.write_session() as s:
        s.get(Member, m.id).card_number = "48012345"
    with office_db.session() as s:
        assert _names(member_list.list_members(s, text="480123")) == ["Lê Văn An"]


def test_filters_and_windows(office_db, people):
    org, other = people
    with office_db.session() as s:
        assert member_list.count(s) == 12
        assert member_list.count(s, organisation_id=other) == 4
        assert _names(member_list.list_members(s, status="probationary")) == ["Phạm Văn Anh"]
        assert member_list.count(s, organisation_id=org, status="full", text="van") == 5
        window = member_list.list_members(s, offset=3, limit=4)
        assert _names(window) == ["Trần Thị Ánh", "Đặng Văn Ân", "Đỗ Thị Ân", "Hoàng Văn Dũng"]
        m = s.scalars(select(Member).where(Member.full_name == "Hoàng Văn Dũng")).one()
        assert member_list.row_of(s, m.id) == 6
        assert member_list.row_of(s, m.id, organisation_id=org) == 3
        assert member_list.row_of(s, m.id, organisation_id=other) is None


def test_a_record_with_problems_is_refused_with_every_problem(office_db, orgs):
    bad = MemberData(
        full_name="Tuấn",
        gender="nam giới",
        birth_date=date(2001, 5, 1),
        admission_date=date(2015, 1, 1),
        full_member_date=date(2014, 1, 1),
        status="probationary",
        card_number="123",
        ceremony_date=date(2027, 1, 1),
    )
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        ms.create(s, bad, now=NOW)
    text = str(err.value)
    for expected in (
        "Chưa chọn tổ chức cơ sở đảng.",
        "Họ và tên «Tuấn» phải có cả họ và tên",
        "Giới tính «nam giới» không hợp lệ",
        "Ngày tổ chức lễ kết nạp 01/01/2027 ở sau ngày hôm nay.",
        "Ngày vào Đảng 01/01/2015: khi đó chưa đủ 18 tuổi (sinh ngày 01/05/2001).",
        "Ngày chính thức 01/01/2014 phải sau ngày vào Đảng 01/01/2015.",
        "Đảng viên dự bị chưa có ngày chính thức.",
        "Đảng viên dự bị chưa được cấp thẻ đảng viên.",
    ):
        assert expected in text
    with office_db.session() as s:
        assert member_list.count(s) == 0


def test_card_numbers_are_unique_and_may_follow_a_pattern(office_db, orgs):
    org = orgs["Đảng bộ Sở Tài chính"]
    with office_db.write_session() as s:
        ms.create(s, _data(org, "Nguyễn Văn Tuấn", card_number="48 010 001"), now=NOW)
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        ms.create(s, _data(org, "Trần Văn Bình", card_number="48010001"), now=NOW)
    assert "Số thẻ 48010001 đã là của một đảng viên khác" in str(err.value)
    from ketluan_desktop.core.org import settings

    with office_db.write_session() as s:
        settings.set_value(s, "members.card_number_pattern", r"\d{8}")
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        ms.create(s, _data(org, "Trần Văn Bình", card_number="AB12"), now=NOW)
    assert "không đúng mẫu" in str(err.value)


def test_a_concurrent_edit_is_detected(office_db, orgs):
    org = orgs["Đảng bộ Sở Tài chính"]
    with office_db.write_session() as s:
        m = ms.create(s, _data(org, "Nguyễn Văn Tuấn"), now=NOW)
        mid, version = m.id, m.version
    with office_db.write_session() as s:
        ms.update(
            s,
            mid,
            _data(org, "Nguyễn Văn Tuấn", position="Trưởng phòng"),
            expected_version=version,
            now=NOW,
        )
    with office_db.write_session() as s, pytest.raises(ConflictError) as err:
        ms.update(
            s,
            mid,
            _data(org, "Nguyễn Văn Tuấn", position="Phó phòng"),
            expected_version=version,
            now=NOW,
        )
    assert "vừa được người khác sửa" in str(err.value)
    # Two sessions racing past the version check: the second flush loses, nothing is overwritten.
    a, b = office_db.new_session(), office_db.new_session()
    try:
        mb = b.get(Member, mid)
        b.commit()  # b read the record (version 2) and keeps it, as a window does
        ma = a.get(Member, mid)
        ma.position = "A"
        a.commit()
        mb.position = "B"
        with pytest.raises(ConflictError):
            ms.flush(b)
    finally:
        a.close()
        b.rollback()
        b.close()
    with office_db.session() as s:
        assert s.get(Member, mid).position == "A"


def test_edits_and_deletes_are_audited_without_personal_data(office_db, orgs, caplog):
    org = orgs["Đảng bộ Sở Tài chính"]
    caplog.set_level(logging.DEBUG)
    with office_db.write_session() as s:
        m = ms.create(
            s, _data(org, "Nguyễn Văn Tuấn", card_number="48010001"), now=NOW, username="vanthu"
        )
        mid = m.id
    with office_db.write_session() as s:
        ms.update(
            s,
            mid,
            _data(org, "Nguyễn Văn Tuấn", card_number="48010002"),
            expected_version=1,
            now=NOW,
            username="vanthu",
        )
    with office_db.write_session() as s:
        ms.delete(s, mid, expected_version=None, now=NOW, username="vanthu")
    with office_db.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "member")).all()
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[1].changes == {"fields": ["card_number"]}
    blob = " ".join(f"{e.summary} {e.changes}" for e in entries) + caplog.text
    assert "Tuấn" not in blob and "4801000" not in blob


def test_a_member_with_procedures_is_not_deleted(mdb):
    with mdb.session() as s:
        mid = s.scalar(select(Member.id).where(Member.status == "probationary").limit(1))
    with mdb.write_session() as s, pytest.raises(ConflictError) as err:
        ms.delete(s, mid, expected_version=None, now=NOW)
    assert "đổi tình trạng, không xóa hồ sơ" in str(err.value)


def test_party_age_counts_from_the_first_decision_less_the_absences(office_db, orgs):
    org = orgs["Đảng bộ Sở Tài chính"]
    with office_db.write_session() as s:
        mid = ms.create(
            s,
            _data(
                org,
                "Nguyễn Văn Tuấn",
                birth_date=date(1960, 1, 1),
                first_admission_date=date(1986, 6, 1),
                admission_date=date(1995, 6, 1),
            ),
            now=NOW,
        ).id
    with office_db.write_session() as s:
        ms.set_absences(s, mid, [(date(1990, 6, 1), date(1995, 6, 1))], now=NOW)
    with office_db.session() as s:
        d = member_detail.detail(s, mid, TODAY)
        assert d.party_age.years == 35  # 40 years since 1986, less 5 outside
        assert d.party_age.text() == "35 năm (đã trừ 1826 ngày ra khỏi Đảng)"
        assert d.absences == [(date(1990, 6, 1), date(1995, 6, 1))]
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        ms.set_absences(s, mid, [(date(1990, 6, 1), date(1989, 1, 1))], now=NOW)
    assert "ngày kết thúc phải sau ngày bắt đầu" in str(err.value)
    with office_db.session() as s:
        assert s.scalars(select(MemberAbsence)).all()  # the old periods are kept


def test_the_detail_shows_the_end_of_probation_and_the_procedures(mdb):
    with mdb.session() as s:
        m = s.scalars(
            select(Member).where(Member.status == "probationary", Member.ceremony_date.is_not(None))
        ).first()
        d = member_detail.detail(s, m.id, TODAY)
    assert d.probation_end is not None and d.probation_end.year in (2026, 2027)
    assert d.procedures and d.procedures[0].kind_label == "Kết nạp đảng viên"


def test_the_list_source_reads_a_count_and_windows(office_db, people):
    plain = member_list.MemberList(office_db.session)
    assert plain.count() == 12
    assert _names(plain.window(10, 5)) == ["Nguyễn Văn Tuấn", "Ngô Thị Ưu"]
    search = member_list.MemberList(office_db.session, text="van", status="full")
    assert search.count() == 6
    assert _names(search.window(0, 3)) == ["Lê Văn An", "Đặng Văn Ân", "Hoàng Văn Dũng"]
    assert _names(search.window(5, 3)) == ["Nguyễn Văn Tuấn"]
    assert search.window(6, 3) == []


def test_a_duplicate_written_meanwhile_is_a_clear_conflict_without_the_values(office_db, orgs):
    org = orgs["Đảng bộ Sở Tài chính"]
    with office_db.write_session() as s:
        ms.create(s, _data(org, "Nguyễn Văn Tuấn", card_number="48010001"), now=NOW)
    with office_db.write_session() as s:
        m = Member(full_name="Trần Văn Bình", card_number="48010001", organisation_id=org)
        s.add(m)  # past the service's own check, as a race with another workstation would be
        with pytest.raises(ConflictError) as err:
            ms.flush(s)
        s.rollback()
    assert "trùng với một hồ sơ khác" in str(err.value)
    assert err.value.__cause__ is None and err.value.__suppress_context__
    assert "48010001" not in str(err.value)
