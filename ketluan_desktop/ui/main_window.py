"""The main window: navigation rail, workspaces, menus with shortcuts, status bar."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop import APP_DISPLAY_NAME
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.ui.preferences import LAST_ROW_KEY, WORKSPACE_KEYS, opening_row, ui_settings
from ketluan_desktop.ui.screen_fit import fit_to_screen
from ketluan_desktop.ui.style import RAIL_STYLE, set_text_role, set_window_background
from ketluan_desktop.ui.widgets.elided_label import ElidedLabel

if TYPE_CHECKING:  # loaded after the frame is painted (the runner, the dialogs' helpers)
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.workspaces.base import Workspace


def _create_workspace(key: str, ctx: AppContext) -> Workspace:
    # Imported here: each workspace's modules load when it is first shown, not at start-up.
    if key == "meetings":
        from ketluan_desktop.ui.workspaces.meetings import MeetingsWorkspace

        return MeetingsWorkspace(ctx)
    if key == "tasks":
        from ketluan_desktop.ui.workspaces.tasks import TasksWorkspace

        return TasksWorkspace(ctx)
    if key == "members":
        from ketluan_desktop.ui.workspaces.members import MembersWorkspace

        return MembersWorkspace(ctx)
    if key == "overview":
        from ketluan_desktop.ui.workspaces.overview import OverviewWorkspace

        return OverviewWorkspace(ctx)
    from ketluan_desktop.ui.workspaces.search import SearchWorkspace

    return SearchWorkspace(ctx)


class MainWindow(QMainWindow):
    workspace_created = Signal(str)
    workspace_keys = WORKSPACE_KEYS  # read by ui/workspaces/ahead.py (importing this would circle)

    def __init__(self, ctx: AppContext | None = None) -> None:
        """The frame (rail, menus, status bar) needs no database, so start-up shows it first and
        calls ``attach`` once the database is open; given ``ctx``, both happen here."""
        super().__init__()
        self.ctx: AppContext | None = None
        self.setWindowTitle(APP_DISPLAY_NAME)
        set_window_background(self)
        self.setMinimumSize(QSize(980, 640))

        # Workspaces are built when first shown (start-up pays only for the one on screen).
        self._built: dict[str, Workspace] = {}
        self._early: str | None = None  # the workspace ``show_early`` built, not yet linked
        self.task_notice = None  # the notice bar over the workspaces (``_notice_bar``)
        self.rail = QListWidget()
        self.rail.setObjectName("navRail")
        self.rail.setStyleSheet(RAIL_STYLE)
        self.rail.setFixedWidth(200)
        self.rail.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        for title in (
            self.tr("Hội nghị & văn bản"),
            self.tr("Nhiệm vụ"),
            self.tr("Đảng viên & thủ tục"),
            self.tr("Tra cứu"),
            self.tr("Tổng quan"),
        ):
            QListWidgetItem(title, self.rail)
            # Replaced by the workspace when it is first shown.
            waiting = QLabel(self.tr("Đang mở dữ liệu…"))
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            set_text_role(waiting, "emptyText")
            self.stack.addWidget(waiting)
        self.rail.currentRowChanged.connect(self._show_row)

        brand = QLabel(APP_DISPLAY_NAME)
        set_text_role(brand, "appTitle")
        central = QWidget()
        h = QHBoxLayout(central)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(0)
        h.addWidget(self.rail)
        right = QWidget()
        self._right = QVBoxLayout(right)
        self._right.setContentsMargins(12, 8, 12, 8)
        self._right.addWidget(self.stack)
        h.addWidget(right, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.db_label = ElidedLabel(self.tr("Đang mở cơ sở dữ liệu…"))
        self.statusBar().addPermanentWidget(self.db_label)
        self._restore_geometry()
        if ctx is not None:
            self.attach(ctx)
        else:  # the menus wait for the database; a row chosen on the rail meanwhile opens then
            self.menuBar().setEnabled(False)

    def attach(self, ctx: AppContext, *, backups_later: bool = False) -> None:
        """The second half of start-up: the database is open; fill the window from it.
        ``backups_later`` (start-up): the automatic copies start once the first screen has its
        data, so that loading the backup engine does not compete with its first paint."""
        from ketluan_desktop.ui.signing.actions import install as install_signing

        self.ctx = ctx
        self.statusBar().clearMessage()  # «… opens once the database is ready» (``_show_row``)
        self._notice_bar(ctx)  # overdue / due this week, never blocking
        self._show_db()
        ctx.database_replaced.connect(self._show_db)
        self.signing = install_signing(self)
        from ketluan_desktop.ui.change_watcher import install as install_watcher

        self.watcher = install_watcher(self)  # other workstations' changes (issue 15)
        self._install_task_tracker()
        self._install_documents()
        self.backups = None  # automatic copies, Công cụ → Sao lưu & khôi phục
        if not backups_later:
            self._install_backups()
        from ketluan_desktop.ui.access import install as install_access

        install_access(self)  # who is signed in, the audit and accounts screens, the idle lock
        from ketluan_desktop.ui.heap import freeze_startup_heap

        freeze_startup_heap()  # before the first screen's reads: no full collection among them
        self.menuBar().setEnabled(True)
        self._show_row(self.rail.currentRow())  # the row chosen before, if one was
        from ketluan_desktop.ui.startup import warm_later, when_idle

        if backups_later:
            when_idle(self, ctx, self._install_backups)
        self.warming: threading.Thread | None = None  # the thread, once it has started
        warm_later(self, ctx, self.first_workspace())  # the other workspaces' modules, meanwhile

    def _notice_bar(self, ctx: AppContext):
        """The task notice above the workspaces, built once: with the first screen when start-up
        read it beside that screen (``show_early``), else when the database is attached."""
        bar = self.task_notice
        if bar is None:
            from ketluan_desktop.ui.tasks.notice import TaskNoticeBar

            bar = self.task_notice = TaskNoticeBar(ctx)
            self._right.insertWidget(0, bar)
        bar.ctx = ctx
        # Its buttons open the task list: live once the database is attached, as the rail is.
        for button in (bar.overdue_btn, bar.soon_btn):
            button.setEnabled(ctx.db is not None)
        return bar

    def _install_backups(self) -> None:
        from ketluan_desktop.ui.backup import install as install_backups

        if self.backups is None:
            self.backups = install_backups(self)

    # -- workspaces ---------------------------------------------------------------------------
    def show_early(self, ctx: AppContext) -> Workspace | None:
        """The first workspace, the overview, shown with the values start-up read through
        ``sqlite3`` (``ctx.prefetched``) before the database layer is loaded: it reads nothing
        itself (its first load is the prefetched one), and its links, the rail and the menus
        answer once ``attach`` has the database. None when the window opens on another one."""
        key = self.first_workspace()
        if key != "overview" or self.ctx is not None or key in self._built:
            return None
        if ctx.prefetched_notice is not None:  # shown now: no jump when the rest attaches
            self._notice_bar(ctx).show_notice(ctx.prefetched_notice)
        ws = self._place(key, _create_workspace(key, ctx))
        ws._loaded = True  # the first show reads nothing: its data is the prefetched one
        self._early = key
        self.stack.setCurrentIndex(WORKSPACE_KEYS.index(key))
        ws.page.reload_all()  # the prefetched counts and charts; no read while they match
        return ws

    def _place(self, key: str, ws: Workspace) -> Workspace:
        self._built[key] = ws
        row = WORKSPACE_KEYS.index(key)
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, ws)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        return ws

    def _workspace(self, key: str) -> Workspace:
        ws = self._built.get(key)
        if ws is not None and key == self._early:  # shown before the database: linked now
            self._early = None
            self._connect_overview(ws)
            ws.page.database_opened()
            self.workspace_created.emit(key)
            from ketluan_desktop.ui.workspaces import ahead

            ahead.start(self)  # as its first show would have
        if ws is None:
            ws = self._place(key, _create_workspace(key, self.ctx))
            if key == "meetings":
                ws.load_demo_requested.connect(self.load_demo)
                ws.import_requested.connect(self.import_document)
            elif key == "search":
                ws.open_requested.connect(self.open_hit)
            elif key == "overview":
                self._connect_overview(ws)
            self.workspace_created.emit(key)
        return ws

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(WORKSPACE_KEYS):
            return
        if self.ctx is None:  # chosen while the database opens: ``attach`` shows it, not lost
            title = self.rail.item(row).text()
            self.statusBar().showMessage(
                self.tr("«{title}» sẽ mở ngay khi cơ sở dữ liệu sẵn sàng.").format(title=title)
            )
            return
        self._workspace(WORKSPACE_KEYS[row])
        self.stack.setCurrentIndex(row)

    def first_workspace(self) -> str:
        """The workspace ``attach`` will show (the rail's row, set from the preferences)."""
        row = self.rail.currentRow()
        return WORKSPACE_KEYS[row] if 0 <= row < len(WORKSPACE_KEYS) else WORKSPACE_KEYS[0]

    @property
    def meetings(self):
        return self._workspace("meetings")

    @property
    def tasks(self):
        return self._workspace("tasks")

    @property
    def members(self):
        return self._workspace("members")

    @property
    def search(self):
        return self._workspace("search")

    @property
    def overview(self):
        return self._workspace("overview")

    @property
    def workspaces(self) -> list[Workspace]:
        """All five, building those not yet shown (screenshots, tests)."""
        return [self._workspace(k) for k in WORKSPACE_KEYS]

    # -- menus --------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        if menu is not None:
            menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&Tệp"))
        self.act_import = self._action(
            self.tr("&Nhập văn bản…"),
            self.import_document,
            QKeySequence.StandardKey.Open,
            file_menu,
        )
        self.act_demo = self._action(self.tr("Nạp &dữ liệu mẫu"), self.load_demo, None, file_menu)
        file_menu.addSeparator()
        self.act_quit = self._action(
            self.tr("&Thoát"), self.close, QKeySequence("Ctrl+Q"), file_menu
        )

        edit_menu = mb.addMenu(self.tr("&Sửa"))
        self.act_find = self._action(
            self.tr("&Tìm kiếm…"), self.focus_search, QKeySequence.StandardKey.Find, edit_menu
        )

        view_menu = mb.addMenu(self.tr("&Xem"))
        for i in range(self.rail.count()):
            self._action(
                self.rail.item(i).text(),
                lambda _=False, i=i: self.rail.setCurrentRow(i),
                QKeySequence(f"Ctrl+{i + 1}"),
                view_menu,
            )
        view_menu.addSeparator()
        self.act_refresh = self._action(
            self.tr("&Làm mới"),
            lambda: self.ctx.notify("*"),
            QKeySequence.StandardKey.Refresh,
            view_menu,
        )

        tools_menu = mb.addMenu(self.tr("&Công cụ"))
        self.act_settings = self._action(
            self.tr("&Cài đặt…"), self.open_settings, QKeySequence("Ctrl+,"), tools_menu
        )
        self.act_setup = self._action(
            self.tr("Thiết lập &ban đầu…"), self.open_setup, None, tools_menu
        )

        help_menu = mb.addMenu(self.tr("Trợ &giúp"))
        self.act_guide = self._action(
            self.tr("&Hướng dẫn sử dụng"), self.open_guide, QKeySequence("F1"), help_menu
        )
        self.act_about = self._action(self.tr("&Giới thiệu"), self.open_about, None, help_menu)

    # -- actions ------------------------------------------------------------------------------
    def _show_db(self) -> None:
        self.db_label.setText(
            self.tr("Cơ sở dữ liệu: {db}").format(db=self.ctx.db.location.display)
        )
        for w in self.ctx.db.warnings:
            self.statusBar().showMessage(w, 15000)

    def focus_search(self) -> None:
        self.show_workspace("search")
        self.search.box.setFocus()
        self.search.box.selectAll()

    def load_demo(self) -> None:
        from ketluan_desktop.core import demo
        from ketluan_desktop.ui.workers import run_from

        self.statusBar().showMessage(self.tr("Đang nạp dữ liệu mẫu…"))

        def done(result) -> None:
            self.statusBar().showMessage(result.message, 8000)
            self.ctx.notify("*")

        run_from(self.ctx.runner, [self.act_demo],
                 lambda: demo.load(self.ctx.db, now=self.ctx.now()), done, self._failed)  # fmt: skip

    def import_document(self) -> None:
        from ketluan_desktop.ui import dialogs
        from ketluan_desktop.ui.importing.import_flow import FILE_FILTER

        path = dialogs.open_file(self, self.tr("Nhập văn bản"), "import", self.tr(FILE_FILTER))
        if not path:
            return
        self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read the file off the GUI thread, let the user review it, then store it in one go."""
        from ketluan_desktop.ui.importing.import_flow import run_import

        run_import(self, path)

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui import dialogs
        from ketluan_desktop.ui.errors import report_exception

        self.statusBar().clearMessage()
        if isinstance(exc, KetLuanError):
            dialogs.show_error(self, exc.message)
        else:
            report_exception(exc, tb, self)

    def open_settings(self) -> None:
        from ketluan_desktop.ui import dialogs
        from ketluan_desktop.ui.settings_dialog import SettingsDialog

        dialogs.exec_dialog(SettingsDialog(self.ctx, self))

    def open_setup(self) -> None:
        from ketluan_desktop.ui.first_run import open_setup

        open_setup(self)

    def open_guide(self) -> None:
        from ketluan_desktop.ui.help_window import show_guide

        show_guide(self)

    def open_about(self) -> None:
        from ketluan_desktop.ui import dialogs
        from ketluan_desktop.ui.about_dialog import AboutDialog

        dialogs.exec_dialog(AboutDialog(self.ctx.db.location.display, self))

    def _install_task_tracker(self) -> None:
        """Task menu entries and the start-up notice of overdue tasks and tasks due this week."""
        from PySide6.QtCore import QTimer

        menu = self.menuBar().actions()[0].menu()
        self.act_new_task = QAction(self.tr("Thêm &nhiệm vụ…"), self)
        self.act_new_task.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_new_task.triggered.connect(lambda: self.tasks.add_task())
        self.act_task_report = QAction(self.tr("&Báo cáo thực hiện nhiệm vụ…"), self)
        self.act_task_report.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.act_task_report.triggered.connect(lambda: self.tasks.open_report())
        self.act_six_month = QAction(self.tr("Báo cáo số liệu &sáu tháng…"), self)
        self.act_six_month.triggered.connect(lambda: self.open_six_month_report())
        menu.insertAction(self.act_quit, self.act_new_task)
        menu.insertAction(self.act_quit, self.act_task_report)
        menu.insertAction(self.act_quit, self.act_six_month)
        menu.insertSeparator(self.act_quit)

        def show(which) -> None:
            self.show_workspace("tasks")
            which()

        self.task_notice.show_overdue.connect(lambda: show(self.tasks.show_overdue))
        self.task_notice.show_due_soon.connect(lambda: show(self.tasks.show_due_soon))
        self.ctx.changed.connect(
            lambda area: self.task_notice.check() if area in ("tasks", "*") else None
        )
        QTimer.singleShot(0, self.task_notice, self.task_notice.check)

    def _install_documents(self) -> None:
        """«Tệp»: new meeting and new documents from the templates, at the top of the menu."""
        from PySide6.QtWidgets import QMenu

        file_menu = self.menuBar().actions()[0].menu()
        first = file_menu.actions()[0]
        self.act_new_meeting = QAction(self.tr("Hội nghị &mới"), self)
        self.act_new_meeting.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.act_new_meeting.triggered.connect(self._new_meeting)
        # Filled when first opened: the templates' modules are not start-up's to load.
        self.new_document_menu = QMenu(self.tr("&Văn bản mới"), file_menu)
        self.new_document_menu.aboutToShow.connect(self._fill_new_document_menu)
        file_menu.insertMenu(first, self.new_document_menu)
        file_menu.insertAction(first, self.act_new_meeting)
        file_menu.insertSeparator(first)

    def _fill_new_document_menu(self) -> None:
        if self.new_document_menu.actions():
            return
        from ketluan_desktop.ui.documents.list_panel import fill_templates_menu

        fill_templates_menu(self.new_document_menu, lambda code: self._new_document(code))

    def _connect_overview(self, ws) -> None:
        """A chart element opens the list that counts the same records."""
        page = ws.page
        page.open_tasks.connect(self._open_task_filter)
        page.open_task.connect(lambda task_id: self.open_hit("tasks", task_id))
        page.open_procedures.connect(self._open_procedures)
        page.open_reminder.connect(self._open_reminder)
        page.report_requested.connect(self.open_six_month_report)

    def _open_task_filter(self, f) -> None:
        self.show_workspace("tasks")
        self.tasks.show_filter(f)

    def _open_procedures(self, kind, start, end) -> None:
        self.show_workspace("members")
        self.members.show_counted_procedures(kind, start, end)

    def _open_reminder(self, rule: str) -> None:
        self.show_workspace("members")
        self.members.show_reminders(rule)

    def open_six_month_report(self, start=None, end=None) -> None:
        from ketluan_desktop.ui.overview.report_dialog import ask_and_export

        ask_and_export(self, start, end)

    def _new_meeting(self) -> None:
        self.show_workspace("meetings")
        self.meetings.new_meeting()

    def _new_document(self, type_code: str) -> None:
        self.show_workspace("meetings")
        self.meetings.new_document(type_code, None)

    def open_hit(self, area: str, record_id: int) -> None:
        target = {
            "documents": self.meetings,
            "meetings": self.meetings,
            "tasks": self.tasks,
            "members": self.members,
            "incoming": self.meetings,
        }.get(area)
        if target is not None:
            self.show_workspace(target.key)
        if area == "tasks":
            self.tasks.show_task(record_id)
        if area == "documents":
            self.meetings.open_document(record_id)
        if area == "incoming":
            self.meetings.show_incoming(record_id)

    # -- state --------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        s = ui_settings()
        geometry = s.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            fit_to_screen(self, 1360, 860)
        self.rail.blockSignals(True)  # the workspace itself is built by ``attach``
        self.rail.setCurrentRow(opening_row())
        self.rail.blockSignals(False)

    def save_state(self) -> None:
        s = ui_settings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("/".join(LAST_ROW_KEY), self.rail.currentRow())  # for «last»
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if "meetings" in self._built and not self.meetings.close_editors():  # «Hủy» on unsaved
            event.ignore()
            return
        self.save_state()
        if self.ctx is not None:
            self.ctx.closing = True
            self.ctx.runner.cancel_pending()  # screen reads nobody will see; writes finish
            self.ctx.runner.wait(10_000)
            if self.ctx.unopened_drafts:  # new drafts whose editor will not open now
                # imported only then: the editor's modules cost ~100 ms on a close without them
                from ketluan_desktop.ui.documents.opening import drop_unopened_drafts

                drop_unopened_drafts(self.ctx)
                self.ctx.runner.wait(10_000)
            if self.backups is not None:
                self.backups.on_close()  # the session's last copy, if anything changed
        super().closeEvent(event)

    def show_workspace(self, key: str) -> Workspace:
        self.rail.setCurrentRow(WORKSPACE_KEYS.index(key))
        return self._workspace(key)
