"""ReportLab's reading of each face is kept in the user's cache: a later process renders without
reading the font files' tables, gets the very same PDF, and a changed font file or a damaged,
stale or foreign cache file is read afresh (never trusted)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from render_probe import norm, pdftotext
from reportlab.pdfbase import ttfonts

from ketluan_desktop.core.render import font_cache, fonts

HERE = Path(__file__).resolve().parent

# Renders the sample conclusion in a fresh process; prints how many times ReportLab read a
# face's tables (its extractInfo), then writes the PDF.
_RENDER = r"""
import sys
if sys.argv[3:] == ["python"]:
    sys.modules["_rl_accel"] = None  # ReportLab's pure-Python fallbacks, not its C accelerator
from reportlab.pdfbase import ttfonts
calls = []
read = ttfonts.TTFontFile.extractInfo
def counting(self, charInfo=1):
    calls.append(self.filename)
    return read(self, charInfo)
ttfonts.TTFontFile.extractInfo = counting
sys.path.insert(0, sys.argv[1])
from render_samples import build_sample
from ketluan_desktop.core.render.pdf import render_pdf
from ketluan_desktop.core.render.profile import HD36
data = render_pdf(build_sample(), HD36).data
open(sys.argv[2], "wb").write(data)
print(len(calls))
"""


def _render_in_process(tmp: Path, data_dir: Path, name: str, *extra: str) -> tuple[int, bytes]:
    out = tmp / name
    env = {**os.environ, "KETLUAN_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-c", _RENDER, str(HERE), str(out), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1]), out.read_bytes()


def test_a_second_process_renders_without_reading_the_fonts(tmp_path):
    data_dir = tmp_path / "dữ liệu"
    first_reads, first = _render_in_process(tmp_path, data_dir, "1.pdf")
    assert first_reads == 4  # regular, bold, italic, bold italic: read once, then kept
    kept = sorted((data_dir / "cache" / "fonts").iterdir())
    assert len(kept) == 4

    second_reads, second = _render_in_process(tmp_path, data_dir, "2.pdf")
    assert second_reads == 0
    assert second == first  # same bytes: same text, same embedded font subsets
    assert "KẾT LUẬN" in norm(pdftotext(second))

    # Damaged files (one flipped byte, one cut short) are read again and replaced; the PDF is
    # still the same.
    blob = bytearray(kept[0].read_bytes())
    blob[-100] ^= 0xFF
    kept[0].write_bytes(bytes(blob))
    kept[1].write_bytes(kept[1].read_bytes()[:1000])
    third_reads, third = _render_in_process(tmp_path, data_dir, "3.pdf")
    assert third_reads == 2
    assert third == first
    assert _render_in_process(tmp_path, data_dir, "4.pdf")[0] == 0  # repaired


def test_reportlab_runs_its_c_accelerator_with_the_same_pdf(tmp_path):
    from reportlab.lib import rl_accel

    assert {"fp_str", "escapePDF", "asciiBase85Encode", "calcChecksum"} <= rl_accel._c_funcs.keys()
    data_dir = tmp_path / "data"
    _reads, accelerated = _render_in_process(tmp_path, data_dir, "c.pdf")
    _reads, pure = _render_in_process(tmp_path, data_dir, "python.pdf", "python")
    assert accelerated == pure


@pytest.fixture
def face_file(tmp_path) -> Path:
    """A copy of the regular face, free to be touched and changed."""
    family = fonts.resolve_family("Times New Roman")
    copy = tmp_path / "fonts" / family.regular.name
    copy.parent.mkdir()
    shutil.copyfile(family.regular, copy)
    return copy


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files ReportLab read a face's tables from, in order."""
    calls: list[str] = []
    read = ttfonts.TTFontFile.extractInfo

    def counting(self, charInfo=1):
        calls.append(self.filename)
        return read(self, charInfo)

    monkeypatch.setattr(ttfonts.TTFontFile, "extractInfo", counting)
    return calls


def _face_state(font: ttfonts.TTFont) -> dict:
    state = dict(vars(font.face))
    scale = state.pop("_pdfScale")
    state.pop("fresh", None)
    state["_pdfScale(1234)"] = scale(1234)
    for name in ("name", "familyName", "styleName", "fullName", "uniqueFontID"):
        value = state[name]
        state[name] = (type(value), bytes(value), value.ustr)  # TTFNameBytes
    return state


def test_a_kept_face_is_the_face_reportlab_reads(face_file, reads):
    parsed = ttfonts.TTFont("Kept", str(face_file))
    assert font_cache.load_ttfont("Kept", face_file) is not None  # reads it and keeps it
    assert len(reads) == 2
    kept = font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 2  # from the cache
    assert isinstance(kept.face, ttfonts.TTFontFace)
    assert _face_state(kept) == _face_state(parsed)
    ours = {k: v for k, v in vars(kept).items() if k not in ("face", "state", "encoding")}
    theirs = {k: v for k, v in vars(parsed).items() if k not in ("face", "state", "encoding")}
    assert ours == theirs
    assert type(kept.state) is type(parsed.state) and not kept.state
    assert vars(kept.encoding) == vars(parsed.encoding)
    text = "Đảng ủy Khối — «Nghị quyết» số 05/NQ-ĐUK"
    assert kept.stringWidth(text, 14) == parsed.stringWidth(text, 14)
    assert kept.face.makeSubset([0, 65, 0x1EC3]) == parsed.face.makeSubset([0, 65, 0x1EC3])


def test_a_changed_font_file_is_read_again(face_file, reads):
    first = font_cache.load_ttfont("Kept", face_file)
    font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 1
    st = face_file.stat()
    os.utime(face_file, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    again = font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 2
    assert _face_state(again) == _face_state(first)
    font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 2  # the new reading replaced the old one in the same file
    assert len(list(font_cache.cache_file(face_file).parent.iterdir())) == 1


def test_a_new_reportlab_reads_again(face_file, reads, monkeypatch):
    font_cache.load_ttfont("Kept", face_file)
    monkeypatch.setattr(font_cache, "REPORTLAB_VERSION", "99.0.0")
    font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[:-1],  # cut short
        lambda blob: blob[:40] + bytes([blob[40] ^ 1]) + blob[41:],  # a flipped byte
        lambda blob: b"",
        lambda blob: b"\x00" * len(blob),
        lambda blob: b"not a cache file at all",
    ],
    ids=["short", "flipped", "empty", "zeros", "foreign"],
)
def test_a_damaged_cache_is_never_trusted(face_file, reads, damage):
    parsed = font_cache.load_ttfont("Kept", face_file)
    file = font_cache.cache_file(face_file)
    file.write_bytes(damage(file.read_bytes()))
    again = font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 2
    assert _face_state(again) == _face_state(parsed)
    font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 2  # rewritten whole


def test_a_well_formed_cache_of_the_wrong_shape_is_read_again(face_file, reads):
    import hashlib
    import marshal

    font_cache.load_ttfont("Kept", face_file)
    file = font_cache.cache_file(face_file)
    key = font_cache._key(face_file)
    for payload in (
        {"key": key, "fields": {"unitsPerEm": 2048}, "names": {}},  # fields missing
        {"key": key, "fields": "x", "names": {}},
        [key],
    ):
        data = marshal.dumps(payload)
        file.write_bytes(font_cache._MAGIC + hashlib.sha256(data).digest() + data)
        font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 4


def test_nowhere_to_keep_it_only_costs_a_reading(face_file, reads, tmp_path, monkeypatch):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    monkeypatch.setenv("KETLUAN_DATA_DIR", str(blocker))
    font_cache.load_ttfont("Kept", face_file)
    font = font_cache.load_ttfont("Kept", face_file)
    assert len(reads) == 2
    assert font.stringWidth("Đảng", 12) > 0
