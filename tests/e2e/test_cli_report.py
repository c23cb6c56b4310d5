"""`ketluan report six-month`: the six-month report as PDF and Word, its figures those of `stats`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "demo.db"
    r = run("demo", "--db", str(path))
    assert r.returncode == 0, r.stderr
    return path


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_pdf_carries_the_stats_sentence_tables_and_vector_charts(demo_file, tmp_path):
    out = tmp_path / "báo cáo 6 tháng.pdf"
    r = run("report", "six-month", "--db", str(demo_file), "--from", "1/7/2024", "--to",
            "31/12/2024", "-o", str(out))  # fmt: skip
    assert r.returncode == 0, r.stderr
    sentence = run("stats", "--db", str(demo_file), "--from", "2024-07-01", "--to", "2024-12-31",
                   "--sentence").stdout.strip()  # fmt: skip
    assert sentence.startswith("Kết luận tiêu chuẩn chính trị đối với 150 trường hợp")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    plain = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    assert sentence in _flat(plain)
    assert "BÁO CÁO SỐ LIỆU 6 THÁNG CUỐI NĂM 2024" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    # The procedures table: this period, a year earlier, the change.
    row = next(line for line in text.splitlines()
               if re.match(r"\s*1\s+Kết luận tiêu chuẩn chính trị\s", line))  # fmt: skip
    assert row.split()[-3:] == ["120", "+30", "(+25%)"]
    total = next(line for line in text.splitlines() if re.match(r"\s*Tổng số\s+206", line))
    assert "160" in total and "+46" in total
    # The key tasks by unit (8 due in the period, all overdue on the day of the report).
    assert "Ban Tổ chức" in text and "Quá hạn" in text
    # Both charts drawn as vector graphics: their titles and labels are text in the PDF.
    assert "Thủ tục đảng viên theo tháng" in plain and "07/2024" in plain
    assert "Nhiệm vụ trọng tâm theo đơn vị chủ trì" in plain
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                            check=True).stdout  # fmt: skip
    assert len(images.strip().splitlines()) == 2  # the header lines only: no picture


def test_the_word_copy_has_the_sentence_tables_and_two_pictures(demo_file, tmp_path):
    import docx

    out = tmp_path / "bao-cao.docx"
    r = run("report", "six-month", "--db", str(demo_file), "--from", "2024-07-01", "--to",
            "2024-12-31", "-o", str(out))  # fmt: skip
    assert r.returncode == 0, r.stderr
    d = docx.Document(str(out))
    body = "\n".join(p.text for p in d.paragraphs)
    sentence = run("stats", "--db", str(demo_file), "--from", "2024-07-01", "--to", "2024-12-31",
                   "--sentence").stdout.strip()  # fmt: skip
    assert sentence in body
    assert len(d.inline_shapes) == 2
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert "Kết luận tiêu chuẩn chính trị" in cells and "Ban Tổ chức" in cells
    assert d.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    assert d.sections[0].different_first_page_header_footer  # numbered from page 2, as the PDF


def test_a_wrong_file_type_or_period_is_said_in_vietnamese(demo_file, tmp_path):
    r = run("report", "six-month", "--db", str(demo_file), "--from", "1/1/2024", "--to",
            "30/6/2024", "-o", str(tmp_path / "x.txt"))  # fmt: skip
    assert r.returncode == 1 and ".pdf hoặc .docx" in r.stderr
    r = run("report", "six-month", "--db", str(demo_file), "--from", "30/6/2024", "--to",
            "1/1/2024", "-o", str(tmp_path / "x.pdf"))  # fmt: skip
    assert r.returncode == 1 and "Khoảng thời gian không hợp lệ" in r.stderr
    assert not (tmp_path / "x.pdf").exists()
