"""The one date field of the application: a clerk types 25/11/2026 (or 5/7/2024, 25/11/26) as in
Excel, or picks a day from a calendar that opens at today (or the field's natural date).

QDateEdit was the wrong base: its sections reject a typed "/" and a one-digit day, an optional
date needs a sentinel minimum (1900) shown as "—", and its calendar opens at that sentinel. Here
the text is the truth: empty means no date (``None``), anything else is read by
``core.text.dates.parse_date`` and the field says, inside its own frame, what it understood
("thứ Tư", or "→ 05/07/2024" while typing a short form) or what is wrong, in red.

Qt↔Python conversions go through Qt itself (``QDate(d)``, ``QDate.toPython()``): ``to_qdate`` and
``to_date`` below are the only copies the UI needs.
"""

from __future__ import annotations

import functools
from datetime import date

from PySide6.QtCore import QDate, QPoint, QRect, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.text.dates import format_date, parse_date

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
HINT_COLOUR = "#5b6370"
ERROR_COLOUR = "#b3261e"


def to_qdate(d: date) -> QDate:
    return QDate(d)


def to_date(q: QDate) -> date:
    return q.toPython()  # type: ignore[return-value]


@functools.cache
def _calendar_icon() -> QIcon:
    """A small calendar drawn in code (the project ships no icon set); drawn once, shared by every
    field (a form with several dates is built when its tab is first clicked: issue 14)."""
    pix = QPixmap(32, 32)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor("#5b6370"))
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRect(3, 6, 26, 23), 3, 3)
    p.fillRect(QRect(4, 7, 25, 6), QColor("#7a1015"))
    p.setBrush(QColor("#5b6370"))
    for row in range(2):
        for col in range(4):
            p.drawRect(QRect(7 + col * 5, 16 + row * 5, 2, 2))
    p.drawRect(QRect(9, 3, 2, 6))
    p.drawRect(QRect(21, 3, 2, 6))
    p.end()
    return QIcon(pix)


class _CalendarPopup(QFrame):
    def __init__(self, field: DateField) -> None:
        super().__init__(field, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(field._picked)
        self.calendar.activated.connect(field._picked)


class DateField(QLineEdit):
    """A typed or picked date; ``value()`` is a ``date`` or ``None`` (an empty optional field)."""

    valueChanged = Signal(object)  # date | None, each time the field means another date

    def __init__(
        self,
        value: date | None = None,
        parent: QWidget | None = None,
        *,
        what: str = "Ngày",
        optional: bool = True,
        natural: date | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.what = what
        self.optional = optional
        self.natural = natural
        self._today = today
        self._minimum: date | None = None
        self._maximum: date | None = None
        self._emitted: date | None = value
        self._hint, self._error = "", ""
        self._popup: _CalendarPopup | None = None
        self._tip = ""
        self.setPlaceholderText("dd/mm/yyyy")
        self.setAccessibleName(what)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9/.\- ]{0,10}"), self)
        )
        self.calendar_action = self.addAction(
            _calendar_icon(), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setToolTip("Chọn ngày trên lịch (Alt+↓)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.textChanged.connect(self._text_changed)
        self.editingFinished.connect(self._tidy)
        self.set_value(value)

    # ------------------------------------------------------------------ the value
    def today(self) -> date:
        return self._today or to_date(QDate.currentDate())

    def set_range(self, minimum: date | None = None, maximum: date | None = None) -> None:
        self._minimum, self._maximum = minimum, maximum
        self._text_changed(self.text())

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))

    def value(self) -> date | None:
        """The date meant, ``None`` when empty; a ``ValidationError`` naming the field when the
        text is not a date (or is out of range, or a required field is empty)."""
        text = self.text().strip()
        if not text:
            if self.optional:
                return None
            raise ValidationError(f"Hãy ghi {self.what[0].lower()}{self.what[1:]} (dd/mm/yyyy).")
        d = parse_date(text, today=self.today(), what=self.what)
        if self._minimum and d < self._minimum:
            raise ValidationError(
                f"{self.what} ({format_date(d)}) không được trước {format_date(self._minimum)}."
            )
        if self._maximum and d > self._maximum:
            raise ValidationError(
                f"{self.what} ({format_date(d)}) không được sau {format_date(self._maximum)}."
            )
        return d

    def understood(self) -> date | None:
        """The date meant, or ``None`` when empty or not (yet) a date: never raises."""
        try:
            return self.value()
        except ValidationError:
            return None

    def error(self) -> str:
        """Why the text is not an acceptable date ("" when it is)."""
        return self._error

    # ------------------------------------------------------------------ typing
    def _text_changed(self, text: str) -> None:
        self._error = ""
        try:
            d = self.value()
        except ValidationError as exc:
            self._error, self._hint = exc.message, "không hợp lệ"
            self._show_tip(exc.message)
            self.update()
            return
        if d is None:
            self._hint = ""
        elif text.strip() == format_date(d):
            self._hint = WEEKDAYS[d.weekday()]
        else:
            self._hint = "→ " + format_date(d)
        self._show_tip(f"{WEEKDAYS[d.weekday()]}, {format_date(d)}" if d else "")
        self.update()
        if d != self._emitted:
            self._emitted = d
            self.valueChanged.emit(d)

    def setToolTip(self, text: str) -> None:  # what the form says about the field stays first
        self._tip = text
        self._show_tip(self._error)

    def _show_tip(self, state: str) -> None:
        super().setToolTip("\n".join(x for x in (self._tip, state) if x))

    def _tidy(self) -> None:
        """Leaving the field: a short form becomes the full dd/mm/yyyy it was understood as."""
        d = self.understood()
        if d is not None and self.text() != format_date(d):
            self.setText(format_date(d))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ the calendar
    def calendar(self) -> QCalendarWidget | None:
        return self._popup.calendar if self._popup is not None else None

    def open_calendar(self) -> None:
        """The calendar at the date typed, else at the field's natural date, else today."""
        if self._popup is None:
            self._popup = _CalendarPopup(self)
        cal = self._popup.calendar
        cal.setDateRange(
            to_qdate(self._minimum or date(1900, 1, 1)),
            to_qdate(self._maximum or date(2200, 12, 31)),
        )
        start = self.understood() or self.natural or self.today()
        cal.setSelectedDate(to_qdate(start))
        cal.setCurrentPage(start.year, start.month)
        self._popup.adjustSize()
        where = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        if where.y() + self._popup.height() > screen.bottom():  # no room below: open upwards
            where = self.mapToGlobal(QPoint(0, -self._popup.height()))
        self._popup.move(where)
        self._popup.show()
        cal.setFocus()

    def _picked(self, q: QDate) -> None:
        self.setText(format_date(to_date(q)))
        if self._popup is not None:
            self._popup.hide()
        self.setFocus()

    # ------------------------------------------------------------------ drawing
    def _hint_width(self) -> int:
        fm = self.fontMetrics()
        return max(fm.horizontalAdvance(t) for t in ("→ 00/00/0000", "không hợp lệ", "Chủ nhật"))

    def _text_room(self) -> int:
        """The width a full date needs: its digits, the calendar button, the frame."""
        fm = self.fontMetrics()
        return fm.horizontalAdvance("00/00/0000") + super().sizeHint().height() + 20

    def _hint_fits(self) -> bool:
        return self.width() >= self._text_room() + self._hint_width() + 6

    def sizeHint(self) -> QSize:
        base = super().sizeHint()
        return QSize(self._text_room() + self._hint_width() + 6, base.height())

    def minimumSizeHint(self) -> QSize:
        """Squeezed (a filter row), the date keeps its room and the hint goes to the tooltip."""
        return QSize(self._text_room(), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setTextMargins(0, 0, self._hint_width() + 6 if self._hint_fits() else 0, 0)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._hint or not self._hint_fits():
            return
        p = QPainter(self)
        p.setPen(QColor(ERROR_COLOUR if self._error else HINT_COLOUR))
        icon_room = self.height()  # the trailing action is about as wide as the field is high
        right = self.width() - icon_room - 2
        rect = QRect(right - self._hint_width() - 4, 0, self._hint_width(), self.height())
        p.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, self._hint)
        p.end()
