"""``bench/score_import.py`` scores what an answer gives and only that (issue 17): a field the text
does not give (``not_in_text``) is left out of the answer and so out of the score; every set it
knows is on disk with its answers.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location(
        "score_import", ROOT / "bench" / "score_import.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_import"] = module
    spec.loader.exec_module(module)
    return module


def test_an_excerpts_answer_scores_only_the_fields_it_gives(scorer) -> None:
    answer = {
        "document": {"type": "NQ", "number_symbol": "10-NQ/TU"},
        "tasks": [],
        "citations": [],
        "not_in_text": ["recipients", "signer", "document.place"],
    }
    got = {
        "document": {"type": "NQ", "number_symbol": "10-NQ/TU", "place": "Phan Rang"},
        "tasks": [],
        "citations": [],
        "recipients": ["Các huyện ủy"],
        "signer": {"authority": "T/M TỈNH ỦY", "title": "BÍ THƯ", "name": "X"},
    }
    row = scorer.score_document(answer, got)
    assert set(row["parts"]) == {"tasks", "citations", "metadata"}
    assert row["parts"]["metadata"]["fields"] == 2
    assert row["overall"] == 1.0


def test_a_wrong_or_invented_value_costs(scorer) -> None:
    answer = {"document": {"type": "NQ", "number_symbol": None}, "tasks": ["Giao Ban Tổ chức"]}
    got = {"document": {"type": "NQ", "number_symbol": "17"}, "tasks": []}
    row = scorer.score_document(answer, got)
    assert row["parts"]["metadata"]["score"] == 0.5
    assert row["parts"]["tasks"]["score"] == 0.0


def test_every_set_is_on_disk_with_answers(scorer) -> None:
    for name, folder in scorer.SETS.items():
        assert (folder / "expected.json").is_file(), name
    assert "heldout4" in scorer.SETS
    assert "heldout3" not in scorer.SETS  # spent: scored once, then moved into the tuning part
