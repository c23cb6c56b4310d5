"""An office without the demo's documents: issuing body, units, terms, people (fast to build)."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(db):
    from ketluan_desktop.core.demo import office as demo_office

    with db.write_session() as s:
        units = demo_office.build(s)
        ids = {k: v.id for k, v in units.items()}
    return ids


@pytest.fixture
def make_draft(db, office, now):
    """Save a ready-to-issue draft of ``type_code`` from its template; returns its id."""
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import templates

    def make(
        type_code: str = "KL", subject: str | None = "Hội nghị thử", text: str = "Nội dung.", **kw
    ) -> int:
        with db.write_session() as s:
            draft = templates.new_draft(s, type_code, today=now.date(), **kw)
            if subject is not None:
                draft.subject = subject
            draft.sections[0].blocks[0].text = text
            draft_store.save_draft(s, draft, now=now)
            return draft.doc_id

    return make
