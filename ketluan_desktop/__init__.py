"""KếtLuận Desktop — the office's meetings, conclusions, tasks and member procedures."""

__version__ = "0.1.0"
APP_NAME = "KetLuan"
APP_DISPLAY_NAME = "KếtLuận Desktop"
