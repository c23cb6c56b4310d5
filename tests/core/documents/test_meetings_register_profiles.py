"""Meetings, the outgoing register, layout profiles, terms and live citations (core, no Qt)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from ketluan_desktop.core.documents import citations as citations_live
from ketluan_desktop.core.documents import layout_profiles
from ketluan_desktop.core.documents import outgoing_register as register
from ketluan_desktop.core.documents import records as documents
from ketluan_desktop.core.errors import ConflictError, ValidationError
from ketluan_desktop.core.meetings import records as meetings
from ketluan_desktop.core.meetings.records import AgendaData, AttendanceData, MeetingData
from ketluan_desktop.core.org import terms


def test_meeting_round_trip_with_attendance_agenda_and_totals(db, office, now):
    data = MeetingData(
        body="Ban Thường vụ",
        session_number=12,
        meeting_date=date(2026, 3, 5),
        starts_at=time(14, 0),
        place="Phòng họp số 1",
        attendance=[
            AttendanceData("Hoàng Thanh Hải"),
            AttendanceData("Lương Văn Dũng", present=False, absence_reason="Ốm"),
            AttendanceData("Ma Đức Thắng", present=False),
        ],
        agenda=[AgendaData("Dự thảo Kế hoạch kiểm tra năm 2026")],
    )
    with db.write_session() as s:
        meetings.save(s, data, now=now)
    with db.session() as s:
        back = meetings.load(s, data.id, tz=now.tzinfo)
    assert back.starts_at == time(14, 0) and back.place == "Phòng họp số 1"
    assert [(a.name, a.present, a.absence_reason) for a in back.attendance] == [
        ("Hoàng Thanh Hải", True, None),
        ("Lương Văn Dũng", False, "Ốm"),
        ("Ma Đức Thắng", False, None),
    ]
    t = meetings.totals(back.attendance)
    assert t.sentence() == "Có mặt 01/03 đồng chí; vắng 02 đồng chí (01 có lý do)."
    with db.session() as s:
        found = meetings.list_meetings(s, body="Ban Thường vụ", year=2026, text="phong hop")
        assert [r.name for r in found] == ["Hội nghị Ban Thường vụ lần thứ 12"]
        assert meetings.list_meetings(s, year=2025) == []
    with db.session() as s:
        assert meetings.list_meetings(s, body="Ban Thường vụ")[0].name == (
            "Hội nghị Ban Thường vụ lần thứ 12"
        )
        assert meetings.list_meetings(s, body="Ban Chấp hành") == []


def test_meeting_validation_and_conflicts(db, office, now):
    with db.write_session() as s, pytest.raises(ValidationError) as err:
        meetings.save(s, MeetingData(attendance=[AttendanceData("", role="guest")]), now=now)
    msg = str(err.value)
    assert "Hãy nhập ngày họp" in msg and "chưa có họ tên" in msg and "mở rộng" in msg
    data = MeetingData(meeting_date=date(2026, 1, 5))
    with db.write_session() as s:
        meetings.save(s, data, now=now)
    stale = MeetingData(**{**data.__dict__})
    data.place = "A"
    with db.write_session() as s:
        meetings.save(s, data, now=now)
    stale.place = "B"
    with db.write_session() as s, pytest.raises(ConflictError):
        meetings.save(s, stale, now=now)


def test_register_lists_issued_documents_with_filters(db, office, now, make_draft):
    tz = now.tzinfo
    first = make_draft("KL")
    second = make_draft("TB")
    with db.write_session() as s:
        documents.issue(s, first, now=datetime(2024, 12, 30, 9, tzinfo=tz))
        documents.issue(s, second, now=datetime(2025, 8, 1, 9, tzinfo=tz))
        register.update_entry(
            s, first, file_keeper="Văn phòng", copies=40, pages=2, notes="Gửi qua mạng", now=now
        )
    with db.session() as s:
        rows = register.rows(s)
        assert [r.number_symbol for r in rows] == ["01-KL/ĐUK", "01-TB/ĐUK"]
        assert rows[0].signer == "Hoàng Thanh Hải (Bí thư)" and rows[0].copies == 40
        assert rows[0].recipients.endswith("Lưu Văn phòng ĐUK")
        viii = next(t for t in terms.list_terms(s) if t.label == "VIII")
        assert [
            r.number_symbol for r in register.rows(s, register.RegisterFilter(term_id=viii.id))
        ] == ["01-KL/ĐUK"]
        assert [r.type_code for r in register.rows(s, register.RegisterFilter(year=2025))] == ["TB"]
        assert register.describe_filter(s, register.RegisterFilter(term_id=viii.id, year=2024)) == (
            "Khóa VIII, nhiệm kỳ 2020 - 2025; Năm 2024"
        )
    with db.write_session() as s, pytest.raises(ValidationError, match="Số bản"):
        register.update_entry(
            s, first, file_keeper=None, copies=-1, pages=None, notes=None, now=now
        )


def test_layout_profiles_are_seeded_once_and_builtins_stay_as_they_are(db, office, now):
    with db.write_session() as s:
        names = [p.name for p in layout_profiles.list_profiles(s)]
        layout_profiles.ensure_builtins(s)
        assert [p.name for p in layout_profiles.list_profiles(s)] == names
        hd36 = next(p for p in layout_profiles.list_profiles(s) if p.name.startswith("HD 36"))
        assert hd36.is_default and hd36.builtin
        with pytest.raises(ValidationError, match="Nhân bản"):
            layout_profiles.save(s, hd36.id, {"name": hd36.name, "body_size": 13.0}, now=now)
        copy = layout_profiles.duplicate(s, hd36.id, now=now)
        with pytest.raises(ConflictError, match="Đã có mẫu"):
            layout_profiles.save(s, copy.id, {"name": "HD 05-HD/VPTW (2026)"}, now=now)
        with pytest.raises(ValidationError, match="mẫu có sẵn"):
            layout_profiles.delete(s, hd36.id)
        layout_profiles.delete(s, copy.id)


def test_terms_are_roman_and_never_overlap(db, office, now):
    with db.write_session() as s:
        with pytest.raises(ValidationError, match="số La Mã"):
            terms.save_term(
                s, None, label="10", start_date=date(2030, 7, 1), end_date=None, now=now
            )
        with pytest.raises(ValidationError, match=r"^Hãy nhập khóa của nhiệm kỳ"):
            terms.save_term(s, None, label=" ", start_date=date(2030, 7, 1), end_date=None, now=now)
        with pytest.raises(ValidationError, match="phải sau ngày bắt đầu"):
            terms.save_term(
                s, None, label="X", start_date=date(2030, 7, 1), end_date=date(2030, 1, 1), now=now
            )
        term = terms.save_term(
            s, None, label="khóa x", start_date=date(2030, 7, 1), end_date=None, now=now
        )
        assert term.label == "X"


def test_citations_are_found_where_they_are_typed(db, office):
    text = (
        "Thực hiện Nghị quyết số 28-NQ/TU, ngày 06/12/2023 của Tỉnh ủy và Quyết định "
        "1300-QĐ/TU; bám sát Chỉ thị 34 - CT/TU."
    )
    found = citations_live.spans(text)
    assert [text[s.start : s.end] for s in found] == [
        "Nghị quyết số 28-NQ/TU",
        "Quyết định 1300-QĐ/TU",
        "Chỉ thị 34 - CT/TU",
    ]
    with db.session() as s:
        info = citations_live.describe(s, [text])
    assert next((c.label, c.doc_date, c.issuer) for c in info) == (
        "Nghị quyết số 28-NQ/TU",
        date(2023, 12, 6),
        "Tỉnh ủy",
    )
    assert all(c.cited_id is None for c in info)  # nothing registered before the first save


def test_meeting_start_time_keeps_the_office_clock(db, office):
    vn = timezone(timedelta(hours=7))
    data = MeetingData(meeting_date=date(2026, 2, 3), starts_at=time(8, 0))
    with db.write_session() as s:
        meetings.save(s, data, now=datetime(2026, 2, 1, 9, tzinfo=vn))
    with db.session() as s:
        assert meetings.load(s, data.id, tz=vn).starts_at == time(8, 0)


@pytest.mark.sqlite_only
def test_the_default_profile_read_without_the_orm_is_the_office_default(tmp_path, now):
    """``ketluan export --sample`` reads the office's default profile straight from the file."""
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.documents.profile_file import office_default_in_sqlite
    from ketluan_desktop.core.render.profile import DEFAULT_PROFILE

    path = tmp_path / "ketluan.db"
    db = open_database(path, create=True)
    assert office_default_in_sqlite(path) == DEFAULT_PROFILE  # none marked yet
    with db.write_session() as s:
        hd36 = next(p for p in layout_profiles.list_profiles(s) if p.name.startswith("HD 36"))
        copy = layout_profiles.duplicate(s, hd36.id, now=now)
        data = {**layout_profiles.get(s, copy.id).to_dict(), "body_size": 13.0}
        layout_profiles.save(s, copy.id, data, now=now)
        layout_profiles.set_default(s, copy.id)
    with db.session() as s:
        expected = layout_profiles.default(s)[1]
    db.dispose()
    found = office_default_in_sqlite(path)
    assert found == expected and found.body_size == 13.0 and found.name == copy.name
    assert office_default_in_sqlite(tmp_path / "không phải.db") is None
