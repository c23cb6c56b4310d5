from ketluan_desktop.core.text.normalize import (
    clean,
    collation_key,
    fold,
    name_sort_key,
    nfc,
    two_digits,
)

__all__ = ["clean", "collation_key", "fold", "name_sort_key", "nfc", "two_digits"]
