"""What to look at before a document is issued: key tasks that would go out with no lead unit or
no deadline ("Chưa giao"), which nobody could then be asked to report on.

The editor warns with this list and lets the clerk fix each task or issue anyway; the command
line prints it. Works on the draft (plain data), so it sees what is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ketluan_desktop.core.documents.draft import Draft


@dataclass(frozen=True)
class IncompleteTask:
    key: str  # the bullet's key in the draft
    section: str  # "2. Một số nhiệm vụ trọng tâm", or "Phần mở đầu"
    text: str
    missing_unit: bool
    missing_deadline: bool

    @property
    def missing(self) -> str:
        """What is missing, in Vietnamese: "chưa có đơn vị chủ trì và thời hạn"."""
        parts = []
        if self.missing_unit:
            parts.append("đơn vị chủ trì")
        if self.missing_deadline:
            parts.append("thời hạn")
        return "chưa có " + " và ".join(parts)


def incomplete_key_tasks(draft: Draft) -> list[IncompleteTask]:
    """Key tasks lacking a lead unit, or lacking a deadline (a date or one in words, such as
    «thường xuyên»), in reading order."""
    out = []
    for row, section in enumerate(draft.sections):
        if section.heading is None:
            where = "Phần mở đầu"
        else:
            number = draft.section_number(row)
            where = f"{number}. {section.heading}" if number else section.heading
        for block in section.blocks:
            task = block.task
            if task is None:
                continue
            no_unit = task.lead_unit_id is None
            no_deadline = task.deadline is None and not (task.deadline_text or "").strip()
            if no_unit or no_deadline:
                text = " ".join(block.text.split())
                out.append(IncompleteTask(block.key, where.strip(), text, no_unit, no_deadline))
    return out


def incomplete_key_tasks_of(session: Session, doc_id: int) -> list[IncompleteTask]:
    """The same check on a stored document."""
    from ketluan_desktop.core.documents.draft_saving import load_draft

    return incomplete_key_tasks(load_draft(session, doc_id))
