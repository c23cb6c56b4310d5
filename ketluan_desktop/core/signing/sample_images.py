"""Stand-in seal and handwritten-signature images for test signatures, drawn here with Pillow.

Real offices scan their own seal and signatures; these exist so the app can be tried end to end. The
seal says "KIỂM THỬ" across its middle so nobody mistakes it for a real one.
"""

from __future__ import annotations

import math
from io import BytesIO

from ketluan_desktop.core.render.fonts import resolve_family
from ketluan_desktop.core.signing._common import nfc

SEAL_RED = (220, 20, 20, 255)
INK_BLUE = (20, 45, 170, 255)
# Seals are about 35 mm across; the PNG records its DPI so that it can be shown at actual size.
SEAL_DIAMETER_MM = 35.0
DPI = 300
_SUPERSAMPLE = 3  # draw large, then shrink: Pillow's shapes have no anti-aliasing of their own


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def _png(image) -> bytes:
    out = BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()


def _text_on_arc(canvas, text: str, font, centre: float, radius: float) -> None:
    """Letters upright along the upper arc, reading left to right, like a stamp's rim."""
    from PIL import Image, ImageDraw

    widths = [font.getlength(ch) for ch in text]
    spacing = font.size * 0.08
    total = sum(widths) + spacing * (len(text) - 1)
    # Lay the text on an arc of at most 300 degrees, centred on the top.
    angle_span = min(total / radius, math.radians(300))
    scale = angle_span / (total / radius)
    angle = math.pi / 2 + angle_span / 2  # start on the left, move clockwise
    for ch, width in zip(text, widths, strict=True):
        step = (width * scale) / radius
        mid = angle - step / 2
        box = int(font.size * 2)
        glyph = Image.new("RGBA", (box, box), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((box / 2, box / 2), ch, font=font, fill=SEAL_RED, anchor="mm")
        rotated = glyph.rotate(math.degrees(mid - math.pi / 2), resample=Image.Resampling.BICUBIC)
        x = centre + radius * math.cos(mid) - box / 2
        y = centre - radius * math.sin(mid) - box / 2
        canvas.alpha_composite(rotated, (round(x), round(y)))
        angle -= step + (spacing * scale) / radius


def make_test_seal_image(organisation: str, *, diameter_mm: float = SEAL_DIAMETER_MM) -> bytes:
    """A red round seal on a transparent background, PNG at 300 DPI (so its real size is known)."""
    from PIL import Image, ImageDraw, ImageFont

    family = resolve_family("Times New Roman")
    size = _px(diameter_mm) * _SUPERSAMPLE
    c = size / 2
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    outer = size * 0.035
    draw.ellipse(
        (outer, outer, size - outer, size - outer), outline=SEAL_RED, width=int(size * 0.03)
    )
    inner = size * 0.2
    draw.ellipse(
        (inner, inner, size - inner, size - inner), outline=SEAL_RED, width=int(size * 0.012)
    )

    rim_font = ImageFont.truetype(str(family.bold), int(size * 0.08))
    _text_on_arc(img, nfc(organisation).upper(), rim_font, c, size * 0.37)

    # A five-pointed star above the centre, and the test mark across the middle.
    star_r = size * 0.075
    star_c = (c, c - size * 0.11)
    points = []
    for i in range(10):
        r = star_r if i % 2 == 0 else star_r * 0.4
        a = math.pi / 2 + i * math.pi / 5
        points.append((star_c[0] + r * math.cos(a), star_c[1] - r * math.sin(a)))
    draw.polygon(points, fill=SEAL_RED)
    mark_font = ImageFont.truetype(str(family.bold), int(size * 0.1))
    draw.text((c, c + size * 0.05), "KIỂM THỬ", font=mark_font, fill=SEAL_RED, anchor="mm")
    small = ImageFont.truetype(str(family.regular), int(size * 0.045))
    draw.text((c, c + size * 0.15), "không có giá trị", font=small, fill=SEAL_RED, anchor="mm")

    final = img.resize((size // _SUPERSAMPLE, size // _SUPERSAMPLE), Image.Resampling.LANCZOS)
    return _png(final)


def make_test_signature_image(name: str) -> bytes:
    """A blue "handwritten" signature on a transparent background: the given name in italics and
    a flourish. Only a placeholder for a scanned signature."""
    from PIL import Image, ImageDraw, ImageFont

    family = resolve_family("Times New Roman")
    w, h = _px(45) * _SUPERSAMPLE, _px(18) * _SUPERSAMPLE
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    words = nfc(name).split()
    given = words[-1] if words else "?"
    font = ImageFont.truetype(str(family.bold_italic), int(h * 0.5))
    draw.text((w * 0.5, h * 0.42), given, font=font, fill=INK_BLUE, anchor="mm")
    # The flourish: a damped wave under the name, drawn as short thick segments.
    pts = []
    for i in range(121):
        t = i / 120
        x = w * (0.08 + 0.84 * t)
        y = h * (0.78 - 0.1 * math.sin(t * math.pi * 3) * (1 - t * 0.6))
        pts.append((x, y))
    draw.line(pts, fill=INK_BLUE, width=int(h * 0.035), joint="curve")
    final = img.resize((w // _SUPERSAMPLE, h // _SUPERSAMPLE), Image.Resampling.LANCZOS)
    return _png(final)
