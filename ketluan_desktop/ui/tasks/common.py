"""Small helpers shared by the task screens: dates, opening files, clickable count chips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton, QWidget


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def vn(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def open_path(path: str | Path) -> bool:
    """Open a file with its program (an exported report, an attachment). Tests replace this."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def count_chip(text: str, color: str, parent: QWidget | None = None) -> QPushButton:
    """A count in the header strip that filters the list when clicked."""
    b = QPushButton(text, parent)
    b.setCheckable(True)
    b.setObjectName("countChip")
    b.setStyleSheet(
        f"QPushButton#countChip {{ border: 1px solid {color}; color: {color}; border-radius: 11px;"
        " padding: 2px 12px; font-weight: 600; background: white; }"
        f"QPushButton#countChip:checked {{ background: {color}; color: white; }}"
        f"QPushButton#countChip:hover:!checked {{ background: #f4f5f7; }}"
    )
    return b
