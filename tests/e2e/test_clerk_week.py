"""A clerk's week in the real main window (issue 13's "Done when").

The window is made as ``ketluan-desktop`` makes it (the frame first, the database opened on its own
thread, then attached), on a copy of the demo office, with the real background runner, change
watcher and automatic copies. Every step is done with real key and mouse events through the real
widgets; only the OS file pickers and the message boxes are answered here (``ui/dialogs.py``).
Modal dialogs, menus and the password prompt open for real and are driven when they show
(``tests/helpers/gui_hands.py``). Each step is a function of its own, so a failure names the step.

Runs offscreen (the suite's default) and on a real X server:
``xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb python -m pytest tests/e2e/test_clerk_week.py``
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from clerk_office import (
    MONDAY,
    Week,
    no_errors,
    password_prompt,
    pdf_text,
    pick_file,
    snap,
)
from gui_hands import choose, click, key, menu_pick, replace_text, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QPushButton
from sqlalchemy import select

SIGNER = "Hoàng Thanh Hải"  # the demo office's usual signer
ORG = "Đảng ủy Khối các cơ quan tỉnh"

# What the clerk types: every vowel with its marks and tones, and the tall capitals.
INTRO = "Hội nghị thống nhất các nhiệm vụ trọng tâm sau đây:"
ASSESSMENT = (
    "Ẩn số lớn nhất là nguồn lực; Ỗn định tư tưởng, Ữu tiên đầu tư; "
    "ă â ê ô ơ ư đ, á à ả ã ạ, ấ ầ ẩ ẫ ậ, ắ ằ ẳ ẵ ặ, ế ề ể ễ ệ, ố ồ ổ ỗ ộ, ớ ờ ở ỡ ợ, "
    "ứ ừ ử ữ ự, í ì ỉ ĩ ị, ý ỳ ỷ ỹ ỵ, ú ù ủ ũ ụ, é è ẻ ẽ ẹ, ó ò ỏ õ ọ."
)
TASKS = (
    "Tăng cường kiểm tra, giám sát việc thực hiện Nghị quyết số 28-NQ/TU ở cơ sở.",
    "Đẩy mạnh chuyển đổi số trong công tác văn thư, lưu trữ của Đảng ủy Khối.",
    "Hoàn thành đợt trao Huy hiệu Đảng dịp 3/2/2027 cho đảng viên đủ tuổi Đảng.",
)


# --------------------------------------------------------------------------------- the steps


def new_meeting(week: Week, qtbot) -> int:
    """Monday: Tệp → Hội nghị mới (Ctrl+Shift+M), the form typed, Ctrl+S."""
    from ketluan_desktop.core.meetings.models import Meeting

    w = week.window
    w.activateWindow()
    key(w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    form = w.meetings.form
    qtbot.waitUntil(lambda: form.isVisible() and form.title.text() == "Hội nghị mới")
    form.session.setFocus()
    replace_text(form.session.lineEdit(), "20")
    replace_text(form.date, "30/11/2026")
    replace_text(form.place, "Hội trường tầng 3, trụ sở Đảng ủy Khối")
    click(form.add_members)
    snap("1-hoi-nghi-moi")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        click(form.save_button)
    week.wait_idle(qtbot)
    with week.db.session() as s:
        m = s.scalars(select(Meeting).order_by(Meeting.id.desc())).first()
        assert m.session_number == 20 and m.meeting_date.isoformat() == "2026-11-30"
        assert m.place == "Hội trường tầng 3, trụ sở Đảng ủy Khối"
        assert len(m.attendance) > 0
        return m.id


def write_conclusion(week: Week, qtbot, meeting_id: int):
    """«Soạn văn bản của hội nghị» → Kết luận; two sections and three key tasks typed."""
    ws = week.window.meetings
    ws.meeting_tabs.setCurrentIndex(0)
    click(ws.meeting_tabs.tabBar(), ws.meeting_tabs.tabBar().tabRect(0).center())
    assert ws.current_meeting_id() == meeting_id
    before = set(ws.editors)
    week.hands.expect(QMenu, lambda m: menu_pick(m, "Kết luận"), "the templates menu")
    click(ws.new_doc_button)
    week.hands.settle()
    qtbot.waitUntil(lambda: len(ws.editors) > len(before))
    (doc_id,) = set(ws.editors) - before
    ed = ws.editors[doc_id]
    qtbot.waitExposed(ed)
    d = ed.model.draft
    opening = d.sections[0].blocks[0].text  # the template's, from the meeting typed on Monday
    assert opening.startswith("Ngày 30 tháng 11 năm 2026") and "kỳ thứ 20" in opening
    _type_block(qtbot, ed, d.sections[1].blocks[0].key, ASSESSMENT)
    section = d.sections[2]
    _type_block(qtbot, ed, section.blocks[0].key, INTRO)
    first_bullet = next(b for b in section.blocks if b.is_bullet)
    _type_block(qtbot, ed, first_bullet.key, TASKS[0], ime=True)
    edit = ed.body_view.row(first_bullet.key).edit
    for text in TASKS[1:]:
        key(edit, Qt.Key.Key_Return)  # a new bullet after this one, the caret in it
        edit = QApplication.focusWidget()
        type_text(edit, text, ime=text is TASKS[2])
    return ed


def _type_block(qtbot, ed, block_key: str, text: str, *, ime: bool = False) -> None:
    edit = ed.body_view.row(block_key).edit
    click(edit)
    key(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(edit, text, ime=ime)
    assert edit.text().endswith(text)


def assign_key_tasks(week: Week, qtbot, ed) -> None:
    """Each bullet: Ctrl+T, a lead unit, a helping unit ticked with Space, a deadline typed."""
    panel = ed.tasks_panel
    bullets = [b for b in ed.model.draft.sections[2].blocks if b.text in TASKS]
    assert [b.text for b in bullets] == list(TASKS)
    leads = ("Ban Tổ chức", "Văn phòng", "Ban Tổ chức")
    for bullet, lead in zip(bullets, leads, strict=True):
        edit = ed.body_view.row(bullet.key).edit
        click(edit)
        key(edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: panel.is_task.isChecked() and panel.lead.isEnabled())
        choose(panel.lead, lead)
        panel.co_units.setFocus()
        panel.co_units.setCurrentRow(panel.co_units.count() - 1)
        key(panel.co_units, Qt.Key.Key_Space)
        click(panel.has_deadline)
        replace_text(panel.deadline, "31/3/2027")
        key(panel.deadline, Qt.Key.Key_Tab)
    snap("2-ket-luan-nhiem-vu")
    tasks = [b.task for b in bullets]
    assert all(t is not None and t.lead_unit_id and t.co_unit_ids for t in tasks)
    assert {t.deadline.isoformat() for t in tasks} == {"2027-03-31"}


def undo_and_redo(week: Week, qtbot, ed) -> None:
    """Ctrl+Z takes back the last words typed (not the paragraph); Ctrl+Y puts them back."""
    block = ed.model.draft.sections[1].blocks[0]
    edit = ed.body_view.row(block.key).edit
    click(edit)
    key(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(edit, " Thêm một câu để hoàn tác.")
    with_sentence = block.text
    key(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = ed.model.draft.sections[1].blocks[0].text
    assert ASSESSMENT in undone and undone != with_sentence  # words went, the paragraph stayed
    while ed.model.draft.sections[1].blocks[0].text != ASSESSMENT:
        key(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    key(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ed.model.draft.sections[1].blocks[0].text != ASSESSMENT
    while ed.stack.canRedo():
        key(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ed.model.draft.sections[1].blocks[0].text == with_sentence


def issue(week: Week, qtbot, ed) -> str:
    """«Ban hành…» on the toolbar: saved, confirmed, numbered; the editor turns read-only."""
    from ketluan_desktop.core.documents.models import Block, Document, Section
    from ketluan_desktop.core.tasks.models import Task

    bar = ed.menuBar()  # the menu, not the toolbar: a narrow window folds the toolbar's end away
    menu = next(a for a in bar.actions() if a.text() == "&Văn bản")
    week.hands.expect(QMenu, lambda m: menu_pick(m, "Ban hành"), "Văn bản → Ban hành")
    click(bar, bar.actionGeometry(menu).center())
    week.hands.settle()
    qtbot.waitUntil(lambda: ed.read_only, timeout=20_000)
    week.wait_idle(qtbot)
    assert any(kind == "yes" and "Ban hành văn bản này?" in m for kind, m in week.asked)
    doc_id = ed.model.draft.doc_id
    with week.db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.status == "issued" and doc.number_symbol.endswith("-KL/ĐUK")
        assert doc.issued_at.date().isoformat() == "2026-12-01"
        texts = s.scalars(select(Task.text).where(Task.document_id == doc_id)).all()
        assert sorted(texts) == sorted(TASKS)
        stored = s.scalars(
            select(Block.text).join(Section).where(Section.document_id == doc_id)
        ).all()
        assert ASSESSMENT + " Thêm một câu để hoàn tác." in stored
        assert all(unicodedata.is_normalized("NFC", t) for t in stored)
        number = doc.number_symbol
    assert number in ed.windowTitle()
    snap("3-da-ban-hanh")
    return number


def export_pdf(week: Week, qtbot, monkeypatch, ed, number: str) -> Path:
    """Ctrl+Shift+E in the editor; the PDF's text (pdftotext) is the document's."""
    out = week.folder / "Kết luận hội nghị.pdf"
    pick_file(monkeypatch, out)
    key(ed.body_view.row(ed.model.draft.sections[1].blocks[0].key).edit, Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    qtbot.waitUntil(lambda: out.exists() and week.idle(), timeout=30_000)
    text = pdf_text(out)
    assert number in text
    for phrase in (ASSESSMENT, INTRO, *TASKS):
        assert phrase in text, phrase
    assert out.read_bytes().startswith(b"%PDF-1.4")
    return out


def signing_menu(week: Week, entry: str):
    """The main window's «Ký số» menu, clicked on the menu bar, then ``entry`` clicked (its plan
    is made now; the windows ``entry`` opens are planned next; call the answer to click)."""
    bar = week.window.menuBar()
    act = next(a for a in bar.actions() if a.text() == "&Ký số")
    week.hands.expect(QMenu, lambda m: menu_pick(m, entry), f"«Ký số» → {entry}")
    return lambda: click(bar, bar.actionGeometry(act).center())


def make_test_certificate(week: Week, qtbot) -> Path:
    """Ký số → Tạo chứng thư thử…: the signer's name, where to keep it, trust its root."""
    from ketluan_desktop.ui.signing.test_cert_dialog import TestCertificateDialog

    p12 = week.folder / "chứng thư" / "hai-thu.p12"
    p12.parent.mkdir()

    def fill(d: TestCertificateDialog) -> None:
        replace_text(d.name, SIGNER)
        replace_text(d.org, ORG)
        replace_text(d.output, str(p12))
        click(d.trust_ca)
        assert d.load_images.isChecked() and d.trust_ca.isChecked()
        snap("4-chung-thu-thu")
        click(d.create_button)

    open_menu = signing_menu(week, "Tạo chứng thư thử")
    week.hands.expect(TestCertificateDialog, fill, "the test certificate dialog")
    week.hands.expect(QInputDialog, password_prompt, "its password")
    week.hands.expect(QInputDialog, password_prompt, "its password again")
    open_menu()
    week.hands.settle()
    qtbot.waitUntil(lambda: p12.exists() and week.idle(), timeout=60_000)
    assert any(kind == "info" and "Đã tạo chứng thư thử" in m for kind, m in week.asked)
    return p12


def sign(week: Week, qtbot, p12: Path, number: str) -> Path:
    """The issued document selected in the meeting's list; Ctrl+Shift+K; the .p12 typed."""
    from ketluan_desktop.core.documents.models import DocumentSignature
    from ketluan_desktop.ui.signing.sign_dialog import SignDialog

    ws = week.window.meetings
    week.window.show_workspace("meetings")
    qtbot.waitUntil(lambda: any(r.number_symbol == number for r in ws.doc_model.rows()))
    row = next(i for i, r in enumerate(ws.doc_model.rows()) if r.number_symbol == number)
    view = ws.doc_view
    click(view.viewport(), view.visualRect(ws.doc_model.index(row, 1)).center())
    out = week.folder / "Kết luận đã ký.pdf"

    def fill(d: SignDialog) -> None:
        replace_text(d.p12_path, str(p12))
        replace_text(d.output, str(out))
        snap("5-ky-so")
        click(d.sign_button)

    week.hands.expect(SignDialog, fill, "the signing dialog")
    week.hands.expect(QInputDialog, password_prompt, "the certificate's password")
    key(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    week.hands.settle(10_000)
    qtbot.waitUntil(lambda: out.exists() and week.idle(), timeout=60_000)
    with week.db.session() as s:
        signed = s.scalars(select(DocumentSignature)).all()
        assert [(x.kind, x.signer_name) for x in signed][-1] == ("signer", SIGNER)
    assert number in pdf_text(out)
    return out


def verify(week: Week, qtbot, monkeypatch, signed: Path) -> None:
    """Ctrl+Shift+V, «Mở tệp PDF…»: valid (the test root is trusted); pdfsig agrees."""
    from ketluan_desktop.core.signing.verify import VERDICT_VALID

    key(
        week.window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    vw = week.window.signing.verify_window
    qtbot.waitExposed(vw)
    pick_file(monkeypatch, signed)
    click(vw.open_button)
    qtbot.waitUntil(
        lambda: vw.verdict.text() not in ("", "Chưa có tệp") and week.idle(), timeout=30_000
    )
    assert vw.verdict.text() == VERDICT_VALID, vw.verdict_note.text()
    assert "KIỂM THỬ" in vw.verdict_note.text()
    snap("6-kiem-tra-chu-ky")
    vw.close()
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils (pdfsig) is not installed")
    out = subprocess.run(["pdfsig", "-nocert", str(signed)], capture_output=True, text=True).stdout
    assert "Signature Validation: Signature is Valid." in out, out
    assert "Total document signed" in out, out


def rail_to(week: Week, qtbot, row: int):
    """A click on the navigation rail's ``row``; the workspace once it has its data."""
    rail = week.window.rail
    click(rail.viewport(), rail.visualItemRect(rail.item(row)).center())
    qtbot.waitUntil(lambda: week.window.stack.currentIndex() == row)
    week.wait_idle(qtbot)
    return week.window.stack.currentWidget()


def task_progress(week: Week, qtbot) -> None:
    """Nhiệm vụ: search the task, select it, «Cập nhật tiến độ…», the report typed."""
    from ketluan_desktop.core.tasks.models import Task, TaskUpdate
    from ketluan_desktop.ui.tasks.dialogs import UpdateDialog

    ws = rail_to(week, qtbot, 1)
    click(ws.search)
    type_text(ws.search, "chuyen doi so trong cong tac van thu")
    qtbot.waitUntil(lambda: ws.model.rowCount() == 1 and week.idle(), timeout=10_000)
    table = ws.view.currentWidget()
    click(table.viewport(), table.visualRect(ws.model.index(0, 1)).center())
    qtbot.waitUntil(lambda: ws.panel.update_btn.isVisible() and ws.panel.update_btn.isEnabled())
    report = "Đã số hóa 1.250 hồ sơ lưu trữ; Ữu tiên hoàn thành phần mềm quản lý văn bản đến."

    def fill(d: UpdateDialog) -> None:
        click(d.text)
        type_text(d.text, report, ime=True)
        d.percent.setFocus()
        replace_text(d.percent.lineEdit(), "40")
        choose(d.status, "Đang thực hiện")
        snap("7-cap-nhat-tien-do")
        ok = next(b for b in d.findChildren(QPushButton) if b.text() == "Ghi nhận")
        click(ok)

    week.hands.expect(UpdateDialog, fill, "the progress report")
    click(ws.panel.update_btn)
    week.hands.settle()
    week.wait_idle(qtbot)
    with week.db.session() as s:
        task = s.scalars(select(Task).where(Task.text == TASKS[1])).one()
        (update,) = s.scalars(select(TaskUpdate).where(TaskUpdate.task_id == task.id)).all()
        assert (update.text, update.percent) == (report, 40)
        assert update.update_date.isoformat() == "2026-12-03"
        assert task.status == "in_progress"
    qtbot.waitUntil(lambda: report in ws.panel.history.item(0).text())


def card_reissue(week: Week, qtbot) -> tuple[str, int]:
    """Đảng viên & thủ tục → Thủ tục → «Thủ tục mới…»: cấp lại thẻ, the dates typed dd/mm/yyyy;
    then «Duyệt…» with the decision typed. Returns the member and the procedure's id."""
    from ketluan_desktop.core.members.models import Member, Procedure
    from ketluan_desktop.ui.members.procedure_dialogs import ProcedureDialog, StepDialog

    ws = rail_to(week, qtbot, 2)
    bar = ws.tabs.tabBar()
    click(bar, bar.tabRect(2).center())
    page = ws.procedure_page
    week.wait_idle(qtbot)
    with week.db.session() as s:
        member = s.scalars(
            select(Member)
            .where(Member.status == "full", Member.card_number.is_not(None))
            .order_by(Member.id)
        ).first()
        name = member.full_name
    picked: dict = {}

    def receive(d: ProcedureDialog) -> None:
        choose(d.kind, "Cấp lại thẻ")
        click(d.picker.box)
        type_text(d.picker.box, name)  # with its marks, as the clerk reads it off the form
        qtbot.waitUntil(lambda: d.picker.list.count() > 0)
        click(
            d.picker.list.viewport(), d.picker.list.visualItemRect(d.picker.list.item(0)).center()
        )
        picked["member"] = d.picker.member_id()
        choose(d.widgets["reason"], "mất")
        reported = d.widgets["details.reported_on"]
        click(reported)
        type_text(reported, "25/11/2026")
        replace_text(d.received_on, "2/12/2026")  # d/m/yyyy works too
        snap("8-cap-lai-the")
        ok = next(b for b in d.findChildren(QPushButton) if b.text() == "Tiếp nhận")
        click(ok)
        assert not d.error.isVisible(), d.error.text()

    week.hands.expect(ProcedureDialog, receive, "a new procedure")
    click(page.new_button)
    week.hands.settle()
    week.wait_idle(qtbot)
    with week.db.session() as s:
        p = s.scalars(select(Procedure).order_by(Procedure.id.desc())).first()
        assert (p.kind, p.member_id, p.status) == ("card_reissue", picked["member"], "received")
        assert p.received_on.isoformat() == "2026-12-02"
        assert p.details["reported_on"] == "2026-11-25"
        pid = p.id
    qtbot.waitUntil(lambda: page.current_id == pid)

    def process(d: StepDialog) -> None:
        replace_text(d.on_date, "3/12/2026")
        click(next(b for b in d.findChildren(QPushButton) if b.text() == "Đang xử lý"))
        assert not d.error.isVisible(), d.error.text()

    week.hands.expect(StepDialog, process, "sending it for processing")
    click(page.step_buttons["processing"])
    week.hands.settle()
    week.wait_idle(qtbot)
    qtbot.waitUntil(lambda: page.step_buttons["approved"].isVisible())

    def approve(d: StepDialog) -> None:
        replace_text(d.on_date, "03/12/26")  # dd/mm/yy
        click(d.widgets["decision_number"])
        type_text(d.widgets["decision_number"], "215-QĐ/ĐUK")
        click(d.widgets["decision_date"])
        type_text(d.widgets["decision_date"], "03/12/2026")
        snap("9-duyet")
        ok = next(b for b in d.findChildren(QPushButton) if b.text() == "Đã duyệt")
        click(ok)
        assert not d.error.isVisible(), d.error.text()

    week.hands.expect(StepDialog, approve, "approving it")
    click(page.step_buttons["approved"])
    week.hands.settle()
    week.wait_idle(qtbot)
    with week.db.session() as s:
        p = s.get(Procedure, pid)
        assert p.status == "approved" and p.decision_number == "215-QĐ/ĐUK"
        assert p.decision_date.isoformat() == "2026-12-03"
    return name, pid


def six_month_figures(week: Week, qtbot, before: str) -> str:
    """Số liệu & sổ: the half-year's sentence now counts the new reissue."""
    ws = week.window.stack.currentWidget()
    bar = ws.tabs.tabBar()
    click(bar, bar.tabRect(3).center())
    page = ws.figures_page
    qtbot.waitUntil(lambda: page.figures is not None and week.idle(), timeout=10_000)
    after = page.sentence_text()
    assert page.picker.preset.currentText() == "6 tháng cuối năm 2026"
    snap("10-so-lieu-6-thang")
    assert after != before and after in page.sentence.text().replace("\n", " ")
    return after


def lost_cards(sentence: str) -> int:
    m = re.search(r"cấp lại thẻ bị mất cho (\d+) đồng chí", sentence, re.IGNORECASE)
    return int(m.group(1)) if m else 0


def figures_sentence_now(week: Week) -> str:
    from ketluan_desktop.core.members import figures

    with week.db.session() as s:
        return figures.procedure_sentence(
            s, MONDAY.date().replace(month=7, day=1), MONDAY.date().replace(month=12, day=31)
        )


# --------------------------------------------------------------------------------- the week


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raise(), keyboard grabs
def test_a_clerks_week_in_the_real_window(clerk_week, qtbot, monkeypatch):
    week = clerk_week
    meeting_id = new_meeting(week, qtbot)
    week.day(1)
    ed = write_conclusion(week, qtbot, meeting_id)
    assign_key_tasks(week, qtbot, ed)
    undo_and_redo(week, qtbot, ed)
    number = issue(week, qtbot, ed)
    export_pdf(week, qtbot, monkeypatch, ed, number)
    week.day(2)
    p12 = make_test_certificate(week, qtbot)
    signed = sign(week, qtbot, p12, number)
    verify(week, qtbot, monkeypatch, signed)
    week.day(3)
    task_progress(week, qtbot)
    week.day(4)
    before = figures_sentence_now(week)
    card_reissue(week, qtbot)
    after = six_month_figures(week, qtbot, before)
    assert lost_cards(after) == lost_cards(before) + 1, (before, after)
    no_errors(week)
