r"""What a signature looks like on the page, drawn with ReportLab into a one-page PDF.

pyHanko's own stamp text garbles Vietnamese (stack notes), so pyHanko only receives this page as the
stamp background. The signer block's blank (the box between the position line and the printed name,
width W and height H) is laid out in three bands, top to bottom:

    +--------------------------------------------------------+   <- descent of "BÍ THƯ"
    |                      | Đảng ủy Khối các cơ quan tỉnh   |   seal's text (10 pt), added by the
    |        .-----.       | 2024-07-10T15:32:05+07:00       |   organisation's signature later
    |       / SEAL  \[ signature image, blue, centred ]      |
    |       \       /   Người ký: Nguyễn Văn Tuấn            |   signer's information, a block
    |        '-----'    Cơ quan: Đảng ủy Khối các cơ quan…   |   centred on the box
    |                   Thời gian ký: 10/07/2024 15:32:05 +07:00
    +--------------------------------------------------------+   <- cap height of the name
                              Nguyễn Văn Tuấn

The seal's right edge sits a third of the way into the *signature mark* — the drawn image, or the
information block when there is no image — so it covers the mark's left third (Decree 30/2020,
Phụ lục I, and art. 33: "trùm lên khoảng 1/3 … về phía bên trái"). The mark's rectangle is written
into the signer's appearance as an invisible path (``x y w h re n``) so that the office, sealing
later from the signed PDF alone, finds exactly where the signature was drawn (``mark_rect``).

Dates: the person's signing time is written as the document writes dates, day/month/year, with
the time and Vietnam's offset (``10/07/2024 15:32:05 +07:00``). The organisation's signing time
stays ISO 8601 (``2024-07-10T15:32:05+07:00``): Decree 30/2020's Phụ lục I prescribes, for the
organisation's digital signature, the organisation's name and the signing time "ngày tháng năm;
giờ phút giây; múi giờ Việt Nam theo tiêu chuẩn ISO 8601" in Times New Roman 10, upright, black.
The decree prescribes no text for the person's signature (only the blue image, centred between
position and name); the information block is this app's addition, so its date follows the page.
"""

from __future__ import annotations

import functools
import re
import struct
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.render.fonts import register_reportlab, resolve_family
from ketluan_desktop.core.signing._common import nfc, vn_display_time, vn_iso_time

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1

MM = 72 / 25.4
SEAL_TEXT_PT = 10.0  # Decree 30: Times New Roman 10, upright, black
SEAL_LEADING = 11.5
SIGNER_TEXT_MAX_PT = 8.0  # beside an image: small, the image is the signature
SIGNER_TEXT_MIN_PT = 6.5
TEXT_ONLY_MAX_PT = 10.0  # no image: the information block is the visible signature
LEADING = 1.2
TOP_CLEAR = 1.5  # under the position line's descent (the box's top)
# The box's bottom is the printed name's ascent line (about cap height). A capital with a mark
# ("Á", "Ấ") rises up to 0.3 em of the 14 pt name above it: leave that room, and 1.5 pt more.
BOTTOM_CLEAR = 5.5
BAND_GAP = 2.0  # between the image and the text above or below it
MIN_IMAGE_H = 16.0
IMAGE_MAX_SHARE = 0.6  # of W: the image's widest
TEXT_SHARE = 0.42  # of the height below the seal's band, for the text beside an image
COLUMN_GAP = 4.0  # between the seal's right edge and its text
DEFAULT_SEAL_DIAMETER = 35 * MM  # used when the seal PNG carries no DPI to tell its real size
MARK_PATTERN = re.compile(
    rb"(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) re n\b"
)


@functools.cache
def _font() -> str:
    return register_reportlab(resolve_family("Times New Roman"))


@functools.cache
def _outlines() -> tuple[Any, float, tuple[int, ...], int] | None:
    """Where each glyph's outline is, read from ReportLab's copy of Times New Roman (registered
    for drawing the stamp anyway): the face, its units per em, the glyphs' offsets (``loca``)
    and the outlines' table (``glyf``) position; None for a font without TrueType outlines.
    Reading the file again with fontTools cost ~0.1 s of every ``ketluan sign``."""
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(_font()), "face", None)  # a TTFont's parsed file
    if face is None or "glyf" not in face.table or "loca" not in face.table:
        return None
    head = face.get_table("head")
    upem = float(struct.unpack(">H", head[18:20])[0])
    loca = face.get_table("loca")
    if struct.unpack(">h", head[50:52])[0] == 0:  # short offsets: half the byte offset
        offsets = tuple(2 * o for o in struct.unpack(f">{len(loca) // 2}H", loca))
    else:
        offsets = struct.unpack(f">{len(loca) // 4}L", loca)
    return face, upem, offsets, face.get_table_pos("glyf")[0]


@functools.cache
def _glyph_height(code: int) -> tuple[float, float] | None:
    """The ink's top and bottom of one character per point of size (marks included), from the
    box in its outline's header; None for a character the font has no outline for."""
    found = _outlines()
    if found is None:
        return None
    face, upem, offsets, glyf = found
    gid = face.charToGlyph.get(code)
    if not gid or gid + 1 >= len(offsets) or offsets[gid] == offsets[gid + 1]:
        return None  # not in the font, or a glyph with no outline (a space)
    # numberOfContours, xMin, yMin, xMax, yMax: five 16-bit integers
    _n, _x0, y_min, _x1, y_max = struct.unpack(">5h", face.get_chunk(glyf + offsets[gid], 10))
    return y_max / upem, y_min / upem


def _ink(text: str, size: float) -> tuple[float, float]:
    """How far the ink of ``text`` rises above and falls below its baseline, in points."""
    tops = [_glyph_height(ord(ch)) or (0.75, -0.22) for ch in text if not ch.isspace()]
    if not tops:
        return 0.0, 0.0
    return max(t for t, _b in tops) * size, max(0.0, -min(b for _t, b in tops)) * size


def _seal_ascent() -> float:
    """Room above the seal text's first baseline: an organisation's name may begin "Ủy ban"."""
    return _ink("Ủố", SEAL_TEXT_PT)[0]


def seal_band_height() -> float:
    """The height kept free at the top of the box for the seal's two lines of 10 pt text (the
    organisation, then the ISO time, which has no descenders)."""
    time_depth = _ink("2024-07-10T15:32:05+07:00", SEAL_TEXT_PT)[1]
    return TOP_CLEAR + _seal_ascent() + SEAL_LEADING + time_depth + BAND_GAP


def _image_reader(png: bytes, what: str):
    from PIL import Image, UnidentifiedImageError
    from reportlab.lib.utils import ImageReader

    try:
        with Image.open(BytesIO(png)) as probe:
            probe.load()
            size = probe.size
            dpi = probe.info.get("dpi")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise SigningError(f"Không đọc được {what} (cần tệp ảnh PNG nền trong suốt).") from exc
    return ImageReader(BytesIO(png)), size, dpi


def seal_diameter_pt(seal_image: bytes) -> float:
    """The seal's printed size: from the PNG's DPI if it has one (so "actual size" holds)."""
    _reader, (w, h), dpi = _image_reader(seal_image, "ảnh con dấu")
    # Some tools write a DPI of 1 when they know none; anything from 30 up is taken at its word.
    if dpi and dpi[0] and float(dpi[0]) > 30:
        return max(w, h) / float(dpi[0]) * 72
    return DEFAULT_SEAL_DIAMETER


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width) or [""]


def _block_height(lines: list[str], size: float) -> float:
    """From the first line's highest mark to the last line's lowest descender."""
    return _ink(lines[0], size)[0] + (len(lines) - 1) * size * LEADING + _ink(lines[-1], size)[1]


def _sizes(largest: float) -> list[float]:
    out, size = [], largest
    while size >= SIGNER_TEXT_MIN_PT - 1e-9:
        out.append(round(size, 2))
        size -= 0.25
    return out


def _fit_text(lines: list[str], width: float, height: float, largest: float):
    """The largest size up to ``largest`` at which ``lines`` fit ``width`` x ``height``, unbroken
    if possible: a time split as "15:32:05 / +07:00" reads badly, so wrapping is the last resort."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = _font()
    sizes = _sizes(largest)
    for size in sizes:
        fits = all(stringWidth(line, font, size) <= width for line in lines)
        if fits and _block_height(lines, size) <= height:
            return size, list(lines)
    for size in sizes:
        wrapped = [w for line in lines for w in _wrap(line, font, size, width)]
        if _block_height(wrapped, size) <= height:
            return size, wrapped
    size = SIGNER_TEXT_MIN_PT  # too low a box: the smallest size, wrapped only where too wide
    return size, [w for line in lines for w in _wrap(line, font, size, width)]


@dataclass(frozen=True)
class SignerLayout:
    """Where everything of the signer's field goes, in the field's own coordinates (points)."""

    width: float
    height: float
    size: float
    lines: tuple[str, ...]
    text_x: float  # the block's left edge: lines are left-aligned in a block centred on the box
    first_baseline: float
    text_rect: Rect  # the information block's extent, ascent to descent
    image_rect: Rect | None

    @property
    def leading(self) -> float:
        return self.size * LEADING

    @property
    def mark(self) -> Rect:
        """What the seal covers a third of: the image, or the information block without one."""
        return self.image_rect or self.text_rect


def layout_signer(
    width: float, height: float, lines: list[str], image_size: tuple[int, int] | None = None
) -> SignerLayout:
    """Lay out the signer's field (see the module's drawing).

    With an image: the image centred on the box; the information in the bottom band, in the
    column right of where the seal's edge will be (a third into the image), so the seal covers
    the image and never the words. Without one: the information block is the signature, centred
    on the box and in the height left free; the seal will cover its left third as it would an
    image's.
    """
    band = seal_band_height()
    top = height - band  # below the seal's text band ...
    if top - BOTTOM_CLEAR < (MIN_IMAGE_H + BAND_GAP if image_size else 0) + 3 * 8:
        top = height - TOP_CLEAR  # ... unless the box is too low to afford one
    if image_size:
        return _layout_with_image(width, height, top, lines, image_size)
    size, wrapped = _fit_text(lines, width - 4, top - BOTTOM_CLEAR, TEXT_ONLY_MAX_PT)
    block_h = _block_height(wrapped, size)
    bottom = BOTTOM_CLEAR + max(0.0, (top - BOTTOM_CLEAR - block_h) / 2)
    x = max(0.0, (width - _block_width(wrapped, size)) / 2)
    return _with_text(width, height, size, wrapped, x, bottom, None)


def _block_width(lines: list[str], size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max(stringWidth(line, _font(), size) for line in lines)


def _with_text(width, height, size, lines, x, bottom, image_rect) -> SignerLayout:
    block_top = bottom + _block_height(lines, size)
    first_baseline = block_top - _ink(lines[0], size)[0]
    text_rect = (x, bottom, x + _block_width(lines, size), block_top)
    return SignerLayout(width, height, size, tuple(lines), x, first_baseline, text_rect, image_rect)


def _layout_with_image(width, height, top, lines, image_size) -> SignerLayout:
    # The column right of the seal's edge is narrowest for the narrowest image: W/2 - gap.
    column = width / 2 - COLUMN_GAP - 1
    # The image is the signature: the text takes what it needs at a small size, at most
    # TEXT_SHARE of the height unless even the smallest size needs more.
    room = min(top - BOTTOM_CLEAR - MIN_IMAGE_H - BAND_GAP, TEXT_SHARE * (top - BOTTOM_CLEAR))
    size, wrapped = _fit_text(lines, column, max(room, 0.0), SIGNER_TEXT_MAX_PT)
    low = BOTTOM_CLEAR + _block_height(wrapped, size) + BAND_GAP
    iw, ih = image_size
    scale = min(width * IMAGE_MAX_SHARE / iw, max(top - low, 1.0) / ih)
    dw, dh = iw * scale, ih * scale
    x = (width - dw) / 2
    y = low + (top - low - dh) / 2
    image_rect = (x, y, x + dw, y + dh)
    seal_edge = x + dw / 3
    return _with_text(
        width, height, size, wrapped, seal_edge + COLUMN_GAP, BOTTOM_CLEAR, image_rect
    )


def _canvas(buf: BytesIO, width: float, height: float):
    from reportlab.pdfgen.canvas import Canvas

    # invariant: no creation date read from the clock, and byte-identical output for equal input
    return Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1)


def signer_lines(name: str, organisation: str, signed_at) -> list[str]:
    return [
        f"Người ký: {nfc(name)}",
        f"Cơ quan: {nfc(organisation)}",
        f"Thời gian ký: {vn_display_time(signed_at)}",
    ]


def signer_appearance_pdf(
    width: float,
    height: float,
    *,
    name: str,
    organisation: str,
    signed_at,
    signature_image: bytes | None = None,
) -> bytes:
    """The signer's visible signature as a one-page PDF of ``width`` x ``height`` points."""
    reader = image_size = None
    if signature_image:
        reader, image_size, _dpi = _image_reader(signature_image, "ảnh chữ ký")
    lay = layout_signer(width, height, signer_lines(name, organisation, signed_at), image_size)
    buf = BytesIO()
    c = _canvas(buf, width, height)
    mx0, my0, mx1, my1 = lay.mark
    c.rect(mx0, my0, mx1 - mx0, my1 - my0, stroke=0, fill=0)  # invisible: where the mark is
    if reader is not None and lay.image_rect is not None:
        x0, y0, x1, y1 = lay.image_rect
        c.drawImage(reader, x0, y0, x1 - x0, y1 - y0, mask="auto")
    c.setFillColorRGB(0, 0, 0)
    c.setFont(_font(), lay.size)
    y = lay.first_baseline
    for line in lay.lines:
        c.drawString(lay.text_x, y, line)
        y -= lay.leading
    c.showPage()
    c.save()
    return buf.getvalue()


def mark_in_appearance(content: bytes) -> Rect | None:
    """The signature mark's rectangle written by ``signer_appearance_pdf`` into its content."""
    found = MARK_PATTERN.search(content)
    if not found:
        return None
    x, y, w, h = (float(v) for v in found.groups())
    return (x, y, x + w, y + h)


@dataclass(frozen=True)
class SealGeometry:
    """Where the seal signature's widget goes (page coordinates) and where things sit inside it."""

    rect: Rect
    seal_origin: tuple[float, float]  # lower-left of the seal image, widget coordinates
    diameter: float
    text_x: float
    text_top: float  # top of the seal's text block, widget coordinates

    @property
    def width(self) -> float:
        return self.rect[2] - self.rect[0]

    @property
    def height(self) -> float:
        return self.rect[3] - self.rect[1]

    @property
    def seal_rect(self) -> Rect:
        """The seal image's square in page coordinates."""
        x = self.rect[0] + self.seal_origin[0]
        y = self.rect[1] + self.seal_origin[1]
        return (x, y, x + self.diameter, y + self.diameter)


def default_mark(box: Rect) -> Rect:
    """Where a signature mark is taken to be when the signer's appearance does not say: the
    middle of the box, as wide as the widest image."""
    x0, y0, x1, y1 = box
    w = x1 - x0
    side = w * (1 - IMAGE_MAX_SHARE) / 2
    return (x0 + side, y0, x1 - side, y1)


def seal_geometry(
    box: Rect,
    diameter: float,
    page_left: float = 0.0,
    mark: Rect | None = None,
    page_right: float | None = None,
) -> SealGeometry:
    """Place the seal over the left third of the signature ``mark`` (page coordinates) drawn in
    the signer box ``box``; its text goes beside it, at the top of the box."""
    _x0, y0, x1, y1 = box
    mx0, my0, mx1, my1 = mark or default_mark(box)
    seal_right = mx0 + (mx1 - mx0) / 3
    seal_left = seal_right - diameter
    if seal_left < page_left:  # a box near the page edge: move the seal in rather than clip it
        seal_left = page_left
    yc = (my0 + my1) / 2
    seal_bottom = yc - diameter / 2
    # The text may use the page's right margin when the column is narrow, not the paper's edge.
    right = x1 if page_right is None else max(x1, page_right - 10 * MM)
    rx0, ry0 = seal_left, min(y0, seal_bottom)
    rx1, ry1 = right, max(y1, seal_bottom + diameter)
    return SealGeometry(
        rect=(rx0, ry0, rx1, ry1),
        seal_origin=(seal_left - rx0, seal_bottom - ry0),
        diameter=diameter,
        text_x=seal_left + diameter + COLUMN_GAP - rx0,
        text_top=y1 - TOP_CLEAR - ry0,
    )


def seal_appearance_pdf(
    geometry: SealGeometry,
    *,
    organisation: str,
    signed_at,
    seal_image: bytes,
) -> bytes:
    """The organisation's signature: red seal, and beside it its name and the ISO time in 10 pt."""
    font = _font()
    reader, _size, _dpi = _image_reader(seal_image, "ảnh con dấu")
    width, height = geometry.width, geometry.height
    buf = BytesIO()
    c = _canvas(buf, width, height)
    c.drawImage(
        reader,
        geometry.seal_origin[0],
        geometry.seal_origin[1],
        geometry.diameter,
        geometry.diameter,
        mask="auto",
        preserveAspectRatio=True,
    )
    column_w = width - geometry.text_x - 1
    # Decree 30/2020, Phụ lục I: the organisation's time is ISO 8601 with Vietnam's offset.
    lines = [*_wrap(nfc(organisation), font, SEAL_TEXT_PT, column_w), vn_iso_time(signed_at)]
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, SEAL_TEXT_PT)
    y = geometry.text_top - _seal_ascent()
    for line in lines:
        c.drawString(geometry.text_x, y, line)
        y -= SEAL_LEADING
    c.showPage()
    c.save()
    return buf.getvalue()
