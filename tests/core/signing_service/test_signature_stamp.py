"""The signature stamp on the demo conclusion, measured from the signed PDF (issue 13, item 7):
the signer's information never touches the printed name or the position line, the person's time is
written day/month/year with +07:00, the seal covers the left third of the signature, and without
an image the information block is centred on the signer block."""

from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import timedelta

import pytest
from signing_service_support import NOW, ORG
from stamp_geometry import overlap, page_marks

from ketluan_desktop.core.documents import records as documents
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.render.pdf import render_pdf
from ketluan_desktop.core.signing import signed_documents as signing
from ketluan_desktop.core.signing.sign import sign_pdf

NAMES = {
    "short": "Lê Hà",
    "usual": "Hoàng Thanh Hải",
    "long": "Nguyễn Thị Phương Thảo Ánh Nguyệt",
    "marks": "Ấu Ỗ Ữ Thị Ánh",  # capitals with stacked marks right under the information
}
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00")  # the organisation's, ISO 8601
TIME_PERSON = re.compile(r"Thời gian ký: \d\d/\d\d/\d{4} \d\d:\d\d:\d\d \+07:00$")


@pytest.fixture(scope="module")
def _signed_pages(tmp_path_factory, _demo_template, pki, images):
    """(name key, image?) -> (signer box, signed pdf, sealed pdf, printed name)."""
    import shutil

    from ketluan_desktop.core.db import open_database

    folder = tmp_path_factory.mktemp("stamp")
    shutil.copyfile(_demo_template, folder / "demo.db")
    db = open_database(folder / "demo.db", create=True)
    with db.session() as s:
        doc = s.query(Document).filter_by(number_symbol="105-KL/ĐUK").one()
        content = documents.content_of(doc)
        profile = signing.profile_for(s, doc)
    db.dispose()
    signer, org = pki.signer_key(), pki.org_key()
    out = {}
    for key, name in NAMES.items():
        printed = dataclasses.replace(content.signer, name=name)
        rendered = render_pdf(dataclasses.replace(content, signer=printed), profile)
        b = rendered.signer_box
        box = (b.page_index, b.x0, b.y0, b.x1, b.y1)
        for with_image in (True, False):
            signed = sign_pdf(
                rendered.data,
                signer,
                box=box,
                name=name,
                organisation=ORG,
                now=NOW,
                signature_image=images["signature"] if with_image else None,
            )
            sealed = sign_pdf(
                signed,
                org,
                box=box,
                kind="seal",
                name="",
                organisation=ORG,
                now=NOW + timedelta(minutes=5),
                seal_image=images["seal"],
            )
            out[key, with_image] = (box, signed, sealed, name)
    return out


CASES = [(k, img) for k in NAMES for img in (True, False)]


@pytest.mark.parametrize(("key", "with_image"), CASES)
def test_the_signers_information_touches_nothing(_signed_pages, key, with_image):
    box, signed, _sealed, name = _signed_pages[key, with_image]
    marks = page_marks(signed, box[0])
    person = [ln for ln in marks.lines if ln.size < 10.5 and ln.box[1] > box[2] - 2]
    person = [ln for ln in person if ln.box[3] < box[4] + 2]
    assert any(TIME_PERSON.search(ln.text) for ln in person), [ln.text for ln in person]
    printed = marks.line(name, 14)
    title = marks.line("BÍ THƯ", 14)
    for ln in person:
        # at least 1.5 pt of paper between any two inks: the name's marks, the title, each line
        assert ln.box[1] - printed.box[3] >= 1.5, (ln.text, ln.box, printed.box)
        assert title.box[1] - ln.box[3] >= 1.5, (ln.text, ln.box, title.box)
        for img in marks.images:
            assert not overlap(ln.box, img), (ln.text, ln.box, img)
    for a, b in itertools.pairwise(person):
        assert not overlap(a.box, b.box, 0.5), (a.text, b.text)
    if with_image:
        (image,) = marks.images
        assert image[1] - printed.box[3] >= 1.5 and title.box[1] - image[3] >= 1.5
        centre = (image[0] + image[2]) / 2
        assert abs(centre - (box[1] + box[3]) / 2) < 0.5  # the signature centred on the block
    else:
        x0 = min(ln.box[0] for ln in person)
        x1 = max(ln.box[2] for ln in person)
        assert abs((x0 + x1) / 2 - (box[1] + box[3]) / 2) < 3  # the block centred on the block


@pytest.mark.parametrize(("key", "with_image"), CASES)
def test_the_seal_covers_the_left_third_of_the_signature(_signed_pages, key, with_image):
    box, signed, sealed, _name = _signed_pages[key, with_image]
    before, after = page_marks(signed, box[0]), page_marks(sealed, box[0])
    seals = [im for im in after.images if im not in before.images]
    (seal,) = seals
    assert abs((seal[2] - seal[0]) - 35 * 72 / 25.4) < 1  # actual size, 35 mm
    if with_image:
        (mark,) = before.images
    else:  # the information block is the signature
        person = [ln for ln in before.lines if ln.size <= 10.01 and ln.box[1] > box[2] - 2]
        person = [ln for ln in person if ln.box[3] < box[4] + 2]
        mark = (
            min(ln.box[0] for ln in person),
            min(ln.box[1] for ln in person),
            max(ln.box[2] for ln in person),
            max(ln.box[3] for ln in person),
        )
    covered = (seal[2] - mark[0]) / (mark[2] - mark[0])
    assert 0.28 <= covered <= 0.38, covered
    assert seal[1] <= mark[1] and seal[3] >= mark[3]  # over it, not above or below it
    # The organisation's name and its ISO 8601 time stand beside the seal, touching nothing.
    (org,) = [ln for ln in after.lines if ln.text == ORG]
    (iso,) = [ln for ln in after.lines if ISO.fullmatch(ln.text)]
    assert org.box[0] >= seal[2] and iso.box[0] >= seal[2]
    title = after.line("BÍ THƯ", 14)
    assert title.box[1] - org.box[3] >= 1.5
    for ln in (org, iso):
        for other in after.lines:
            if other is not ln and other.text not in (org.text, iso.text):
                assert not overlap(ln.box, other.box, 1.0), (ln.text, other.text)
        for img in before.images:
            assert not overlap(ln.box, img, 1.0)
    if with_image:  # the seal covers the image, never the signer's words
        for ln in before.lines:
            if ln.size < 9 and ln.box[1] > box[2] - 2:
                assert not overlap(ln.box, seal), ln.text
