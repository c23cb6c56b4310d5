"""Layout profiles: built-ins, JSON round trip, validation in Vietnamese, labels for Settings."""

from __future__ import annotations

import dataclasses
import json

import pytest

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.render.profile import (
    BUILTIN_PROFILES,
    FIELD_LABELS,
    FIELD_RANGES,
    HD05,
    HD36,
    LayoutProfile,
    builtin_profile,
)
from ketluan_desktop.core.render.wording import format_heading, punctuate_recipients


def test_builtins():
    assert set(BUILTIN_PROFILES) == {"HD 36-HD/VPTW (2018)", "HD 05-HD/VPTW (2026)"}
    assert (HD36.margin_top_mm, HD36.margin_bottom_mm) == (20, 20)
    assert (HD36.margin_left_mm, HD36.margin_right_mm) == (30, 15)
    assert HD36.recipient_separator == "," and HD05.recipient_separator == ";"
    assert (HD05.line_spacing_min_pt, HD05.line_spacing_max_pt) == (18, 22)
    differing = {
        f.name
        for f in dataclasses.fields(LayoutProfile)
        if getattr(HD36, f.name) != getattr(HD05, f.name)
    }
    assert differing == {"name", "recipient_separator", "line_spacing_max_pt"}
    for p in BUILTIN_PROFILES.values():
        p.validate()
    assert builtin_profile("HD 05-HD/VPTW (2026)") is HD05
    with pytest.raises(ValidationError, match="Không có hồ sơ"):
        builtin_profile("HD 99")


def test_round_trip_through_json():
    data = json.loads(json.dumps(HD05.to_dict(), ensure_ascii=False))
    assert LayoutProfile.from_dict(data) == HD05


def test_missing_keys_default_and_unknown_keys_are_ignored():
    p = LayoutProfile.from_dict({"name": "Riêng", "margin_left_mm": 25, "future_setting": 1})
    assert p.margin_left_mm == 25.0 and p.margin_top_mm == HD36.margin_top_mm


def test_every_field_has_a_vietnamese_label():
    names = {f.name for f in dataclasses.fields(LayoutProfile)}
    assert set(FIELD_LABELS) == names
    assert set(FIELD_RANGES) <= names
    assert all(label.strip() for label in FIELD_LABELS.values())


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"margin_top_mm": 100}, "Lề trên (mm) phải trong khoảng 5–60"),
        ({"body_size": "14"}, "Cỡ chữ nội dung (pt) phải là một số"),
        ({"body_justify": 1}, "Căn đều hai bên phải là có hoặc không"),
        ({"page_number_from": 2.5}, "phải là số nguyên"),
        ({"margin_left_mm": float("nan")}, "số hữu hạn"),
        ({"font_family": " "}, "Phông chữ không được để trống"),
        ({"body_line_spacing_pt": 17}, "Giãn dòng nội dung phải trong khoảng 18–30 pt"),
        ({"header_left_width_mm": 150}, "mỗi cột ít nhất 40 mm"),
        ({"title_line_spacing_pt": 12}, "dấu sẽ bị cắt"),
        ({"duplex": True, "back_margin_left_mm": 20}, "in hai mặt"),
        ({"margin_left_mm": 60, "margin_right_mm": 60}, "Lề trái và lề phải quá rộng"),
    ],
)
def test_validation_messages(changes, words):
    with pytest.raises(ValidationError) as err:
        HD36.replace(**changes)
    assert words.lower() in str(err.value).lower()


def test_hd05_line_spacing_range():
    assert HD05.replace(body_line_spacing_pt=22).body_line_spacing_pt == 22
    with pytest.raises(ValidationError, match="18–22 pt"):
        HD05.replace(body_line_spacing_pt=24)
    assert HD36.replace(body_line_spacing_pt=24).body_line_spacing_pt == 24


def test_not_a_dict():
    with pytest.raises(ValidationError):
        LayoutProfile.from_dict([1, 2])  # type: ignore[arg-type]


def test_recipient_punctuation_is_normalised():
    lines = punctuate_recipients(["- Thường trực ĐUK,", "Các đ/c Đảng ủy viên;", " Lưu VP. "], HD05)
    assert lines == ["- Thường trực ĐUK;", "- Các đ/c Đảng ủy viên;", "- Lưu VP."]


def test_heading_numbers():
    assert format_heading("1", "Đánh giá") == "1. Đánh giá"
    assert format_heading("II", "Nhiệm vụ") == "II- Nhiệm vụ"
    assert format_heading("2.", "Nhiệm vụ") == "2. Nhiệm vụ"
    assert format_heading("3", "3. Về công tác cán bộ.") == "3. Về công tác cán bộ."
    assert format_heading(None, "Phần I") == "Phần I"
