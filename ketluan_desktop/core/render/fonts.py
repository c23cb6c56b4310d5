"""Finding the serif font the Party rules ask for, on the machine, and checking it covers the
text.

The rules want Times New Roman. Windows always has it; elsewhere a metric-compatible Tinos or
Liberation Serif stands in, then DejaVu Serif. The project ships no font files: they come from
the system.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ketluan_desktop.core.errors import RenderError

STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class FontFamily:
    name: str  # "Times New Roman", "Tinos" …
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def path(self, style: str) -> Path:
        return getattr(self, style)


# Each family: the file names a style may have, across Windows, macOS, Debian and msttcorefonts.
_CANDIDATES: dict[str, dict[str, tuple[str, ...]]] = {
    "Times New Roman": {
        "regular": ("times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf"),
        "bold": ("timesbd.ttf", "Times New Roman Bold.ttf", "Times_New_Roman_Bold.ttf"),
        "italic": ("timesi.ttf", "Times New Roman Italic.ttf", "Times_New_Roman_Italic.ttf"),
        "bold_italic": (
            "timesbi.ttf",
            "Times New Roman Bold Italic.ttf",
            "Times_New_Roman_Bold_Italic.ttf",
        ),
    },
    "Tinos": {
        "regular": ("Tinos-Regular.ttf",),
        "bold": ("Tinos-Bold.ttf",),
        "italic": ("Tinos-Italic.ttf",),
        "bold_italic": ("Tinos-BoldItalic.ttf",),
    },
    "Liberation Serif": {
        "regular": ("LiberationSerif-Regular.ttf",),
        "bold": ("LiberationSerif-Bold.ttf",),
        "italic": ("LiberationSerif-Italic.ttf",),
        "bold_italic": ("LiberationSerif-BoldItalic.ttf",),
    },
    "DejaVu Serif": {
        "regular": ("DejaVuSerif.ttf",),
        "bold": ("DejaVuSerif-Bold.ttf",),
        "italic": ("DejaVuSerif-Italic.ttf",),
        "bold_italic": ("DejaVuSerif-BoldItalic.ttf",),
    },
}

PREFERENCE = tuple(_CANDIDATES)


def font_dirs() -> list[Path]:
    """The platform's font folders, user folders included; ``KETLUAN_FONT_DIR`` first if set."""
    dirs: list[Path] = []
    extra = os.environ.get("KETLUAN_FONT_DIR")
    if extra:
        dirs.extend(Path(p) for p in extra.split(os.pathsep) if p)
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:  # fonts installed "for this user only" on Windows 10+
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            Path.home() / "Library/Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/System/Library/Fonts"),
        ]
    else:
        data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local/share")
        dirs += [Path(data_home) / "fonts", Path.home() / ".fonts"]
        for d in (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":"):
            if d:
                dirs.append(Path(d) / "fonts")
    return [d for d in dirs if d.is_dir()]


@functools.lru_cache(maxsize=1)
def _font_index() -> dict[str, Path]:
    """File name (lower case) -> first path found, searching the font folders recursively."""
    index: dict[str, Path] = {}
    for d in font_dirs():
        for root, _dirs, files in os.walk(d):
            for f in files:
                if f.lower().endswith((".ttf", ".otf")):
                    index.setdefault(f.lower(), Path(root) / f)
    return index


def find_family(name: str) -> FontFamily | None:
    candidates = _CANDIDATES.get(name)
    if candidates is None:
        return None
    index = _font_index()
    found: dict[str, Path] = {}
    for style in STYLES:
        for fname in candidates[style]:
            p = index.get(fname.lower())
            if p is not None:
                found[style] = p
                break
        else:
            return None
    return FontFamily(name=name, **found)


def resolve_family(preferred: str | None = None) -> FontFamily:
    """The preferred family if installed, else the first available of ``PREFERENCE``."""
    order = [preferred] if preferred else []
    order += [n for n in PREFERENCE if n != preferred]
    for name in order:
        fam = find_family(name)
        if fam is not None:
            return fam
    raise RenderError(
        "Không tìm thấy phông chữ có dấu tiếng Việt (Times New Roman, Tinos, Liberation Serif hoặc "
        "DejaVu Serif) trên máy. Trên Windows hãy cài lại phông Times New Roman; "
        "trên Linux cài gói fonts-croscore hoặc fonts-liberation2."
    )


@functools.lru_cache(maxsize=32)
def _cmap(path: Path) -> frozenset[int]:
    """The characters the font maps to a glyph. A face the PDF writer has read already
    (``register_reportlab``) answers from ReportLab's copy of the cmap, the same characters:
    reading each file a second time with fontTools cost a signing or an export ~0.1 s."""
    rl_name = _REPORTLAB_NAMES.get(path)
    if rl_name is not None:
        from reportlab.pdfbase import pdfmetrics

        face = getattr(pdfmetrics.getFont(rl_name), "face", None)
        if face is not None:
            return frozenset(c for c, glyph in face.charToGlyph.items() if glyph)  # 0: .notdef
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as tt:
        return frozenset(tt.getBestCmap() or ())  # no Unicode cmap: it draws nothing we write


def missing_characters(
    text: str, family: FontFamily, styles: tuple[str, ...] = STYLES
) -> list[str]:
    """Characters of ``text`` (ignoring line breaks and tabs) that one of the styles cannot draw."""
    wanted = {ord(c) for c in set(text) if c not in "\n\r\t"}
    missing: set[int] = set()
    for style in styles:
        missing |= wanted - _cmap(family.path(style))
    return [chr(c) for c in sorted(missing)]


def check_coverage(text: str, family: FontFamily) -> None:
    missing = missing_characters(text, family)
    if missing:
        shown = " ".join(f"«{c}» (U+{ord(c):04X})" for c in missing[:12])
        more = f" và {len(missing) - 12} ký tự khác" if len(missing) > 12 else ""
        raise RenderError(
            f"Phông chữ {family.name} không có các ký tự: {shown}{more}. "
            "Hãy sửa các ký tự đó trong văn bản (thường do dán từ nguồn khác) hoặc cài phông "
            "Times New Roman đầy đủ, rồi xuất lại. Chưa có tệp nào được ghi."
        )


_REGISTERED: dict[str, str] = {}
_REPORTLAB_NAMES: dict[Path, str] = {}  # a registered face's file -> its ReportLab name


def register_reportlab(family: FontFamily) -> str:
    """Register the four styles with ReportLab once; returns the base font name to use. Each face's
    reading by ReportLab comes from the user's cache when the font file is unchanged
    (``font_cache``)."""
    if family.name in _REGISTERED:
        return _REGISTERED[family.name]
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from ketluan_desktop.core.render.font_cache import load_ttfont

    base = family.name.replace(" ", "")
    names = {
        "regular": base,
        "bold": f"{base}-Bold",
        "italic": f"{base}-Italic",
        "bold_italic": f"{base}-BoldItalic",
    }
    for style, rl_name in names.items():
        path = family.path(style)
        pdfmetrics.registerFont(load_ttfont(rl_name, path))  # its reading kept between runs
        _REPORTLAB_NAMES[path] = rl_name
    addMapping(base, 0, 0, names["regular"])
    addMapping(base, 1, 0, names["bold"])
    addMapping(base, 0, 1, names["italic"])
    addMapping(base, 1, 1, names["bold_italic"])
    _REGISTERED[family.name] = base
    return base
