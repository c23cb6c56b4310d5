r"""What a signature looks like on the page, drawn with ReportLab into a one-page PDF.

pyHanko's own stamp text garbles Vietnamese (stack notes), so pyHanko only receives this page as the
stamp background. Layout inside the signer block's blank area (width W):

    +-------------------------------------------------+
    |        (seal)   | organisation        <- seal text, 10 pt, added by the seal signature
    |       /      \  | 2024-07-10T15:32:05+07:00
    |      | SEAL  |[ signature image ]               <- blue image centred, spanning 20 %–80 % of W
    |       \      /  | Người ký: …                   <- signer text, small
    |                 | Cơ quan: … / Thời gian ký: …
    +-----------------^-------------------------------+
                      40 % of W: the seal's right edge, so it covers the image's left third.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.render.fonts import register_reportlab, resolve_family
from ketluan_desktop.core.signing._common import nfc, vn_display_time, vn_iso_time

MM = 72 / 25.4
IMAGE_SPAN = (0.2, 0.8)  # the signature image's horizontal share of the box
SEAL_RIGHT = IMAGE_SPAN[0] + (IMAGE_SPAN[1] - IMAGE_SPAN[0]) / 3  # = 0.4: covers a third of it
COLUMN_GAP = 4.0
SEAL_TEXT_PT = 10.0  # Decree 30: Times New Roman 10, upright, black
SEAL_LEADING = 11.5
SIGNER_TEXT_MAX_PT = 8.0
SIGNER_TEXT_MIN_PT = 5.5
DEFAULT_SEAL_DIAMETER = 35 * MM  # used when the seal PNG carries no DPI to tell its real size
SEAL_TEXT_BAND = 2 * SEAL_LEADING + 1  # kept free at the top of the box for the seal's text


def _font() -> str:
    return register_reportlab(resolve_family("Times New Roman"))


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


def _fit_lines(
    lines: list[str], font: str, width: float, max_height: float, max_size: float
) -> tuple[float, list]:
    """The largest size up to ``max_size`` at which ``lines`` fit; unbroken lines preferred.

    A time split as "15:32:05 / +07:00" reads badly, so wrapping is the last resort, for names too
    long to fit even at the smallest size.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    sizes = []
    size = max_size
    while size >= SIGNER_TEXT_MIN_PT:
        sizes.append(size)
        size -= 0.25
    for size in sizes:
        fits = all(stringWidth(line, font, size) <= width for line in lines)
        if fits and len(lines) * size * 1.18 <= max_height:
            return size, list(lines)
    for size in sizes:
        wrapped = [w for line in lines for w in _wrap(line, font, size, width)]
        if len(wrapped) * size * 1.18 <= max_height:
            return size, wrapped
    smallest = SIGNER_TEXT_MIN_PT
    return smallest, [w for line in lines for w in _wrap(line, font, smallest, width)]


def _canvas(buf: BytesIO, width: float, height: float):
    from reportlab.pdfgen.canvas import Canvas

    # invariant: no creation date read from the clock, and byte-identical output for equal input
    return Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1)


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
    font = _font()
    column_x = width * SEAL_RIGHT + COLUMN_GAP
    column_w = width - column_x - 1
    lines = [
        f"Người ký: {nfc(name)}",
        f"Cơ quan: {nfc(organisation)}",
        f"Thời gian ký: {vn_display_time(signed_at)}",
    ]
    if signature_image:
        size, wrapped = _fit_lines(lines, font, column_w, max(height * 0.3, 18), SIGNER_TEXT_MAX_PT)
    else:  # text only: larger, and centred below the band the seal's text may later take
        free = height - SEAL_TEXT_BAND if height - SEAL_TEXT_BAND >= 30 else height
        size, wrapped = _fit_lines(lines, font, column_w, free, SEAL_TEXT_PT)
    leading = size * 1.18
    text_h = len(wrapped) * leading
    text_bottom = 0.0 if signature_image else max(0.0, (free - text_h) / 2)

    buf = BytesIO()
    c = _canvas(buf, width, height)
    if signature_image:
        reader, (iw, ih), _dpi = _image_reader(signature_image, "ảnh chữ ký")
        bottom = text_h + 1
        # Keep the seal's text band free, unless the box is too low to afford it.
        top = height - SEAL_TEXT_BAND if height - SEAL_TEXT_BAND - bottom >= 24 else height
        max_w = width * (IMAGE_SPAN[1] - IMAGE_SPAN[0])
        scale = min(max_w / iw, (top - bottom) / ih)
        dw, dh = iw * scale, ih * scale
        c.drawImage(
            reader,
            (width - dw) / 2,
            bottom + (top - bottom - dh) / 2,
            dw,
            dh,
            mask="auto",
        )
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, size)
    y = text_bottom + text_h - size  # baseline of the first line
    for line in wrapped:
        c.drawString(column_x, y + (leading - size) / 2, line)
        y -= leading
    c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class SealGeometry:
    """Where the seal signature's widget goes (page coordinates) and where things sit inside it."""

    rect: tuple[float, float, float, float]
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


def seal_geometry(
    box: tuple[float, float, float, float],
    diameter: float,
    page_left: float = 0.0,
) -> SealGeometry:
    """Place the seal over the left third of the signature image in the signer box ``box``."""
    x0, y0, x1, y1 = box
    w = x1 - x0
    seal_right = x0 + w * SEAL_RIGHT
    seal_left = seal_right - diameter
    if seal_left < page_left:  # a box near the page edge: move the seal in rather than clip it
        seal_left = page_left
    yc = (y0 + y1) / 2
    seal_bottom = yc - diameter / 2
    rx0, ry0 = seal_left, min(y0, seal_bottom)
    rx1, ry1 = x1, max(y1, seal_bottom + diameter)
    return SealGeometry(
        rect=(rx0, ry0, rx1, ry1),
        seal_origin=(seal_left - rx0, seal_bottom - ry0),
        diameter=diameter,
        text_x=seal_right + COLUMN_GAP - rx0,
        text_top=y1 - ry0,
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
    lines = [*_wrap(nfc(organisation), font, SEAL_TEXT_PT, column_w), vn_iso_time(signed_at)]
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, SEAL_TEXT_PT)
    y = geometry.text_top - SEAL_TEXT_PT
    for line in lines:
        c.drawString(geometry.text_x, y, line)
        y -= SEAL_LEADING
    c.showPage()
    c.save()
    return buf.getvalue()
