"""The task tracker's screens: list view, task panel, dialogs, per-unit view, units in Settings."""
