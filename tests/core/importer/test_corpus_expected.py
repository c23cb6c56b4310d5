"""The real-document corpus is well formed (issue 17).

Only the files are checked here: every document has an answer with the required fields and a
source, every answer has its document, and the tuning and held-out parts are disjoint. How well the
importer does on them is for ``bench/score_import.py``, not for the test suite.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[2] / "data" / "real"
FOLDERS = {
    "shared": REAL,
    "corpus": REAL / "corpus",
    "heldout": REAL / "heldout",
    "heldout2": REAL / "heldout2",
    "heldout4": REAL / "heldout4",
    "heldout8": REAL / "heldout8",
    "heldout13": REAL / "heldout13",
}
DOC_SUFFIXES = {".txt", ".docx", ".pdf"}
REQUIRED = (
    "document",
    "meeting",
    "sections",
    "tasks_section",
    "task_count",
    "tasks",
    "citations",
    "citations_by_name",
    "figures",
    "recipients",
    "signer",
    "source",
)
DOC_FIELDS = (
    "type",
    "type_name",
    "number_symbol",
    "date",
    "place",
    "issuer",
    "parent_issuer",
    "title",
)
MEETING_FIELDS = ("body", "term", "session", "extended", "date")
SIGNER_FIELDS = ("authority", "title", "name")
CITATION_FIELDS = ("kind", "number_symbol", "date", "issuer", "name")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _expected(folder: Path) -> dict[str, dict]:
    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))


def _documents(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file() and p.suffix in DOC_SUFFIXES}


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_every_document_has_an_answer_and_every_answer_a_document(name: str) -> None:
    folder = FOLDERS[name]
    assert set(_expected(folder)) == _documents(folder)


def _absent(entry: dict, key: str) -> bool:
    """A field is left out only where the answer says the text does not give it (an excerpt of a
    web page has no signer; a newspaper's copy has no header): such fields are not scored."""
    return key in entry.get("not_in_text", [])


@pytest.mark.parametrize(
    "name", ["corpus", "heldout", "heldout2", "heldout4", "heldout8", "heldout13"]
)
def test_answers_have_the_required_fields(name: str) -> None:
    for fname, entry in _expected(FOLDERS[name]).items():
        missing = [k for k in REQUIRED if k not in entry and not _absent(entry, k)]
        assert not missing, (fname, missing)
        listed = [k for k in entry.get("not_in_text", []) if "." not in k]
        assert not [k for k in listed if k in entry], (fname, "listed as absent but given")
        entry = {"meeting": None, "signer": None, "recipients": [], "figures": [], **entry}
        doc = entry["document"]
        assert all(f in doc or _absent(entry, "document." + f) for f in DOC_FIELDS), fname
        if entry["meeting"] is not None:
            meeting = entry["meeting"]
            assert all(f in meeting or _absent(entry, "meeting." + f) for f in MEETING_FIELDS)
        if entry["signer"] is not None:
            assert set(SIGNER_FIELDS) <= set(entry["signer"]), fname
        assert entry["task_count"] == len(entry["tasks"]), fname
        assert all(isinstance(t, str) and 0 < len(t) <= 60 for t in entry["tasks"]), fname
        for c in entry["citations"] + entry["citations_by_name"]:
            assert set(CITATION_FIELDS) <= set(c), (fname, c)
            assert c["date"] is None or ISO_DATE.match(c["date"]), (fname, c)
        assert all(c["number_symbol"] for c in entry["citations"]), fname
        assert all(c["name"] and not c["number_symbol"] for c in entry["citations_by_name"]), fname
        for f in entry["figures"]:
            assert isinstance(f["kind"], str) and isinstance(f["count"], int), (fname, f)
        assert all(isinstance(r, str) and r.strip() for r in entry["recipients"]), fname
        for d in (entry["document"].get("date"), (entry["meeting"] or {}).get("date")):
            assert d is None or ISO_DATE.match(d), fname


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_every_answer_says_where_its_text_came_from(name: str) -> None:
    for fname, entry in _expected(FOLDERS[name]).items():
        assert isinstance(entry["source"], str) and len(entry["source"]) > 20, fname


def test_tuning_and_held_out_parts_are_disjoint() -> None:
    corpus, held, shared = (_documents(FOLDERS[n]) for n in ("corpus", "heldout", "shared"))
    assert not corpus & held
    assert not (corpus | held) & shared
    assert len(held) >= 6
    assert not _documents(FOLDERS["heldout2"]) & corpus
    assert not _documents(FOLDERS["heldout4"]) & (corpus | held)
    assert not _documents(FOLDERS["heldout8"]) & (corpus | held | _documents(FOLDERS["heldout4"]))
    older = (
        corpus | held | shared | _documents(FOLDERS["heldout4"]) | _documents(FOLDERS["heldout8"])
    )
    assert not _documents(FOLDERS["heldout13"]) & (older | _documents(FOLDERS["heldout2"]))


def test_the_new_held_out_part_holds_texts_of_its_own() -> None:
    """heldout4, heldout8 and heldout13 hold documents no tuning file is a copy of (their names'
    stems are unique)."""

    def stems(name: str) -> set[str]:
        return {
            re.sub(r"-(web|ocr|layout|scan|utf16)$", "", Path(f).stem)
            for f in _documents(FOLDERS[name])
        }

    assert not stems("heldout4") & stems("corpus")
    assert len(_documents(FOLDERS["heldout4"])) >= 3
    assert not stems("heldout8") & stems("corpus")
    assert len(_documents(FOLDERS["heldout8"])) >= 6
    earlier = stems("corpus") | stems("heldout4") | stems("heldout8")
    assert not stems("heldout13") & earlier
    assert len(_documents(FOLDERS["heldout13"])) >= 12
