"""Issue 20 item 9: LIKE wildcards typed by the user are plain characters, in every search."""

from __future__ import annotations

import pytest

from ketluan_desktop.core import search
from ketluan_desktop.core.documents import outgoing_register
from ketluan_desktop.core.documents import records as documents
from ketluan_desktop.core.meetings import records as meetings
from ketluan_desktop.core.members.models import Member


@pytest.mark.parametrize("typed", ["a%b", "__", "%%", "_%_", "c_nh"])
def test_wildcards_typed_in_the_search_box_match_nothing_in_the_demo_office(demo_db, typed):
    with demo_db.session() as s:
        assert search.search(s, typed) == []
        assert documents.list_documents(s, text=typed) == []
        assert meetings.list_meetings(s, text=typed) == []
        flt = outgoing_register.RegisterFilter(text=typed)
        assert outgoing_register.rows(s, flt) == []


def test_a_percent_sign_or_underscore_in_the_data_is_still_found(demo_db):
    with demo_db.write_session() as s:
        s.add(Member(full_name="Lê Thị 50%_Hoa"))
    with demo_db.session() as s:
        hits = search.search(s, "50%_h")
        assert [h.title for h in hits if h.area == "members"] == ["Lê Thị 50%_Hoa"]
        assert all(h.area == "members" for h in hits)
