"""Ký số: signing issued documents, checking the signatures of any PDF, the signing settings.

``actions.install(window)`` is the one hook the main window calls; everything else is reached
from the actions it adds (the "Ký số" menu, the documents list's context menu, Công cụ → Kiểm tra
chữ ký…) and from the "Chữ ký số" tab of the settings dialog.
"""
