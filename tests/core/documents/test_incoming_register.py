"""Sổ văn bản đến (issue 17): a document of another body gets the register's running number per
year, its file is kept, it is found by the search box, and its tracked tasks link back to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ketluan_desktop.core.documents import incoming_register as register
from ketluan_desktop.core.documents.incoming_models import IncomingDocument
from ketluan_desktop.core.errors import ConflictError, ValidationError
from ketluan_desktop.core.importer import incoming as incoming_side
from ketluan_desktop.core.importer import parse_bytes
from ketluan_desktop.core.search import search
from ketluan_desktop.core.tasks.models import Task

REAL = Path(__file__).resolve().parents[2] / "data" / "real"
KL221 = REAL / "kl221-tw-bo-chinh-tri-2025.txt"


def _fields(symbol: str, subject: str = "về công tác cán bộ") -> register.IncomingFields:
    return register.IncomingFields("Bộ Chính trị", symbol, date(2025, 1, 5), subject)


def test_numbers_run_per_year_and_restart_in_a_new_year(db, now) -> None:
    with db.write_session() as s:
        a = register.record(s, _fields("1-KL/TW"), received=date(2025, 12, 30), now=now)
        b = register.record(s, _fields("2-KL/TW"), received=date(2025, 12, 31), now=now)
        c = register.record(s, _fields("3-KL/TW"), received=date(2026, 1, 2), now=now)
        assert [(r.year, r.number) for r in (a, b, c)] == [(2025, 1), (2025, 2), (2026, 1)]
    with db.session() as s:
        rows = s.scalars(select(IncomingDocument).order_by(IncomingDocument.id)).all()
        assert [r.register_label for r in rows] == ["1/2025", "2/2025", "1/2026"]


def test_the_same_file_is_not_entered_twice_and_odd_dates_are_refused(db, now) -> None:
    with db.write_session() as s:
        register.record(s, _fields("5-KL/TW"), received=date(2025, 2, 1), now=now,
                        file_name="kl5.pdf", data=b"%PDF-1.7 ban goc")  # fmt: skip
    with db.write_session() as s, pytest.raises(ConflictError, match="số đến 1/2025"):
        register.record(s, _fields("5-KL/TW"), received=date(2025, 2, 2), now=now,
                        file_name="kl5-copy.pdf", data=b"%PDF-1.7 ban goc")  # fmt: skip
    with db.write_session() as s, pytest.raises(ValidationError, match="Ngày nhận"):
        register.record(s, _fields("6-KL/TW"), received=date(2024, 12, 1), now=now)


def test_an_imported_central_conclusion_is_kept_with_its_file_and_tracked_tasks(db, now) -> None:
    data = KL221.read_bytes()
    parsed = parse_bytes(data, KL221.name).to_json_dict()
    assert parsed["tasks"], "the conclusion assigns work"
    with db.write_session() as s:
        assert incoming_side.decide_side(s, parsed) == "outgoing"  # no office set up yet
        stored = incoming_side.store_incoming(
            s, parsed, received=date(2025, 12, 20), now=now, source_name=KL221.name, data=data,
            track=incoming_side.tracked_from(parsed),
        )  # fmt: skip
        incoming_id = stored.incoming.id
    with db.session() as s:
        row = register.get(s, incoming_id)
        assert row.number_symbol == parsed["document"]["number_symbol"]
        assert row.issuer == parsed["document"]["issuer"]
        assert row.file_data == data and row.file_name == KL221.name
        assert [t.text for t in row.tasks] == [t["text"] for t in parsed["tasks"]]
        task = s.scalars(select(Task)).first()
        assert task is not None and task.document_id is None
        assert register.incoming_of_task(s, task.id).id == incoming_id
        hits = [h for h in search(s, "221-KL") if h.area == "incoming"]
        assert [h.id for h in hits] == [incoming_id]
        assert [h.id for h in search(s, "bo chinh tri") if h.area == "incoming"] == [incoming_id]


def test_a_document_of_another_body_goes_to_the_incoming_side(demo_db) -> None:
    parsed = parse_bytes(KL221.read_bytes(), KL221.name).to_json_dict()
    own = {"document": {"issuer": "Đảng ủy Khối các cơ quan tỉnh"}}
    with demo_db.session() as s:
        assert incoming_side.decide_side(s, parsed) == "incoming"
        assert incoming_side.decide_side(s, own) == "outgoing"
        assert incoming_side.decide_side(s, {"document": {}}) == "outgoing"


def test_search_escapes_wildcards(db, now) -> None:
    with db.write_session() as s:
        register.record(s, _fields("7-KL/TW", "nâng 100% chất lượng"), received=date(2025, 3, 1),
                        now=now)  # fmt: skip
        register.record(s, _fields("8-KL/TW", "khác"), received=date(2025, 3, 2), now=now)
    with db.session() as s:
        assert [r.number_symbol for r in register.listing(s, text="100%")] == ["7-KL/TW"]
        assert register.listing(s, text="_%") == []
