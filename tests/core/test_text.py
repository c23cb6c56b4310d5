import unicodedata

from ketluan_desktop.core.text import clean, collation_key, fold, name_sort_key, two_digits


def test_fold_strips_marks_and_turns_d_bar_into_d():
    assert fold("Đảng ủy Khối các cơ quan tỉnh") == "dang uy khoi cac co quan tinh"
    assert fold("NGUYỄN VĂN TUẤN") == "nguyen van tuan"
    assert fold(unicodedata.normalize("NFD", "Chính trị")) == "chinh tri"


def test_clean_normalises_to_nfc_and_collapses_odd_spaces():
    nfd = unicodedata.normalize("NFD", "Hoàng\u00a0 Thanh   Hải ")
    assert clean(nfd) == "Hoàng Thanh Hải"
    assert unicodedata.is_normalized("NFC", clean(nfd))


def test_vietnamese_alphabetical_order_letters_before_tones():
    words = ["ơi", "ôm", "om", "đi", "di", "em", "êm", "ăn", "ân", "an", "anh", "àn", "án", "ạn"]
    ordered = sorted(words, key=collation_key)
    assert ordered == [
        "an",
        "àn",
        "án",
        "ạn",
        "anh",
        "ăn",
        "ân",
        "di",
        "đi",
        "em",
        "êm",
        "om",
        "ôm",
        "ơi",
    ]


def test_names_sort_by_given_name_then_family_and_middle():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Ánh", "Phạm Đức Anh", "Đỗ Thị Ân"]
    assert sorted(names, key=name_sort_key) == [
        "Nguyễn Thị An",
        "Phạm Đức Anh",
        "Lê Văn Ánh",
        "Đỗ Thị Ân",
        "Trần Văn Bình",
    ]


def test_counts_under_ten_have_two_digits():
    assert [two_digits(n) for n in (1, 4, 9, 10, 394)] == ["01", "04", "09", "10", "394"]
