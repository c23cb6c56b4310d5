"""The sample conclusion kept as JSON beside its text is what the importer reads from the text."""

from __future__ import annotations

import json
import subprocess
import sys

from ketluan_desktop.core.documents import sample


def test_the_kept_content_is_what_the_importer_reads_today() -> None:
    kept = json.loads(sample.frozen_path().read_text(encoding="utf-8"))
    # When this fails, the importer or the sample changed: `python -m
    # ketluan_desktop.core.documents.sample` writes the JSON again (and review its diff).
    assert sample.content_from_data(kept) == sample.imported_sample()


def test_the_round_trip_keeps_every_field() -> None:
    content = sample.dress(sample.imported_sample())
    block = content.sections[1].blocks[0]
    block.marks = [(0, 4, "b"), (5, 9, "i")]  # bold and italic runs, as an edited draft has
    data = json.loads(json.dumps(sample.content_to_data(content), ensure_ascii=False))
    again = sample.content_from_data(data)
    assert again == content
    assert again.sections[1].blocks[0].marks == [(0, 4, "b"), (5, 9, "i")]
    assert again.signer is not None and again.signer.name == "Hoàng Thanh Hải"
    assert str(again.doc_date) == "2024-07-10"


def test_the_sample_is_shown_without_the_importer_or_the_database() -> None:
    code = (
        "import sys\n"
        "from ketluan_desktop.core.documents.sample import sample_content\n"
        "c = sample_content()\n"
        "print(c.number_symbol, c.doc_date, c.is_draft, len(c.sections))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ketluan_desktop.core.importer', "
        "'sqlalchemy'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.splitlines()
    assert out[0].startswith("105-KL/ĐUK 2024-07-10 False ")
    assert out[1] == "[]"
