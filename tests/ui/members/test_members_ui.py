"""The members workspace driven through its widgets: lazy lists, adding a member, a card reissue
from reception to completion with the dashboard following, Excel in and out, the period dialog."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.members import reminders as member_rules
from ketluan_desktop.core.members.models import Member
from ketluan_desktop.ui import dialogs

H1_SENTENCE_START = "Kết luận tiêu chuẩn chính trị đối với 394 trường hợp;"


def accepting(fill, shown=None):
    """An exec_dialog that fills the dialog like a user, presses OK and returns the result."""

    def run(dlg):
        if shown is not None:
            shown.append(dlg)
        fill(dlg)
        dlg.accept()
        return dlg.result()

    return run


@pytest.fixture
def ws(make_window, demo_db):
    w = make_window(demo_db)
    w.show_workspace("members")
    return w.members


def test_every_model_of_the_workspace_passes_the_model_tester(ws, qtmodeltester):
    for tab in (1, 3, 2):  # each page loads when its tab is first shown
        ws.tabs.setCurrentIndex(tab)
    ws.procedure_page.view.selectRow(0)
    ws.set_period(date(2024, 1, 1), date(2024, 6, 30))
    for model in (
        ws.member_page.model,
        ws.procedure_page.model,
        ws.dashboard.model,
        ws.figures_page.model,
        ws.procedure_page.steps,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_the_lazy_list_reads_only_the_windows_it_shows(ws, qtbot):
    page = ws.member_page
    ws.tabs.setCurrentIndex(1)
    page.model.pages_read = 0
    page.reload()
    assert page.model.rowCount() > 500
    assert page.model.pages_read <= 1
    last = page.model.rowCount() - 1
    page.view.scrollToBottom()
    assert page.model.row_at(last) is not None
    assert page.model.pages_read <= 3
    page.search.setText("nguyen van")  # the list follows once typing pauses
    qtbot.waitUntil(lambda: page.count_label.text() != f"{last + 1} người")
    names = [page.model.row_at(i).full_name for i in range(page.model.rowCount())]
    assert names and all(n.startswith("Nguyễn Văn") for n in names)
    assert page.count_label.text() == f"{len(names)} người"


def test_add_a_member(ws, monkeypatch):
    page = ws.member_page
    ws.tabs.setCurrentIndex(1)
    before = page.model.rowCount()

    def fill(dlg):
        dlg.full_name.setText("Nguyễn Văn Ất")
        dlg.gender.setCurrentIndex(dlg.gender.findData("Nam"))
        dlg.birth_date.set_value(date(1990, 3, 4))
        dlg.organisation.setCurrentIndex(dlg.organisation.findText("Đảng bộ Sở Y tế"))
        dlg.cell.setCurrentIndex(dlg.cell.findText("Chi bộ Văn phòng Sở"))
        dlg.status.setCurrentIndex(dlg.status.findData("full"))
        dlg.admission_date.set_value(date(2015, 5, 6))
        dlg.ceremony_date.set_value(date(2015, 5, 20))
        dlg.full_member_date.set_value(date(2016, 5, 20))
        dlg.card_number.setText("49000001")

    monkeypatch.setattr(dialogs, "exec_dialog", accepting(fill))
    page.add_button.click()
    assert page.model.rowCount() == before + 1
    assert page.detail_title.text() == "Nguyễn Văn Ất"
    assert "Chi bộ Văn phòng Sở" in page.detail.toPlainText()
    assert page.model.row_at(page.view.currentIndex().row()).card_number == "49000001"


def test_a_bad_member_keeps_the_dialog_open_with_the_problems(ws, monkeypatch):
    shown = []

    def fill(dlg):
        dlg.full_name.setText("Tuấn")

    monkeypatch.setattr(dialogs, "exec_dialog", accepting(fill, shown))
    ws.member_page.add_member()
    dlg = shown[0]
    assert dlg.result() == QDialog.DialogCode.Rejected
    assert not dlg.error.isHidden()
    assert "phải có cả họ và tên" in dlg.error.text()
    assert "Chưa chọn tổ chức cơ sở đảng." in dlg.error.text()


def test_a_lost_card_from_reception_to_completion_moves_the_dashboard(ws, monkeypatch, now):
    with ws.ctx.db.session() as s:
        m = s.scalars(
            select(Member)
            .where(Member.status == "full", Member.card_number.is_not(None))
            .order_by(Member.id)
            .limit(1)
        ).one()
        member_id, old_card = m.id, m.card_number
    dash = ws.dashboard
    lost = dash.counts[member_rules.LOST_CARD]
    assert dash.cards[member_rules.LOST_CARD].number.text() == str(lost)

    # Reception, from the member's record.
    ws.show_member(member_id)
    assert ws.member_page.current_id == member_id

    def receive(dlg):
        assert dlg.current_kind() is not None
        dlg.kind.setCurrentIndex(dlg.kind.findData("card_reissue"))
        dlg.set_value("reason", "mất")
        dlg.set_value("details.reported_on", date(2026, 11, 20))
        dlg.received_on.set_value(date(2026, 11, 23))

    monkeypatch.setattr(dialogs, "exec_dialog", accepting(receive))
    ws.member_page.new_procedure_button.click()
    page = ws.procedure_page
    assert ws.tabs.currentWidget() is page
    assert page.current is not None and page.current.status == "received"
    assert page.current.member_id == member_id
    ws.tabs.setCurrentIndex(0)  # the dashboard follows when shown
    assert dash.counts[member_rules.LOST_CARD] == lost + 1
    assert dash.cards[member_rules.LOST_CARD].number.text() == str(lost + 1)
    ws.tabs.setCurrentWidget(page)

    steps = [
        ("processing", {}),
        ("approved", {"decision_number": "320-QĐ/ĐUK", "decision_date": date(2026, 11, 26)}),
        ("completed", {"card_number": "49123456", "details.issued_on": date(2026, 11, 27)}),
    ]
    for status, values in steps:
        assert page.step_buttons[status].isVisibleTo(page)

        def fill(dlg, values=values):
            for key, value in values.items():
                dlg.set_value(key, value)

        monkeypatch.setattr(dialogs, "exec_dialog", accepting(fill))
        page.step_buttons[status].click()
        assert page.current.status == status
    assert [st.status_label for st in page.current.steps] == [
        "Tiếp nhận",
        "Đang xử lý",
        "Đã duyệt",
        "Hoàn thành",
    ]
    assert all(st.by_user for st in page.current.steps)
    assert not any(b.isVisibleTo(page) for b in page.step_buttons.values())
    ws.tabs.setCurrentIndex(0)
    assert dash.counts[member_rules.LOST_CARD] == lost
    with ws.ctx.db.session() as s:
        assert s.get(Member, member_id).card_number == "49123456" != old_card


def test_a_step_without_what_it_needs_says_so(ws, monkeypatch):
    page = ws.procedure_page
    ws.tabs.setCurrentIndex(2)
    page.status_filter.setCurrentIndex(page.status_filter.findData("processing"))
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("card_reissue"))
    page.view.selectRow(0)
    shown = []
    monkeypatch.setattr(dialogs, "exec_dialog", accepting(lambda d: None, shown))
    page.step_buttons["approved"].click()  # the decision's number is optional for a reissue
    assert shown[0].result() == QDialog.DialogCode.Accepted
    assert page.current.status == "approved"
    page.step_buttons["completed"].click()
    dlg = shown[-1]
    assert dlg.result() == QDialog.DialogCode.Rejected
    assert "cần có: Số thẻ mới, Ngày cấp thẻ mới" in dlg.error.text()


def _sheet(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        ["Họ và tên", "Giới tính", "Ngày sinh", "Tổ chức cơ sở đảng", "Ngày vào Đảng", "Tình trạng"]
    )
    for r in rows:
        ws.append(r)
    wb.save(path)
    return str(path)


def test_import_shows_the_problems_and_imports_only_a_clean_sheet(
    ws, monkeypatch, tmp_path, shown_dialogs
):
    from ketluan_desktop.ui.members.import_dialog import ImportPreviewDialog

    page = ws.member_page
    ws.tabs.setCurrentIndex(1)  # the list loads when its tab is shown
    before = page.model.rowCount()
    bad = _sheet(
        tmp_path / "loi.xlsx",
        [
            ["Hà Văn Một", "Nam", "01/01/1980", "Đảng bộ Sở Y tế", "01/01/2005", "Chính thức"],
            ["", "Nam", "01/01/1980", "Đảng bộ Sở Y tế", "01/01/2005", "Chính thức"],
        ],
    )
    shown = []
    monkeypatch.setattr(dialogs, "get_open_file", lambda *a: bad)
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: shown.append(d) or 1)
    page.import_button.click()
    dlg = shown[0]
    assert isinstance(dlg, ImportPreviewDialog)
    assert not dlg.import_button.isEnabled()
    assert dlg.model.rowCount() == 1 and dlg.model.row_at(0)[0].row == 3
    assert page.model.rowCount() == before  # nothing imported

    good = _sheet(
        tmp_path / "dung.xlsx",
        [
            ["Hà Văn Một", "Nam", "01/01/1980", "Đảng bộ Sở Y tế", "01/01/2005", "Chính thức"],
            ["Hà Thị Hai", "Nữ", "02/02/1982", "Sở Xây dựng", "02/02/2006", "Dự bị"],
        ],
    )
    monkeypatch.setattr(dialogs, "get_open_file", lambda *a: good)
    page.import_button.click()
    assert shown[-1].import_button.isEnabled()
    assert page.model.rowCount() == before + 2
    assert ("info", "Đã nhập 2 đảng viên.") in shown_dialogs


def test_export_asks_first_and_is_audited(ws, monkeypatch, tmp_path):
    page = ws.member_page
    ws.tabs.setCurrentIndex(1)  # the list loads when its tab is shown
    out = tmp_path / "xuat.xlsx"
    page.status_filter.setCurrentIndex(page.status_filter.findData("probationary"))
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(out))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: False)
    page.export_button.click()
    assert not out.exists()
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    page.export_button.click()
    assert out.exists()
    with ws.ctx.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.changes["rows"] == page.model.rowCount()
    assert entry.changes["filters"] == {"status": "probationary"}


def test_the_period_dialog_gives_the_sentence_to_the_editor(ws, monkeypatch):
    from ketluan_desktop.ui.members.period_dialog import PeriodDialog, ask_procedure_sentence

    def choose(dlg):
        assert isinstance(dlg, PeriodDialog)
        idx = dlg.picker.preset.findText("6 tháng đầu năm 2024")
        dlg.picker.preset.setCurrentIndex(idx)
        assert dlg.period() == (date(2024, 1, 1), date(2024, 6, 30))

    monkeypatch.setattr(dialogs, "exec_dialog", accepting(choose))
    got: list[str] = []
    assert ask_procedure_sentence(ws.ctx, ws, got.append)
    (text,) = got
    assert text.startswith(H1_SENTENCE_START) and text.endswith("ở nước ngoài.")
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: 0)
    assert not ask_procedure_sentence(ws.ctx, ws, got.append) and len(got) == 1


def test_the_period_dialog_refuses_inverted_dates(qtbot):
    from ketluan_desktop.ui.members.period_dialog import PeriodDialog

    dlg = PeriodDialog(date(2026, 11, 29))
    qtbot.addWidget(dlg)
    dlg.picker.start.set_value(date(2024, 6, 30))
    dlg.picker.end.set_value(date(2024, 1, 1))
    assert dlg.picker.preset.currentData() == "custom"
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Rejected
    assert dlg.error.text() == "Ngày kết thúc phải sau ngày bắt đầu."
    dlg.picker.set_period(date(2024, 1, 1), date(2024, 6, 30))
    assert dlg.picker.label() == "6 tháng đầu năm 2024"


def test_figures_page_lines_and_copy(ws, qtbot):
    from PySide6.QtGui import QGuiApplication

    ws.set_period(date(2024, 1, 1), date(2024, 6, 30))
    page = ws.figures_page
    assert page.picker.preset.currentText() == "6 tháng đầu năm 2024"
    lines = dict(page.model.rows())
    assert lines["Kết luận tiêu chuẩn chính trị"] == 394
    assert lines["    Huy hiệu 30 năm tuổi Đảng"] == 7
    page.copy_button.click()
    assert QGuiApplication.clipboard().text().startswith(H1_SENTENCE_START)
    page.set_period(date(2010, 1, 1), date(2010, 6, 30))
    assert page.sentence.text() == "Không có thủ tục nào được duyệt hoặc hoàn thành trong kỳ."
    assert not page.copy_button.isEnabled()


def test_register_export_from_the_figures_page(ws, monkeypatch, tmp_path, shown_dialogs):
    page = ws.figures_page
    ws.set_period(date(2024, 1, 1), date(2024, 6, 30))
    out = tmp_path / "so-huy-hieu"
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(out))
    page.register_kind.setCurrentIndex(page.register_kind.findData("badges"))
    page.pdf_button.click()
    pdf = tmp_path / "so-huy-hieu.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert any(kind == "info" and "(8 dòng)" in msg for kind, msg in shown_dialogs)


def test_rule_settings_change_the_dashboard(ws, monkeypatch):
    from ketluan_desktop.ui.members.rules_dialog import RuleSettingsDialog

    dash = ws.dashboard
    before = dash.counts[member_rules.RETURN_REPORT]
    assert before > 0

    def fill(dlg):
        assert isinstance(dlg, RuleSettingsDialog)
        dlg.spins["members.return_report_working_days"].setValue(40)

    monkeypatch.setattr(dialogs, "exec_dialog", accepting(fill))
    dash.settings_button.click()
    assert dash.counts[member_rules.RETURN_REPORT] < before
    assert "40 ngày làm việc" in dash.cards[member_rules.RETURN_REPORT].label.text()

    shown = []

    def bad(dlg):
        dlg.occasions.setText("32/13")

    monkeypatch.setattr(dialogs, "exec_dialog", accepting(bad, shown))
    dash.settings_button.click()
    assert "phải viết dạng ngày/tháng" in shown[0].error.text()

    for impossible in ("29/2", "31/04"):  # not in every year: every reminder would stop on it
        shown.clear()

        def not_yearly(dlg, text=impossible):
            dlg.occasions.setText(f"19/5, {text}")

        monkeypatch.setattr(dialogs, "exec_dialog", accepting(not_yearly, shown))
        dash.settings_button.click()
        assert "không có trong mọi năm" in shown[0].error.text()


def test_dashboard_opens_the_member_and_the_procedure(ws):
    dash = ws.dashboard
    dash.select_rule(member_rules.LOST_CARD)
    item = dash.current()
    assert item is not None and dash.procedure_button.isEnabled()
    dash.procedure_button.click()
    assert ws.procedure_page.current.id == item.procedure_id
    ws.tabs.setCurrentIndex(0)
    dash.member_button.click()
    assert ws.member_page.current_id == item.member_id


def test_a_concurrent_edit_shows_a_clear_message(ws, monkeypatch):
    from ketluan_desktop.core.members import member_checks
    from ketluan_desktop.core.members import records as member_service
    from ketluan_desktop.ui.members.member_dialog import MemberDialog

    page = ws.member_page
    ws.tabs.setCurrentIndex(1)
    page.view.selectRow(2)
    mid = page.current_id
    dlg = MemberDialog(ws.ctx, mid, page)
    with ws.ctx.db.write_session() as s:  # another workstation saves first
        data = member_checks.MemberData.of(s.get(Member, mid))
        data.position = "Trưởng phòng"
        member_service.update(s, mid, data, expected_version=dlg.version, now=ws.ctx.now())
    dlg.position.setText("Phó Trưởng phòng")
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Rejected
    assert "vừa được người khác sửa" in dlg.error.text()
    dlg.deleteLater()


def test_a_step_is_named_in_full_and_its_notes_column_is_in_sight(ws, qtbot):
    """Seen on a real screen: the step dialog's title was cut where it names the step
    ("…chuyển s…«Đã duyệt»") and the steps table showed «Ghi chú» as "hi ch" past its edge."""
    from ketluan_desktop.ui.members.procedure_dialogs import StepDialog

    page = ws.procedure_page
    ws.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    row = page.model.row_at(0)
    dlg = StepDialog(ws.ctx, row.id, "approved", ws)
    qtbot.addWidget(dlg)
    title = dlg.windowTitle()
    assert "chuyển sang «Đã duyệt»" in title
    assert dlg.minimumWidth() >= dlg.fontMetrics().horizontalAdvance(title) + 150
    page.select_procedure(row.id)
    view = page.steps_view
    qtbot.waitUntil(lambda: page.steps.rowCount() > 0)
    header = view.horizontalHeader()
    notes = header.fontMetrics().horizontalAdvance("Ghi chú") + 16
    assert header.sectionPosition(3) + notes <= view.viewport().width(), (
        [header.sectionSize(i) for i in range(4)],
        view.viewport().width(),
    )
