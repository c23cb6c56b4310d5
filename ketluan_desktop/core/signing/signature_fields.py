"""Where the signatures of a signed PDF sit: each filled signature field's page and rectangle,
and the signer's box, which the office's seal is placed over."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SignatureLocation:
    field_name: str
    page_index: int
    rect: tuple[float, float, float, float]  # PDF points, origin at the bottom left

    @property
    def visible(self) -> bool:
        x0, y0, x1, y1 = self.rect
        return x1 - x0 >= 1 and y1 - y0 >= 1


def signature_locations(pdf: bytes) -> list[SignatureLocation]:
    """Where each filled signature field's widget sits (page and rectangle), in file order.

    Works on any readable PDF; fields whose widget names no page are left out.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.fields import enumerate_sig_fields

    from ketluan_desktop.core.signing._common import open_reader

    reader = open_reader(pdf)
    count = int(reader.root["/Pages"]["/Count"])
    pages: dict[int, int] = {}
    for i in range(count):
        page_ref = reader.find_page_for_modification(i)[0]  # (page, its resources)
        pages[page_ref.idnum] = i
    found = []
    for name, _value, ref in enumerate_sig_fields(reader, filled_status=True):
        field = ref.get_object()
        assert isinstance(field, generic.DictionaryObject)
        widget = field if "/Rect" in field else field["/Kids"][0].get_object()
        if not isinstance(widget, generic.DictionaryObject):
            continue
        if "/Rect" not in widget or "/P" not in widget:
            continue
        page = widget.get_value_as_reference("/P")
        if page.idnum not in pages:
            continue
        x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
        found.append(
            SignatureLocation(
                name, pages[page.idnum], (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            )
        )
    return found


def signer_box_in(pdf: bytes) -> tuple | None:
    """Where the signer's signature sits in an already signed PDF: the seal goes over it."""
    from ketluan_desktop.core.signing.sign import FIELD_BASE

    for loc in signature_locations(pdf):
        if loc.field_name.startswith(FIELD_BASE["signer"]):
            x0, y0, x1, y1 = loc.rect
            if x1 - x0 < 20 or y1 - y0 < 10:
                return None  # an invisible signature: nothing to put the seal over
            return (loc.page_index, *loc.rect)
    return None
