"""Big and oddly shaped files still import: nothing in the parser may grow faster than the text.

No timer here (a loaded machine would make it flaky); a quadratic step would show as a test that
never ends, and the benchmark (bench/bench_import.py) measures the real figure.
"""

from __future__ import annotations

import pytest
from importer_support import SAMPLE_TEXT

from ketluan_desktop.core.importer import MAX_BYTES, parse_bytes

BODY = SAMPLE_TEXT.split("Nơi nhận:")[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    "shape",
    ["one line", "numbers", "short lines", "no punctuation", "many documents"],
)
def test_pathological_shapes(shape: str) -> None:
    if shape == "one line":
        text = BODY.replace("\n", " ") * 80
    elif shape == "numbers":
        text = "\n".join(str(i % 997) for i in range(150_000))
    elif shape == "short lines":
        text = "\n".join(f"Nghị quyết số {i}-NQ/TU cho {i % 90} đồng chí" for i in range(25_000))
    elif shape == "no punctuation":
        text = (
            "lần thứ 19 họp ngày 10/4 Hội nghị buổi làm việc với Chương trình triển khai Luật "
            * 12_000
        )
    else:
        text = "\n\n".join(SAMPLE_TEXT.replace("19", str(n)) for n in range(100))
    data = text.encode("utf-8")
    assert 500_000 < len(data) < MAX_BYTES
    result = parse_bytes(data, "lon.txt")
    # a file of page numbers only has no content left, and says so
    assert result.sections or any("nội dung chính" in w for w in result.warnings)


@pytest.mark.slow
def test_a_report_near_the_size_limit() -> None:
    paragraphs = [p for p in BODY.split("\n\n") if len(p) > 100]
    parts = []
    size = 0
    n = 0
    while size < MAX_BYTES - 200_000:
        n += 1
        piece = f"{paragraphs[n % len(paragraphs)]} (đoạn {n})\n\n"
        parts.append(piece)
        size += len(piece.encode("utf-8"))
    data = ("KẾT LUẬN\n\n" + "".join(parts)).encode("utf-8")
    assert len(data) <= MAX_BYTES
    result = parse_bytes(data, "rat-lon.txt")
    assert len(result.figures) > 1000
