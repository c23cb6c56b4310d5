"""The signing screens with the runner's real thread (issue 14, «the UI thread only paints»): the
signing dialog's data, a signed document's check and its PDF, the settings tab's lists, images
and preview, the test-certificate dialog's names — read and written on the runner's thread, no
SQL on the UI thread; the actions and buttons off while their job runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from signing_ui_support import ORG, PASSWORD, SIGNER, signatures

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_signing_reads_and_writes_off_the_ui_thread(
    real_runner, allow_ui_stall, make_window, demo_db, pki, secrets, shown_dialogs, tmp_path,
    qtbot, monkeypatch, ui_thread_reads, unwatched,
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    from ketluan_desktop.core.signing.certs import make_test_seal_image
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.settings_dialog import SettingsDialog
    from ketluan_desktop.ui.signing.test_cert_dialog import TestCertificateDialog

    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner, acts = w.ctx.runner, w.signing
    w.show_workspace("meetings")
    qtbot.waitUntil(lambda: acts.selected_document() is not None and not runner.busy)
    settings = SettingsDialog(w.ctx, w)  # its other tabs are not this change's
    tab = settings.signing_tab
    qtbot.waitUntil(lambda: tab.loaded and not runner.busy)
    watching["on"] = True

    # Settings → Chữ ký số: a trusted root and the office's seal image, added and shown.
    picks = [str(pki.signer_ca)]
    monkeypatch.setattr(dialogs, "get_open_file", lambda *a: picks.pop(0))
    qtbot.mouseClick(tab.add_root_button, Qt.MouseButton.LeftButton)
    assert not tab.add_root_button.isEnabled()  # until it is written: one root per click
    qtbot.waitUntil(lambda: tab.roots_model.rowCount() == 1 and not runner.busy)
    assert "Đã thêm vào danh sách tin cậy" in shown_dialogs[-1][1]
    seal = tmp_path / "con-dau.png"
    seal.write_bytes(make_test_seal_image(ORG))
    picks.append(str(seal))
    tab.image_kind.setCurrentIndex(1)
    assert tab.image_name.text() == ORG  # the suggested name, read with the settings
    qtbot.mouseClick(tab.add_image_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.images_model.rowCount() == 1 and not runner.busy)
    tab.images_view.selectRow(0)
    qtbot.waitUntil(lambda: not tab.image_preview.pixmap().isNull() and not runner.busy)
    assert seen == []

    # «Ký số…»: the document read on the runner, then the dialog; signed with a .p12 file.
    acts.act_sign.trigger()
    assert not acts.act_sign.isEnabled()  # until the document has been read
    qtbot.waitUntil(lambda: ("dialog", "SignDialog") in shown_dialogs and not runner.busy)
    d = acts.sign_dialog
    assert d.kind_signer.isChecked() and d.output.text().endswith("_da-ky.pdf")
    assert acts.act_sign.isEnabled()
    d.p12_path.setText(str(pki.signer_p12))
    out = tmp_path / "da-ky.pdf"
    d.output.setText(str(out))
    secrets[0].append(PASSWORD)
    qtbot.mouseClick(d.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.result() == QDialog.DialogCode.Accepted and not runner.busy)
    assert unwatched(signatures, demo_db) == [("signer", SIGNER)] and out.exists()

    # Its check, and its signed PDF saved.
    acts.act_check_document.trigger()
    qtbot.waitUntil(
        lambda: (
            acts.verify_window is not None
            and acts.verify_window.model.rowCount() == 1
            and not runner.busy
        )
    )
    assert "105-KL/ĐUK" in acts.verify_window.file_label.text()
    target = tmp_path / "ban-da-ky"
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(target))
    acts.act_save_signed.trigger()
    assert not acts.act_save_signed.isEnabled()
    qtbot.waitUntil(lambda: Path(f"{target}.pdf").exists() and not runner.busy)
    assert Path(f"{target}.pdf").read_bytes()[:5] == b"%PDF-"

    # The test-certificate dialog: «Tạo» off until the suggested names are there.
    make = TestCertificateDialog(w.ctx, w)
    assert not make.create_button.isEnabled()
    qtbot.waitUntil(lambda: make.create_button.isEnabled() and not runner.busy)
    assert (make.name.text(), make.org.text()) == (SIGNER, ORG)
    watching["on"] = False
    assert seen == []
    runner.wait(10_000)
