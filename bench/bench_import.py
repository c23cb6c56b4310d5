"""Import a 30-page report and print the median parse time (target: under 0.5 s).

The report is built from the sample conclusion's paragraphs, varied so no two are identical (a
repeated paragraph would look like a running header): Roman parts, numbered headings, bullets, the
sample's citations and member-procedure figures, a header and a closing.

    python bench/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ketluan_desktop.core.importer import parse_bytes  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"
TARGET_SECONDS = 0.5
CHARS_PER_PAGE = 3_000  # A4, Times New Roman 14, about 450-500 words
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def build_report(pages: int = 30) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    body = text.split("Nơi nhận:")[0]
    paragraphs = [p.strip() for p in body.split("\n\n") if len(p.strip()) > 120]
    bullets = [p[2:] for p in paragraphs if p.startswith("- ")]
    prose = [p for p in paragraphs if not p.startswith("- ")]
    out = [
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        "*",
        "Số 210-BC/ĐUK",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thái Nguyên, ngày 20 tháng 12 năm 2024",
        "",
        "BÁO CÁO",
        "TỔNG KẾT CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2024 VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025",
        "-----",
        "",
        prose[0],
        "",
    ]
    size = sum(len(s) for s in out)
    n = 0
    part = 0
    while size < pages * CHARS_PER_PAGE:
        heading = "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025" if part % 2 else "KẾT QUẢ THỰC HIỆN NĂM 2024"
        out += [f"{ROMAN[part % len(ROMAN)]}. {heading} (PHẦN {part + 1})", ""]
        for k in range(1, 6):
            out += [f"{k}. Lĩnh vực công tác thứ {k} của phần {part + 1}", ""]
            for j in range(3):
                n += 1
                variant = prose[(n + j) % len(prose)].replace("2024", str(2000 + n % 25))
                out += [f"{variant} (đoạn {n})", ""]
            for j in range(3):
                n += 1
                out += [f"- {bullets[(n + j) % len(bullets)]} (ý {n})", ""]
            size = sum(len(s) + 1 for s in out)
        part += 1
    out += [
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh ủy,",
        "- Các TCCSĐ trực thuộc,",
        "- Lưu Văn phòng ĐUK.",
        "",
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "",
        "Hoàng Thanh Hải",
    ]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    text = build_report()
    data = text.encode("utf-8")
    result = parse_bytes(data, "bao-cao-30-trang.txt")  # warm-up, and a sanity check
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        parse_bytes(data, "bao-cao-30-trang.txt")
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    pages = len(text) / CHARS_PER_PAGE
    print(
        f"report: {len(data) / 1024:.0f} KiB, ~{pages:.0f} pages, {len(result.sections)} sections,"
    )
    print(
        f"        {len(result.tasks)} tasks, {len(result.citations)} citations, "
        f"{len(result.figures)} figures"
    )
    print(
        f"parse_bytes median of {args.runs}: {median:.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}); target < {TARGET_SECONDS} s "
        f"-> {'OK' if median < TARGET_SECONDS else 'TOO SLOW'}"
    )
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
