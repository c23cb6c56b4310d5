"""Four real Party documents of 2025 against ``tests/data/real/expected.json``.

Every field the file gives is compared. Where this importer reads a document differently, the test
says so in ``DEVIATIONS`` with the reason; everything else must match exactly.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from importer_support import REAL

from ketluan_desktop.core.importer import ImportResult, parse_file

EXPECTED: dict[str, dict] = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(EXPECTED)

# Fields of expected.json that the importer reads otherwise, and why.
DEVIATIONS = {
    # "author" is not part of the import result's shape: the conclusion's authors ("Bộ Chính trị,
    # Ban Bí thư") are in its title and in the meeting body, where they are compared.
    ("kl221-tw-bo-chinh-tri-2025.txt", "document.author"): None,
    # "(phiên họp)" is the reader's note on what kind of meeting it was, not part of the name of the
    # body that met; the body is "Bộ Chính trị, Ban Bí thư" as the text says ("Tại phiên họp ngày
    # 28/11/2025, … Bộ Chính trị, Ban Bí thư kết luận").
    ("kl221-tw-bo-chinh-tri-2025.txt", "meeting.body"): "Bộ Chính trị, Ban Bí thư",
}


@pytest.fixture(scope="module", params=FILES)
def case(request: pytest.FixtureRequest) -> tuple[str, dict, ImportResult]:
    name = request.param
    return name, EXPECTED[name], parse_file(REAL / name)


def _expected(name: str, field: str, value: object) -> object:
    return DEVIATIONS.get((name, field), value)


def test_document(case: tuple[str, dict, ImportResult]) -> None:
    name, expected, result = case
    got = result.to_json_dict()["document"]
    for field, value in expected["document"].items():
        key = (name, f"document.{field}")
        if key in DEVIATIONS and DEVIATIONS[key] is None:
            assert field not in got
            continue
        assert got[field] == _expected(name, f"document.{field}", value), field


def test_meeting(case: tuple[str, dict, ImportResult]) -> None:
    name, expected, result = case
    got = result.to_json_dict()["meeting"]
    assert got is not None and result.meeting is not None
    for field, value in expected["meeting"].items():
        if field == "date_to":  # kept on the result, not in the JSON shape
            assert result.meeting.date_to == date.fromisoformat(value)
            continue
        assert got[field] == _expected(name, f"meeting.{field}", value), field


def _section_key(text: str) -> tuple[str, str | None]:
    m = re.match(r"^([0-9]+|[IVX]+)(?:[.-]\s*(.*?))?(?:\s*\((\d+) items\))?$", text)
    assert m, text
    return m.group(1), m.group(2) or None


def test_sections(case: tuple[str, dict, ImportResult]) -> None:
    name, expected, result = case
    sections = [s for s in result.sections if s.number is not None]
    if name.startswith("nq60"):
        # "QUYẾT NGHỊ: items 1-12 (no headings)", then the appendix after the signature.
        body = [s for s in sections if not s.appendix]
        assert [(s.number, s.heading) for s in body] == [(str(n), None) for n in range(1, 13)]
        appendix = [s for s in result.sections if s.appendix]
        assert appendix[0].heading == expected["sections"][1]
        for described, section in zip(expected["sections"][2:], appendix[1:], strict=True):
            m = re.match(r"^([IVX]+)- (.*) \((\d+) items\)$", described)
            assert m, described
            assert (section.number, section.heading) == (m.group(1), m.group(2))
            assert len([b for b in section.blocks if b.kind == "item"]) == int(m.group(3))
        return
    assert [(s.number, s.heading) for s in sections] == [
        _section_key(text) for text in expected["sections"]
    ]
    if "subsections" in expected:
        markers = [b.marker for s in sections for b in s.blocks if b.kind == "item"]
        assert [m.rstrip(".") for m in markers if m] == expected["subsections"]


def test_tasks(case: tuple[str, dict, ImportResult]) -> None:
    _, expected, result = case
    tasks = result.tasks
    assert len(tasks) == expected["task_count"]
    assert [t.text[:60] for t in tasks] == expected["tasks"]
    section = expected["tasks_section"]
    if section and re.fullmatch(r"\d+", section):
        assert {t.section for t in tasks} == {section}
    # Every task points at the block it came from.
    content = result.content()
    for task in tasks:
        assert content.sections[task.section_index].number == task.section
        if task.block_index is not None:
            assert content.sections[task.section_index].blocks[task.block_index].is_task


def test_citations(case: tuple[str, dict, ImportResult]) -> None:
    _, expected, result = case
    got = sorted(json.dumps(c, ensure_ascii=False) for c in result.to_json_dict()["citations"])
    want = sorted(
        json.dumps(c, ensure_ascii=False)
        for c in expected["citations"] + expected["citations_by_name"]
    )
    assert got == want


def test_figures_recipients_signer(case: tuple[str, dict, ImportResult]) -> None:
    _, expected, result = case
    data = result.to_json_dict()
    assert data["figures"] == expected["figures"]
    assert data["recipients"] == expected["recipients"]
    assert data["signer"] == expected["signer"]
    if "footnotes" in expected:
        assert len(result.footnotes) == len(expected["footnotes"])
        assert result.footnotes[0].startswith("[1] Gồm các đồng chí Uỷ viên Trung ương Đảng")


def test_own_number_is_not_a_citation() -> None:
    # The appendix of NQ 60 is captioned "(Kèm theo Nghị quyết số 60-NQ/TW, …)": the document itself.
    result = parse_file(REAL / "nq60-tw-hoi-nghi-11-khoa-xiii-2025.txt")
    assert "60-NQ/TW" not in {c.number_symbol for c in result.citations}
    assert result.document.number_symbol == "60-NQ/TW"


def test_numbered_paragraphs_that_only_acknowledge_are_not_tasks() -> None:
    # KL 221 item 1 ("Cơ bản thống nhất với Báo cáo …") records agreement; items 2-5 assign work.
    result = parse_file(REAL / "kl221-tw-bo-chinh-tri-2025.txt")
    assert [t.section for t in result.tasks] == ["2", "3", "4", "5"]
    # A numbered paragraph's task is all of its text, both of item 2's paragraphs included.
    assert (
        "vận hành chính quyền địa phương 2 cấp. Yêu cầu các đồng chí bí thư" in result.tasks[0].text
    )
    assert result.tasks[0].text.endswith("đáp ứng yêu cầu chất lượng.")
