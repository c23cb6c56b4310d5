"""The visible signature: Vietnamese text, time formats, seal placement, and what poppler draws."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import datetime, timedelta
from io import BytesIO

import pytest
from signing_support import NOW, ORG, SIGNER, SIGNER_BOX

from ketluan_desktop.core.signing._common import vn_display_time, vn_iso_time
from ketluan_desktop.core.signing.appearance import (
    default_mark,
    layout_signer,
    seal_appearance_pdf,
    seal_diameter_pt,
    seal_geometry,
    signer_appearance_pdf,
    signer_lines,
)
from ketluan_desktop.core.signing.certs import make_test_seal_image, make_test_signature_image
from ketluan_desktop.core.signing.sign import sign_pdf

BOX = SIGNER_BOX[1:]
W, H = BOX[2] - BOX[0], BOX[3] - BOX[1]


def _page_text_and_content(pdf: bytes) -> tuple[str, bytes]:
    from pypdf import PdfReader

    page = PdfReader(BytesIO(pdf)).pages[0]
    return page.extract_text(), page.get_contents().get_data()


def test_time_formats_are_vietnam_time_with_offset():
    assert vn_display_time(NOW) == "10/07/2024 15:32:05 +07:00"  # as the document writes dates
    assert vn_iso_time(NOW) == "2024-07-10T15:32:05+07:00"
    # Whatever zone the caller's clock is in, the panel shows Vietnam's.
    other = NOW.astimezone(datetime.fromisoformat("2024-07-10T01:00:00-05:00").tzinfo)
    assert vn_display_time(other) == "10/07/2024 15:32:05 +07:00"


def test_signer_appearance_text_is_nfc_vietnamese():
    pdf = signer_appearance_pdf(W, H, name=SIGNER, organisation=ORG, signed_at=NOW)
    text, _content = _page_text_and_content(pdf)
    assert f"Người ký: {SIGNER}" in text
    assert f"Cơ quan: {ORG}" in text
    assert "Thời gian ký: 10/07/2024 15:32:05 +07:00" in text
    assert unicodedata.is_normalized("NFC", text)


def test_decomposed_input_draws_the_same_as_composed():
    nfd = {k: unicodedata.normalize("NFD", v) for k, v in (("name", SIGNER), ("org", ORG))}
    a = signer_appearance_pdf(W, H, name=SIGNER, organisation=ORG, signed_at=NOW)
    b = signer_appearance_pdf(W, H, name=nfd["name"], organisation=nfd["org"], signed_at=NOW)
    assert a == b


def test_long_names_shrink_and_wrap_inside_a_narrow_box():
    long_org = "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Thừa Thiên Huế (mở rộng)"
    pdf = signer_appearance_pdf(150, 60, name=SIGNER, organisation=long_org, signed_at=NOW)
    text, _ = _page_text_and_content(pdf)
    assert "Thừa Thiên Huế" in text and "+07:00" in text


def test_seal_geometry_covers_left_third_of_the_image():
    d = seal_diameter_pt(make_test_seal_image(ORG))
    assert abs(d - 35 * 72 / 25.4) < 1  # actual size, from the PNG's DPI
    x0, y0, x1, y1 = BOX
    mark = (x0 + 90, y0 + 30, x0 + 150, y0 + 54)  # where a signature image was drawn
    g = seal_geometry(BOX, d, mark=mark)
    _sx0, sy0, sx1, sy1 = g.seal_rect
    assert sx1 == pytest.approx(mark[0] + (mark[2] - mark[0]) / 3)  # its left third
    assert (sy0 + sy1) / 2 == pytest.approx((mark[1] + mark[3]) / 2)  # level with it
    assert g.rect[2] == x1 and g.rect[1] <= y0 and g.rect[3] >= y1
    # Without a mark to go by (a signature made elsewhere), the middle of the box stands in.
    g = seal_geometry(BOX, d)
    m = default_mark(BOX)
    assert g.seal_rect[2] == pytest.approx(m[0] + (m[2] - m[0]) / 3)


def test_seal_moves_inside_the_page_rather_than_being_cut():
    g = seal_geometry((20, 100, 200, 180), 99.0, page_left=0)
    assert g.rect[0] == 0 and g.seal_origin[0] == 0


def test_seal_text_is_10pt_name_and_iso_time():
    seal = make_test_seal_image(ORG)
    g = seal_geometry(BOX, seal_diameter_pt(seal))
    pdf = seal_appearance_pdf(g, organisation=ORG, signed_at=NOW, seal_image=seal)
    text, content = _page_text_and_content(pdf)
    assert ORG in text and "2024-07-10T15:32:05+07:00" in text
    assert content.count(b" 10 Tf") == 2  # both lines at 10 pt, as Decree 30 asks


DPI = 144
SCALE = DPI / 72


def _render_page(pdf: bytes, tmp_path, page: int, dpi: int = DPI):
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    src = tmp_path / "render.pdf"
    src.write_bytes(pdf)
    pages = ["-f", str(page + 1), "-l", str(page + 1)]
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), *pages, "-png", str(src), str(tmp_path / "page")], check=True
    )
    (png,) = tmp_path.glob("page*.png")
    return Image.open(png).convert("RGB")


def _count(img, box_pt, test, page_h=842):
    """Pixels in a rectangle given in PDF points that pass ``test``."""
    x0, y0, x1, y1 = (round(v * SCALE) for v in box_pt)
    top = round(page_h * SCALE)
    crop = img.crop((x0, top - y1, x1, top - y0))
    raw = crop.tobytes()
    return sum(1 for i in range(0, len(raw), 3) if test(raw[i], raw[i + 1], raw[i + 2]))


def _red(r, g, b):
    return r > 180 and g < 110 and b < 110


def _blue(r, g, b):
    return b > 120 and r < 110 and g < 130


def _black(r, g, b):
    return r < 100 and g < 100 and b < 100


def test_poppler_draws_signature_and_seal_where_expected(vn_pdf, signer_key, org_key, tmp_path):
    signed = sign_pdf(
        vn_pdf,
        signer_key,
        box=SIGNER_BOX,
        name=SIGNER,
        organisation=ORG,
        now=NOW,
        signature_image=make_test_signature_image(SIGNER),
    )
    (tmp_path / "a").mkdir()
    before = _render_page(signed, tmp_path / "a", 2)
    sealed = sign_pdf(
        signed,
        org_key,
        box=SIGNER_BOX,
        kind="seal",
        name="",
        organisation=ORG,
        now=NOW + timedelta(minutes=5),
        seal_image=make_test_seal_image(ORG),
    )
    (tmp_path / "b").mkdir()
    after = _render_page(sealed, tmp_path / "b", 2)
    x0, y0, x1, y1 = BOX
    lay = layout_signer(
        W, H, signer_lines(SIGNER, ORG, NOW), _png_size(make_test_signature_image(SIGNER))
    )

    def page(r):
        return (x0 + r[0], y0 + r[1], x0 + r[2], y0 + r[3])

    image, text = page(lay.image_rect), page(lay.text_rect)
    edge = image[0] + (image[2] - image[0]) / 3  # the seal's right edge: a third into the image
    left = (x0 - 40, y0, edge - 2, y1)
    seal_text = (edge + 2, y1 - 22, x1, y1)

    assert _count(before, image, _blue) > 50  # the handwritten signature, in blue
    assert _count(before, text, _black) > 50
    assert _count(before, left, _red) == 0 and _count(before, seal_text, _black) == 0
    assert _count(after, left, _red) > 500  # the seal, in red, left of and over the signature
    assert _count(after, (edge - 12, image[1], edge - 2, image[3]), _red) > 5  # over the image
    assert _count(after, (edge + 3, image[1], image[2], image[3]), _red) == 0  # but a third only
    assert _count(after, seal_text, _black) > 50  # organisation and ISO time beside it
    assert _count(after, text, _black) == _count(before, text, _black)  # words never covered


def _png_size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(BytesIO(png)) as img:
        return img.size


def test_widget_sits_exactly_on_the_box(vn_pdf, signer_key):
    from pypdf import PdfReader

    out = sign_pdf(vn_pdf, signer_key, box=SIGNER_BOX, name=SIGNER, organisation=ORG, now=NOW)
    (annot,) = (a.get_object() for a in PdfReader(BytesIO(out)).pages[2]["/Annots"])
    assert annot["/T"] == "ChuKyNguoiKy"
    assert [round(float(v), 2) for v in annot["/Rect"]] == list(BOX)


def test_the_stamp_measures_the_ink_from_reportlabs_copy_of_the_font_as_fonttools_reads_it():
    """A glyph's ink comes from its outline's header in ReportLab's copy of the font (registered
    to draw the stamp anyway), not from reading the file again with fontTools (about 0.1 s of
    every ``ketluan sign``): the same figures fontTools gives, for every character a stamp may
    write."""
    import threading

    from fontTools.ttLib import TTFont

    from ketluan_desktop.core.render.fonts import resolve_family
    from ketluan_desktop.core.signing import appearance

    appearance._glyph_height.cache_clear()
    with TTFont(str(resolve_family("Times New Roman").regular), lazy=True) as tt:
        upem = float(tt["head"].unitsPerEm)
        cmap = tt.getBestCmap()
        letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
        chars = {*letters, *letters.upper(), *map(chr, range(0x21, 0x7F)), "–", "«", "»", "…", " "}
        for ch in sorted(chars):
            glyph = tt["glyf"][cmap[ord(ch)]] if ord(ch) in cmap else None
            expected = (glyph.yMax / upem, glyph.yMin / upem) if hasattr(glyph, "yMax") else None
            assert appearance._glyph_height(ord(ch)) == expected, ch
    assert appearance._glyph_height(0x10FFFD) is None  # a character the font does not have
    top, bottom = appearance._ink("Ủy ban 2024-07-10", 10)
    assert top > 7 and bottom >= 0  # the hook of «Ủ» rises above the cap height
    # Threads measuring at once share the cache and get the same figures.
    found = []
    workers = [
        threading.Thread(target=lambda: found.append(appearance._ink("Đảng ủy Khối", 10)))
        for _ in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(set(found)) == 1
