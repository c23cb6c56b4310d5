"""``ketluan search``: the Tra cứu box for scripts, in process on a copy of the demo office."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def cli(demo_db, capsys):
    from engines import target_of

    from ketluan_desktop.cli import main

    path = target_of(demo_db)
    demo_db.dispose()

    def call(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", path])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def test_search_finds_documents_by_their_body_and_groups_the_hits(cli):
    code, out, _err = cli("search", "dan van kheo")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Văn bản (1):"
    assert "105-KL/ĐUK — Hội nghị Ban Chấp hành" in lines[1] and "mô hình dân vận khéo" in lines[1]
    assert "Nhiệm vụ (1):" in lines


def test_search_json_and_cited_documents(cli):
    code, out, _err = cli("search", "28-NQ/TU", "--json")
    hits = json.loads(out)
    assert code == 0
    areas = {h["area"] for h in hits}
    assert {"documents", "tasks", "cited"} <= areas
    cited = next(h for h in hits if h["area"] == "cited")
    assert cited["title"] == "Nghị quyết số 28-NQ/TU"


def test_search_refuses_a_one_letter_query_and_says_when_nothing_is_found(cli):
    code, _out, err = cli("search", "a")
    assert code == 1 and err.strip() == "Lỗi: Từ khóa cần ít nhất 2 ký tự."
    code, out, _err = cli("search", "khong co tu nay")
    assert code == 0 and out.strip() == "Không tìm thấy kết quả nào."
