"""Layout profiles: every number of the Party document format, as data the office can inspect
and adjust.

The rules changed in 2026 and several numbers are only known from practice, so nothing about the
page is hard-coded in the renderers: they read a ``LayoutProfile``. Two profiles are built in:

* "HD 36-HD/VPTW (2018)" — what the office typed under Hướng dẫn 36 (the 2024 sample follows
  it);
* "HD 05-HD/VPTW (2026)" — the same numbers except recipients end with ";" and the exact line
  spacing must stay within 18–22 pt.

Sureness of each default (see shared/design/party-document-format.md):

* [rule] party name, parent and issuing body, number, place-and-date styles; the rule under the
  party name; the type title 15–16 bold; the subject bold; headings bold; the letter subject 12
  italic; draft mark 14.
* [official] A4 portrait; Times New Roman.
* [reported] margins 20/20/30/15 mm (back page 15/30 when printed on both sides); page numbers
  from page 2, 14 pt, centred, 10 mm from the top; body 14 pt with a first-line indent of about
  10 mm, ≥ 6 pt between paragraphs and an exact line spacing ≥ 18 pt (HD 05: 18–22 pt); "-----"
  under the subject; leading zeros in dates (days 1–9, months 1–2); "Nơi nhận:" 14 pt
  underlined, recipients 12 pt with "," (HD 36) or ";" (HD 05) and "." at the end; signer block
  styles and about four blank lines for the signature.
* [house] column widths of the header and the closing, the gaps around the title, the header's
  and the recipients' line spacing, the rule's thickness and distance, the separator's size: no
  rule gives them; chosen to look like the office's typed documents, to be checked against its
  own files and adjusted here.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from ketluan_desktop.core.errors import ValidationError

PROFILE_HD36 = "HD 36-HD/VPTW (2018)"
PROFILE_HD05 = "HD 05-HD/VPTW (2026)"


@dataclass(frozen=True)
class LayoutProfile:
    """All numbers of a Party document's page. Lengths on the page in mm, type in pt."""

    name: str = PROFILE_HD36
    # --- page [official: A4; reported: margins]
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    duplex: bool = (
        False  # printed on both sides: even pages use the back margins (Word: mirror margins)
    )
    back_margin_left_mm: float = 15.0
    back_margin_right_mm: float = 30.0
    font_family: str = "Times New Roman"
    # --- page numbers [reported]
    page_number_from: int = 2
    page_number_top_mm: float = 10.0
    page_number_size: float = 14.0
    # --- header, two columns [rule for the texts and styles; house for the widths]
    header_outdent_mm: float = 10.0  # the header table starts this far left of the body's margin
    header_left_width_mm: float = 90.0  # the right column takes the rest, up to the right margin
    header_line_spacing_pt: float = 17.0
    parent_size: float = 14.0
    parent_bold: bool = False
    issuer_size: float = 14.0
    issuer_bold: bool = True
    star_text: str = "*"
    number_size: float = 14.0
    draft_number_spaces: int = 6  # a draft leaves the number blank: "Số      -KL/ĐUK"
    party_name_text: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    party_name_size: float = 15.0
    party_name_bold: bool = True
    party_rule_thickness_pt: float = 0.6
    party_rule_gap_pt: float = (
        5.0  # from the party name's baseline down to the rule (clears "Ộ", "Ệ")
    )
    place_date_size: float = 14.0
    place_date_italic: bool = True
    date_zero_pad_day_upto: int = 9  # days up to this get a leading zero (0 = never)
    date_zero_pad_month_upto: int = 2  # months up to this get a leading zero (0 = never)
    letter_subject_size: float = 12.0
    letter_subject_italic: bool = True
    letter_subject_line_spacing_pt: float = 14.0
    draft_label_default: str = "DỰ THẢO"
    draft_size: float = 14.0
    draft_bold: bool = False
    draft_italic: bool = True
    # --- title block [rule for styles; reported for "-----"; house for gaps]
    title_size: float = 15.0
    title_bold: bool = True
    title_space_before_pt: float = 24.0
    title_line_spacing_pt: float = 20.0
    subject_size: float = 14.0
    subject_bold: bool = True
    subject_upper: bool = False
    subject_line_spacing_pt: float = 18.0
    separator_text: str = "-----"
    # Not the body's size: a reader meeting "-----" above a line of the same size takes it for a
    # word hyphenated across the line end and glues it to the body's first word when extracting.
    separator_size: float = 13.0
    separator_space_after_pt: float = 12.0
    greeting_size: float = 14.0
    greeting_space_after_pt: float = 12.0
    # --- body [reported]
    body_size: float = 14.0
    body_line_spacing_pt: float = 18.0
    line_spacing_min_pt: float = 18.0  # what the guidance allows for the body's exact line spacing
    line_spacing_max_pt: float = 30.0
    body_space_before_pt: float = 0.0
    body_space_after_pt: float = 6.0
    body_first_indent_mm: float = 10.0
    body_justify: bool = True
    heading_size: float = 14.0
    heading_bold: bool = True
    bullet_prefix: str = "- "
    sub_bullet_prefix: str = "+ "
    # --- closing: "Nơi nhận" left, signer right [reported; house for widths]
    closing_space_before_pt: float = 12.0
    closing_left_width_mm: float = 80.0
    recipients_heading_text: str = "Nơi nhận:"
    recipients_heading_size: float = 14.0
    recipients_heading_bold: bool = False
    recipients_heading_italic: bool = False
    recipients_heading_underline: bool = True
    recipient_size: float = 12.0
    recipient_line_spacing_pt: float = 14.0
    recipient_separator: str = ","
    recipient_terminator: str = "."
    signer_size: float = 14.0
    signer_line_spacing_pt: float = 18.0
    authority_bold: bool = True
    signer_title_bold: bool = False
    signer_name_bold: bool = True
    signature_space_mm: float = (
        25.0  # "about four blank lines" for the handwritten or digital signature
    )

    # ------------------------------------------------------------------ serialisation
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LayoutProfile:
        """Build and validate; missing keys take HD 36's values, unknown ones are ignored."""
        if not isinstance(data, dict):
            raise ValidationError("Hồ sơ trình bày không hợp lệ: cần một bảng các thiết lập.")
        kinds = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in data.items():
            if key not in kinds:
                continue
            values[key] = _coerce(key, kinds[key], raw)
        profile = cls(**values)
        profile.validate()
        return profile

    def replace(self, **changes: Any) -> LayoutProfile:
        """A validated copy with some fields changed."""
        return LayoutProfile.from_dict({**self.to_dict(), **changes})

    # ------------------------------------------------------------------ validation
    def validate(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            bounds = FIELD_RANGES.get(f.name)
            if bounds is not None and not (bounds[0] <= value <= bounds[1]):
                raise ValidationError(
                    f"{FIELD_LABELS[f.name]} phải trong khoảng {_num(bounds[0])}–{_num(bounds[1])} "
                    f"(đang là {_num(value)})."
                )
        for name in _REQUIRED_TEXT:
            if not getattr(self, name).strip():
                raise ValidationError(f"{FIELD_LABELS[name]} không được để trống.")
        self._validate_relations()

    def _validate_relations(self) -> None:
        text_width = self.page_width_mm - self.margin_left_mm - self.margin_right_mm
        if text_width < 100:
            raise ValidationError(
                f"Lề trái và lề phải quá rộng: chỉ còn {_num(text_width)} mm cho chữ "
                "(cần ít nhất 100 mm)."
            )
        if self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm < 150:
            raise ValidationError(
                "Lề trên và lề dưới quá rộng: cần ít nhất 150 mm chiều cao cho chữ."
            )
        if self.duplex and (
            not math.isclose(self.back_margin_left_mm, self.margin_right_mm)
            or not math.isclose(self.back_margin_right_mm, self.margin_left_mm)
        ):
            raise ValidationError(
                "Khi in hai mặt, lề trái trang sau phải bằng lề phải trang trước và ngược lại "
                f"(trang trước {_num(self.margin_left_mm)}/{_num(self.margin_right_mm)} mm, "
                f"trang sau {_num(self.back_margin_left_mm)}/{_num(self.back_margin_right_mm)} mm)."
            )
        if self.header_outdent_mm >= self.margin_left_mm:
            raise ValidationError(
                "Phần đầu văn bản không được lấn hết lề trái: hãy giảm độ lùi ra lề."
            )
        header_width = text_width + self.header_outdent_mm
        if not 40 <= self.header_left_width_mm <= header_width - 40:
            raise ValidationError(
                f"{FIELD_LABELS['header_left_width_mm']} phải để mỗi cột ít nhất 40 mm "
                f"(tối đa {_num(header_width - 40)} mm)."
            )
        if not 40 <= self.closing_left_width_mm <= text_width - 50:
            raise ValidationError(
                f"{FIELD_LABELS['closing_left_width_mm']} phải để cột người ký ít nhất 50 mm "
                f"(tối đa {_num(text_width - 50)} mm)."
            )
        if self.line_spacing_min_pt > self.line_spacing_max_pt:
            raise ValidationError("Giãn dòng tối thiểu không được lớn hơn giãn dòng tối đa.")
        if not self.line_spacing_min_pt <= self.body_line_spacing_pt <= self.line_spacing_max_pt:
            raise ValidationError(
                f"Giãn dòng nội dung phải trong khoảng {_num(self.line_spacing_min_pt)}–"
                f"{_num(self.line_spacing_max_pt)} pt theo hướng dẫn của hồ sơ "
                f"(đang là {_num(self.body_line_spacing_pt)} pt)."
            )
        # An exact line spacing smaller than the type cuts off accents: "Ấ" needs about 1.1 em.
        for spacing, size in _SPACING_PAIRS:
            if getattr(self, spacing) < getattr(self, size):
                raise ValidationError(
                    f"{FIELD_LABELS[spacing]} ({_num(getattr(self, spacing))} pt) "
                    "không được nhỏ hơn "
                    f"{FIELD_LABELS[size].lower()} ({_num(getattr(self, size))} pt): dấu sẽ bị cắt."
                )


_SPACING_PAIRS = (
    ("header_line_spacing_pt", "parent_size"),
    ("header_line_spacing_pt", "issuer_size"),
    ("header_line_spacing_pt", "number_size"),
    ("header_line_spacing_pt", "party_name_size"),
    ("header_line_spacing_pt", "place_date_size"),
    ("title_line_spacing_pt", "title_size"),
    ("subject_line_spacing_pt", "subject_size"),
    ("body_line_spacing_pt", "body_size"),
    ("body_line_spacing_pt", "heading_size"),
    ("body_line_spacing_pt", "greeting_size"),
    ("letter_subject_line_spacing_pt", "letter_subject_size"),
    ("recipient_line_spacing_pt", "recipient_size"),
    ("signer_line_spacing_pt", "signer_size"),
    ("signer_line_spacing_pt", "recipients_heading_size"),
)

_REQUIRED_TEXT = ("name", "font_family", "party_name_text", "recipients_heading_text")


def _num(v: float) -> str:
    return f"{v:g}".replace(".", ",")


def _coerce(key: str, kind: Any, raw: Any) -> Any:
    kind = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    label = FIELD_LABELS.get(key, key)
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        raise ValidationError(f"{label} phải là có hoặc không (đang là {raw!r}).")
    if kind in ("float", "int"):
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ValidationError(f"{label} phải là một số (đang là {raw!r}).")
        if not math.isfinite(raw):
            raise ValidationError(f"{label} phải là một số hữu hạn.")
        if kind == "int":
            if raw != int(raw):
                raise ValidationError(f"{label} phải là số nguyên (đang là {_num(raw)}).")
            return int(raw)
        return float(raw)
    if not isinstance(raw, str):
        raise ValidationError(f"{label} phải là chữ (đang là {raw!r}).")
    return raw


FIELD_LABELS: dict[str, str] = {
    "name": "Tên hồ sơ trình bày",
    "page_width_mm": "Chiều rộng trang (mm)",
    "page_height_mm": "Chiều cao trang (mm)",
    "margin_top_mm": "Lề trên (mm)",
    "margin_bottom_mm": "Lề dưới (mm)",
    "margin_left_mm": "Lề trái (mm)",
    "margin_right_mm": "Lề phải (mm)",
    "duplex": "In hai mặt (lề trang sau đảo chiều)",
    "back_margin_left_mm": "Lề trái trang sau (mm)",
    "back_margin_right_mm": "Lề phải trang sau (mm)",
    "font_family": "Phông chữ",
    "page_number_from": "Đánh số trang từ trang",
    "page_number_top_mm": "Số trang cách mép trên (mm)",
    "page_number_size": "Cỡ chữ số trang (pt)",
    "header_outdent_mm": "Phần đầu lùi ra lề trái (mm)",
    "header_left_width_mm": "Độ rộng cột trái phần đầu (mm)",
    "header_line_spacing_pt": "Giãn dòng phần đầu (pt)",
    "parent_size": "Cỡ chữ tên cơ quan cấp trên (pt)",
    "parent_bold": "Tên cơ quan cấp trên in đậm",
    "issuer_size": "Cỡ chữ tên cơ quan ban hành (pt)",
    "issuer_bold": "Tên cơ quan ban hành in đậm",
    "star_text": "Dấu sao dưới tên cơ quan",
    "number_size": "Cỡ chữ số, ký hiệu (pt)",
    "draft_number_spaces": "Số khoảng trống để điền số (dự thảo)",
    "party_name_text": "Tiêu đề Đảng",
    "party_name_size": "Cỡ chữ tiêu đề Đảng (pt)",
    "party_name_bold": "Tiêu đề Đảng in đậm",
    "party_rule_thickness_pt": "Độ dày đường kẻ dưới tiêu đề (pt)",
    "party_rule_gap_pt": "Khoảng cách từ chân chữ tiêu đề đến đường kẻ (pt)",
    "place_date_size": "Cỡ chữ địa danh, ngày tháng (pt)",
    "place_date_italic": "Địa danh, ngày tháng in nghiêng",
    "date_zero_pad_day_upto": "Thêm số 0 trước ngày đến ngày",
    "date_zero_pad_month_upto": "Thêm số 0 trước tháng đến tháng",
    "letter_subject_size": "Cỡ chữ trích yếu công văn (pt)",
    "letter_subject_italic": "Trích yếu công văn in nghiêng",
    "letter_subject_line_spacing_pt": "Giãn dòng trích yếu công văn (pt)",
    "draft_label_default": "Chữ đánh dấu dự thảo",
    "draft_size": "Cỡ chữ dấu dự thảo (pt)",
    "draft_bold": "Dấu dự thảo in đậm",
    "draft_italic": "Dấu dự thảo in nghiêng",
    "title_size": "Cỡ chữ tên loại văn bản (pt)",
    "title_bold": "Tên loại văn bản in đậm",
    "title_space_before_pt": "Khoảng cách trước tên loại (pt)",
    "title_line_spacing_pt": "Giãn dòng tên loại (pt)",
    "subject_size": "Cỡ chữ trích yếu (pt)",
    "subject_bold": "Trích yếu in đậm",
    "subject_upper": "Trích yếu viết hoa toàn bộ",
    "subject_line_spacing_pt": "Giãn dòng trích yếu (pt)",
    "separator_text": "Gạch dưới trích yếu",
    "separator_size": "Cỡ chữ gạch dưới trích yếu (pt)",
    "separator_space_after_pt": "Khoảng cách sau gạch dưới trích yếu (pt)",
    "greeting_size": "Cỡ chữ «Kính gửi» (pt)",
    "greeting_space_after_pt": "Khoảng cách sau «Kính gửi» (pt)",
    "body_size": "Cỡ chữ nội dung (pt)",
    "body_line_spacing_pt": "Giãn dòng nội dung, chính xác (pt)",
    "line_spacing_min_pt": "Giãn dòng tối thiểu theo hướng dẫn (pt)",
    "line_spacing_max_pt": "Giãn dòng tối đa theo hướng dẫn (pt)",
    "body_space_before_pt": "Khoảng cách trước đoạn (pt)",
    "body_space_after_pt": "Khoảng cách sau đoạn (pt)",
    "body_first_indent_mm": "Thụt đầu dòng (mm)",
    "body_justify": "Căn đều hai bên",
    "heading_size": "Cỡ chữ đề mục (pt)",
    "heading_bold": "Đề mục in đậm",
    "bullet_prefix": "Ký hiệu gạch đầu dòng",
    "sub_bullet_prefix": "Ký hiệu ý nhỏ",
    "closing_space_before_pt": "Khoảng cách trước phần ký (pt)",
    "closing_left_width_mm": "Độ rộng cột «Nơi nhận» (mm)",
    "recipients_heading_text": "Chữ «Nơi nhận»",
    "recipients_heading_size": "Cỡ chữ «Nơi nhận» (pt)",
    "recipients_heading_bold": "«Nơi nhận» in đậm",
    "recipients_heading_italic": "«Nơi nhận» in nghiêng",
    "recipients_heading_underline": "«Nơi nhận» gạch chân",
    "recipient_size": "Cỡ chữ nơi nhận (pt)",
    "recipient_line_spacing_pt": "Giãn dòng nơi nhận (pt)",
    "recipient_separator": "Dấu cuối mỗi nơi nhận",
    "recipient_terminator": "Dấu cuối nơi nhận cuối cùng",
    "signer_size": "Cỡ chữ phần ký (pt)",
    "signer_line_spacing_pt": "Giãn dòng phần ký (pt)",
    "authority_bold": "Thẩm quyền ký (T/M…) in đậm",
    "signer_title_bold": "Chức vụ người ký in đậm",
    "signer_name_bold": "Họ tên người ký in đậm",
    "signature_space_mm": "Khoảng trống để ký (mm)",
}

# Ranges a settings screen may offer: wide enough for any office, narrow enough to catch typos.
_SIZE = (8.0, 20.0)
_SPACING = (8.0, 40.0)
_GAP = (0.0, 72.0)
FIELD_RANGES: dict[str, tuple[float, float]] = {
    "page_width_mm": (100.0, 500.0),
    "page_height_mm": (100.0, 500.0),
    "margin_top_mm": (5.0, 60.0),
    "margin_bottom_mm": (5.0, 60.0),
    "margin_left_mm": (5.0, 60.0),
    "margin_right_mm": (5.0, 60.0),
    "back_margin_left_mm": (5.0, 60.0),
    "back_margin_right_mm": (5.0, 60.0),
    "page_number_from": (1, 99),
    "page_number_top_mm": (3.0, 40.0),
    "page_number_size": _SIZE,
    "header_outdent_mm": (0.0, 40.0),
    "header_left_width_mm": (40.0, 200.0),
    "header_line_spacing_pt": _SPACING,
    "parent_size": _SIZE,
    "issuer_size": _SIZE,
    "number_size": _SIZE,
    "draft_number_spaces": (1, 20),
    "party_name_size": _SIZE,
    "party_rule_thickness_pt": (0.1, 3.0),
    "party_rule_gap_pt": (0.0, 20.0),
    "place_date_size": _SIZE,
    "date_zero_pad_day_upto": (0, 9),
    "date_zero_pad_month_upto": (0, 9),
    "letter_subject_size": _SIZE,
    "letter_subject_line_spacing_pt": _SPACING,
    "draft_size": _SIZE,
    "title_size": _SIZE,
    "title_space_before_pt": _GAP,
    "title_line_spacing_pt": _SPACING,
    "subject_size": _SIZE,
    "subject_line_spacing_pt": _SPACING,
    "separator_size": _SIZE,
    "separator_space_after_pt": _GAP,
    "greeting_size": _SIZE,
    "greeting_space_after_pt": _GAP,
    "body_size": _SIZE,
    "body_line_spacing_pt": _SPACING,
    "line_spacing_min_pt": _SPACING,
    "line_spacing_max_pt": _SPACING,
    "body_space_before_pt": _GAP,
    "body_space_after_pt": _GAP,
    "body_first_indent_mm": (0.0, 40.0),
    "heading_size": _SIZE,
    "closing_space_before_pt": _GAP,
    "closing_left_width_mm": (40.0, 200.0),
    "recipients_heading_size": _SIZE,
    "recipient_size": _SIZE,
    "recipient_line_spacing_pt": _SPACING,
    "signer_size": _SIZE,
    "signer_line_spacing_pt": _SPACING,
    "signature_space_mm": (10.0, 80.0),
}

HD36 = LayoutProfile()
HD05 = dataclasses.replace(
    HD36, name=PROFILE_HD05, recipient_separator=";", line_spacing_max_pt=22.0
)  # [reported] HD 05 keeps HD 36's numbers but for these two

BUILTIN_PROFILES: dict[str, LayoutProfile] = {p.name: p for p in (HD36, HD05)}
DEFAULT_PROFILE = HD36
# Hướng dẫn 05-HD/VPTW is dated 27/5/2026 [reported]: a document dated earlier was made under HD 36.
HD05_FROM = date(2026, 5, 27)


def builtin_in_force(on: date | None) -> LayoutProfile | None:
    """The built-in guidance in force on ``on``: HD 36 before HD 05's date; ``None`` from then
    on (the office's own choice of default applies)."""
    if on is not None and on < HD05_FROM:
        return HD36
    return None


def builtin_profile(name: str) -> LayoutProfile:
    try:
        return BUILTIN_PROFILES[name]
    except KeyError:
        known = ", ".join(BUILTIN_PROFILES)
        raise ValidationError(
            f"Không có hồ sơ trình bày «{name}». Các hồ sơ có sẵn: {known}."
        ) from None
