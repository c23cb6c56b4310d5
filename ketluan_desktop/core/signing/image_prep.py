"""The handwritten-signature and seal images as signing draws them: transparent PNGs (scans on
white paper made transparent), checked for size. No database here: ``ketluan sign`` prepares an
image file given on its command line before it knows which way it will write (issue 14);
``signing_images`` keeps them in the database.
"""

from __future__ import annotations

from io import BytesIO
from typing import Literal

from ketluan_desktop.core.errors import ValidationError

ImageKind = Literal["signature", "seal"]

IMAGE_KIND_LABELS = {"signature": "ảnh chữ ký", "seal": "ảnh con dấu"}
MAX_IMAGE_BYTES = 5_000_000
MAX_IMAGE_SIDE = 6000
# Pixels at least this light in every channel become transparent in images scanned on white.
WHITE_THRESHOLD = 235


def prepare_image(data: bytes, what: str = "Ảnh") -> tuple[bytes, bool]:
    """A PNG with a transparent background, keeping its DPI (the seal is shown at actual size).

    Scans without transparency (white paper) get their near-white pixels made transparent;
    the second value says whether that happened.
    """
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise ValidationError(f"{what} rỗng.")
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError(
            f"{what} quá lớn ({len(data) // 1_000_000} MB). Hãy dùng ảnh PNG dưới 5 MB."
        )
    try:
        with Image.open(BytesIO(data)) as img:
            img.load()
            fmt = img.format
            dpi = img.info.get("dpi")
            if max(img.size) > MAX_IMAGE_SIDE:
                raise ValidationError(
                    f"{what} quá lớn ({img.size[0]}×{img.size[1]} điểm ảnh); hãy thu nhỏ dưới "
                    f"{MAX_IMAGE_SIDE} điểm ảnh mỗi chiều."
                )
            has_alpha = img.mode in ("RGBA", "LA", "PA") or (
                img.mode == "P" and "transparency" in img.info
            )
            rgba = img.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            f"{what} không đọc được: cần tệp ảnh PNG (nền trong suốt) hoặc JPG.", detail=repr(exc)
        ) from exc
    made_transparent = False
    if not has_alpha:
        from PIL import ImageChops

        r, g, b, alpha = rgba.split()
        min_channel = ImageChops.darker(ImageChops.darker(r, g), b)
        paper = min_channel.point([0 if v >= WHITE_THRESHOLD else 255 for v in range(256)])
        rgba.putalpha(ImageChops.multiply(alpha, paper))
        made_transparent = True
    if rgba.getchannel("A").getextrema()[1] == 0:
        raise ValidationError(f"{what} trống (toàn nền trắng hoặc trong suốt).")
    if fmt == "PNG" and has_alpha:
        return data, False
    out = BytesIO()
    kwargs = {"dpi": dpi} if dpi else {}
    rgba.save(out, format="PNG", optimize=True, **kwargs)
    return out.getvalue(), made_transparent
