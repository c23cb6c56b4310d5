"""Reading a scanned page with Tesseract, when the office has installed it with Vietnamese data.

Tesseract is a separate program (Debian: ``tesseract-ocr tesseract-ocr-vie``; Windows: the
installer from the Tesseract project with the Vietnamese language ticked, which goes to
``C:\\Program Files\\Tesseract-OCR``). It is called as a process on a PNG of the page; its TSV
output gives each word with its box, which ``layout`` puts back into lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.importer.layout import Box

OCR_DPI = 300
PAGE_SECONDS = 120
OCR_MARK = "từ OCR — cần kiểm tra"
_WINDOWS_PLACES = (
    r"C:\Program Files\Tesseract-OCR\tesseract.exe",
    r"C:\Program Files (x86)\Tesseract-OCR\tesseract.exe",
)
INSTALL_ADVICE = (
    "Muốn đọc bản quét, hãy cài chương trình nhận dạng chữ Tesseract OCR có gói tiếng Việt: trên "
    "Windows chạy bộ cài Tesseract (chọn thêm ngôn ngữ Vietnamese), cài vào thư mục mặc định "
    "C:\\Program Files\\Tesseract-OCR rồi mở lại chương trình; trên Linux cài gói "
    "tesseract-ocr-vie."
)


@dataclass(frozen=True)
class Tesseract:
    path: str | None
    has_vietnamese: bool

    @property
    def ready(self) -> bool:
        return self.path is not None and self.has_vietnamese

    @property
    def advice(self) -> str:
        if self.path is None:
            return INSTALL_ADVICE
        if not self.has_vietnamese:
            return (
                f"Đã có Tesseract ({self.path}) nhưng thiếu dữ liệu tiếng Việt (vie): hãy cài thêm "
                "gói ngôn ngữ Vietnamese cho Tesseract rồi mở lại chương trình."
            )
        return ""


def _no_window() -> dict:
    if sys.platform == "win32":
        return {"creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0)}
    return {}


@lru_cache(maxsize=1)
def find_tesseract() -> Tesseract:
    """Tesseract on this computer: ``KETLUAN_TESSERACT``, the PATH, or the usual Windows place."""
    candidates = [os.environ.get("KETLUAN_TESSERACT"), shutil.which("tesseract")]
    if sys.platform == "win32":
        candidates.extend(_WINDOWS_PLACES)
    path = next((c for c in candidates if c and Path(c).is_file()), None)
    if path is None:
        return Tesseract(None, False)
    try:
        out = subprocess.run(
            [path, "--list-langs"], capture_output=True, text=True, timeout=20, **_no_window()
        )
    except (OSError, subprocess.SubprocessError):
        return Tesseract(None, False)
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    return Tesseract(path, "vie" in langs)


def _failed(name: str, page: int, why: str) -> ImportError_:
    return ImportError_(
        f"Không nhận dạng được chữ ở trang {page} của tệp “{name}” ({why}). Hãy thử quét lại rõ hơn "
        "(300 dpi, trang thẳng) hoặc dùng bản có chữ của văn bản."
    )


def parse_tsv(tsv: str) -> list[Box]:
    """Word boxes from Tesseract's TSV output (level 5 rows)."""
    boxes = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            left, top, width, height = (int(c) for c in cols[6:10])
        except ValueError:
            continue
        boxes.append(Box(left, top, left + width, top + height, cols[11]))
    return boxes


def ocr_image_boxes(png: Path, name: str, page: int) -> list[Box]:
    found = find_tesseract()
    if not found.ready or found.path is None:
        raise ImportError_(found.advice)
    try:
        out = subprocess.run(
            [found.path, str(png), "stdout", "-l", "vie", "--psm", "3", "tsv"],
            capture_output=True,
            timeout=PAGE_SECONDS,
            **_no_window(),
        )
    except subprocess.TimeoutExpired as exc:
        raise _failed(name, page, f"quá {PAGE_SECONDS} giây") from exc
    except OSError as exc:
        raise _failed(name, page, str(exc)) from exc
    if out.returncode != 0:
        raise _failed(name, page, out.stderr.decode("utf-8", "replace").strip()[:200])
    return parse_tsv(out.stdout.decode("utf-8", "replace"))


def ocr_page_boxes(page, name: str, number: int) -> list[Box]:
    """Render one pypdfium2 page at 300 dpi and read it."""
    image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
    with tempfile.TemporaryDirectory(prefix="ketluan-ocr-") as tmp:
        png = Path(tmp) / f"trang-{number}.png"
        image.save(png)
        return ocr_image_boxes(png, name, number)
