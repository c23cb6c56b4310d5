"""User text goes into Excel as text, never as a formula: one helper for every export.

A member's note, a unit's name or a task's progress that begins with ``=`` becomes a live formula
when openpyxl writes it (``=cmd|'/c calc'!A1``, a ``HYPERLINK`` to an outside site); Excel also
reads a typed ``+``, ``-`` or ``@`` at the start of a cell as the start of a formula when the cell
is edited. OWASP's advice for spreadsheet exports is to neutralise text that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return by prefixing it with an apostrophe. In .xlsx the
apostrophe is a cell property, ``quotePrefix``: Excel shows the text exactly as typed (no
apostrophe on the page), keeps it text even when the cell is edited, and the cell is stored as a
string, never as a formula. Every such cell is written that way here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# The characters OWASP lists as starting a formula (or a DDE payload) in a spreadsheet cell.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)


def guard_cell(cell) -> Any:
    """Make ``cell`` hold its text as text (string type, quote prefix) when it could be read as
    a formula. Returns the cell."""
    value = cell.value
    if isinstance(value, str) and (cell.data_type == "f" or value.startswith(FORMULA_LEADS)):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def guard_workbook(wb) -> None:
    """Guard every cell of an ordinary (not write-only) workbook; call just before saving."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                guard_cell(cell)


def text_cell(ws, value: Any):
    """For write-only sheets: ``value`` as a cell ready for ``ws.append``, guarded."""
    from openpyxl.cell import WriteOnlyCell

    return guard_cell(WriteOnlyCell(ws, value=value))


def save_workbook(wb, fh) -> None:
    """Guard, then save ``wb`` into the open binary file ``fh``."""
    guard_workbook(wb)
    wb.save(fh)


def active_sheet(wb: Workbook) -> Worksheet:
    """The worksheet a new workbook opens with. openpyxl types ``wb.active`` as optional (a loaded
    workbook may have none, or a chart sheet, active); ``Workbook()`` always makes one worksheet."""
    from openpyxl.worksheet.worksheet import Worksheet

    ws = wb.active
    if not isinstance(ws, Worksheet):
        raise TypeError(f"the workbook's active sheet is {type(ws).__name__}, not a worksheet")
    return ws


def print_wide_table(ws: Worksheet, header_row: int) -> None:
    """Print ``ws`` as a wide table: A4 landscape, one page wide, its header row on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    props = ws.sheet_properties
    if props.pageSetUpPr is None:  # a new sheet has one; typed as optional
        props.pageSetUpPr = PageSetupProperties()
    props.pageSetUpPr.fitToPage = True
