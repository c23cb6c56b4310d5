"""ReportLab's reading of a TrueType face, kept between processes.

ReportLab reads a face's tables (names, metrics, the character map, every glyph's width and
position) in pure Python: ~20 ms a face, ~0.1 s for the four a page uses, paid by every export
and every first signature, each its own process. What that reading yields is plain data, so it
is kept in the user's data folder (``cache/fonts``), one file a face, keyed by the font file's
path, size and modification time, ReportLab's version and this format's; any change reads the
font again and replaces the file. A kept file carries a SHA-256 digest of its contents and is
used only when the digest, the key and the shape of the data all match: a damaged, foreign or
stale file costs one reading, never a wrong width. Only plain data is kept (``marshal`` of
numbers, strings, lists and dicts, never pickled objects).

The face is ReportLab's own ``TTFontFace`` with its documented ``extractInfo`` step answered from
the kept data; the font file's bytes are still read (the PDF embeds a subset of them).
"""

from __future__ import annotations

import hashlib
import marshal
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Literal
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

FORMAT = 1
_MAGIC = b"KLTTF\x00\x00\x01"
_DIGEST = 32  # SHA-256
# What a kept face must hold for ReportLab to draw, measure and subset with it.
_REQUIRED = frozenset(
    {"charToGlyph", "charWidths", "glyphPos", "hmetrics", "unitsPerEm", "numGlyphs", "ascent"}
)
_NAMES = "names"  # the face's name strings (ReportLab's TTFNameBytes), kept as UTF-8 bytes
_FIELDS = "fields"
_PLAIN = (bool, int, float, str, bytes, list, tuple, dict, type(None))


def _key(path: Path) -> list[Any] | None:
    """What a kept reading depends on; None where the font file cannot be looked at."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [str(path), st.st_size, st.st_mtime_ns, REPORTLAB_VERSION, FORMAT, marshal.version]


def cache_file(path: Path) -> Path:
    """One file per face, named after the font's path: a changed font replaces its own entry."""
    from ketluan_desktop.core.paths import data_dir

    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return data_dir() / "cache" / "fonts" / f"{path.stem}-{digest}.bin"


def _load(file: Path, key: list[Any]) -> dict[str, Any] | None:
    """The kept reading, or None when it is missing, damaged, stale or not of the right shape."""
    try:
        blob = file.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + _DIGEST
    if blob[: len(_MAGIC)] != _MAGIC or len(blob) <= head:
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(_MAGIC) : head]:
        return None
    try:
        data = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    fields, names = data.get(_FIELDS), data.get(_NAMES)
    if not isinstance(fields, dict) or not isinstance(names, dict):
        return None
    if not fields.keys() >= _REQUIRED or "name" not in names:
        return None
    if not all(isinstance(v, bytes) for v in names.values()):
        return None
    if not isinstance(fields["unitsPerEm"], int) or fields["unitsPerEm"] <= 0:
        return None
    return data


def _save(file: Path, key: list[Any], fresh: dict[str, Any]) -> None:
    """Keep a fresh reading, whole or not at all; a failure only costs the next process time."""
    from ketluan_desktop.core.errors import FileWriteError
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    names = {k: bytes(v) for k, v in fresh.items() if isinstance(v, TTFNameBytes)}
    fields = {k: v for k, v in fresh.items() if k not in names and k != "_pdfScale"}
    if not all(isinstance(v, _PLAIN) for v in fields.values()) or not fields.keys() >= _REQUIRED:
        return  # a ReportLab whose reading holds more than plain data: read each time
    try:
        payload = marshal.dumps({"key": key, _FIELDS: fields, _NAMES: names})
    except ValueError:  # an unmarshallable value nested in a list or dict
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(file, _MAGIC + hashlib.sha256(payload).digest() + payload)
    except (OSError, FileWriteError):
        pass


def _scale(units_per_em: int) -> Any:
    """ReportLab's font-unit to 1/1000 em conversion, as ``extractInfo`` builds it."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


class KeptFace(TTFontFace):
    """ReportLab's face of one TrueType file; its reading comes from ``kept`` when given.
    ``fresh`` holds, after a real reading, what that reading set (for keeping)."""

    def __init__(self, path: Path, kept: dict[str, Any] | None) -> None:
        self._kept = kept  # read by extractInfo, which TTFontFace.__init__ calls
        self.fresh: dict[str, Any] | None = None
        super().__init__(str(path))

    def extractInfo(self, charInfo: bool | Literal[0, 1] = 1) -> None:
        kept = self.__dict__.pop("_kept", None)
        if kept is not None and charInfo:
            fields = kept[_FIELDS]
            self.__dict__.update(fields)
            self.__dict__.update({k: TTFNameBytes(v) for k, v in kept[_NAMES].items()})
            self._pdfScale = _scale(fields["unitsPerEm"])
            return
        before = dict(self.__dict__)
        super().extractInfo(charInfo)
        self.fresh = {
            k: v
            for k, v in self.__dict__.items()
            if k != "fresh" and (k not in before or before[k] is not v)
        }


class KeptTTFont(TTFont):
    """ReportLab's ``TTFont`` over a ``KeptFace``. ``TTFont.__init__`` builds its face from the
    file itself (no way to hand it one), so the rest of what it sets is set here, the same way;
    tests/core/render/test_font_cache.py compares the two objects attribute by attribute."""

    def __init__(self, name: str, face: KeptFace) -> None:  # pyright: ignore[reportMissingSuperCall]
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        unshaped = rl_config.unShapedFontGlob or ()
        self.shapable = not any(fnmatch(name, glob) for glob in unshaped)


def load_ttfont(name: str, path: Path) -> TTFont:
    """ReportLab's ``TTFont`` ``name`` of the file at ``path``, read from the cache when kept."""
    key = _key(path)
    file = cache_file(path) if key is not None else None
    kept = _load(file, key) if file is not None and key is not None else None
    face = KeptFace(path, kept)
    if face.fresh is not None and file is not None and key is not None:
        _save(file, key, face.fresh)
        face.fresh = None
    return KeptTTFont(name, face)
