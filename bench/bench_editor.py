"""How fluid typing is in a 10-page document, and how fast the live preview refreshes.

    python bench/bench_editor.py [--keys 400] [--renders 10] [--pages 10]

Builds a draft of at least ``--pages`` pages from the sample conclusion, opens the real editor
(offscreen), then:

* types ``--keys`` characters into a paragraph in the middle, one key event at a time, and times
  each from the key event to the model's update (the undo command pushed, the draft changed):
  target under 16 ms (one frame at 60 Hz); it also times the whole key event, with the citation
  underlining, and the event loop turn that lays the paragraph out again;
* asks the preview to refresh ``--renders`` times and times each from the request to the new PDF
  loaded in the view, rendered on the preview's worker thread: target under 300 ms (the 350 ms
  pause after the last keystroke that starts a refresh is not counted).

Exit status 0 when both medians meet their targets.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KEY_TARGET_MS = 16.0
PREVIEW_TARGET_MS = 300.0
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))


def _stats(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return (
        f"median {statistics.median(values):6.2f} ms · p95 {p95:6.2f} ms · "
        f"max {values[-1]:6.2f} ms (n={len(values)})"
    )


def build_draft(pages: int):
    from ketluan_desktop.core.documents.draft import Draft
    from ketluan_desktop.core.documents.rendering import sample_content
    from ketluan_desktop.core.render.pdf import render_pdf
    from ketluan_desktop.core.render.profile import HD36

    content = sample_content()
    content.is_draft = True
    content.number_symbol = None
    base = Draft.from_content(content)
    draft = Draft.from_json(base.to_json())
    while render_pdf(draft.to_content(), HD36).page_count < pages:
        for section in base.sections[1:]:
            draft.sections.append(section.copy(same_key=False))
    return draft


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=400)
    parser.add_argument("--renders", type=int, default=10)
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.demo import office
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.documents.opening import unsaved_document

    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KETLUAN_DATA_DIR"] = tmp
        db = open_database(Path(tmp) / "bench.db", create=True)
        with db.write_session() as s:
            office.build(s)
        ctx = AppContext(db, clock=lambda: NOW)
        draft = build_draft(args.pages)
        start = time.perf_counter()
        editor = unsaved_document(ctx, draft)
        editor.resize(1440, 900)
        editor.show()
        app.processEvents()
        while editor.profile is None:  # its layout, read on the runner (issue 14)
            app.processEvents()
            time.sleep(0.001)
        open_ms = (time.perf_counter() - start) * 1000
        editor.preview.render_now()
        editor.preview.wait()
        app.processEvents()
        pages = editor.preview.page_count
        blocks = sum(len(s.blocks) for s in draft.sections)
        words = draft.word_count()
        print(
            f"Document: {pages} pages, {len(draft.sections)} sections, {blocks} blocks, "
            f"{words} words; editor opened in {open_ms:.0f} ms"
        )

        # -- keystroke -> model update --------------------------------------------------------
        middle = draft.sections[len(draft.sections) // 2]
        block = max(middle.blocks, key=lambda b: len(b.text))
        edit = editor.body_view.row(block.key).edit
        editor.body_view.focus_key(block.key, len(block.text) // 2)
        app.processEvents()
        stamp: dict[str, float] = {}

        def on_update(*_a) -> None:
            stamp.setdefault("model", time.perf_counter())

        editor.model.body.dataChanged.connect(on_update)
        to_model, whole_event, with_layout = [], [], []
        text = "đồng chí Nguyễn Văn Tuấn thực hiện Nghị quyết số 28-NQ/TU "
        for i in range(args.keys):
            ch = text[i % len(text)]
            stamp.clear()
            t0 = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )
            t1 = time.perf_counter()
            editor.preview._timer.stop()  # keep the preview out of the typing figures
            app.processEvents()
            t2 = time.perf_counter()
            if "model" in stamp:
                to_model.append((stamp["model"] - t0) * 1000)
            whole_event.append((t1 - t0) * 1000)
            with_layout.append((t2 - t0) * 1000)
        assert len(to_model) == args.keys, "some keystrokes did not reach the model"
        assert block.text.count("Nguyễn Văn Tuấn") >= 1
        print(f"Keystroke → model update     : {_stats(to_model)}")
        print(f"Keystroke, whole key event   : {_stats(whole_event)}")
        print(f"Keystroke + layout and paint : {_stats(with_layout)}")
        print(
            f"Undo steps for {args.keys} keys     : {editor.stack.count()} "
            "(typing merges until a 2 s pause or 6 s of typing)"
        )

        # -- preview refresh -------------------------------------------------------------------
        renders, render_only = [], []
        for _ in range(args.renders):
            done = {}
            editor.preview.rendered.connect(
                lambda p, s, d=done: d.setdefault("t", time.perf_counter())
            )
            t0 = time.perf_counter()
            editor.preview.render_now()
            while "t" not in done:
                app.processEvents()
                time.sleep(0.001)
            renders.append((done["t"] - t0) * 1000)
            render_only.append(editor.preview.last_seconds * 1000)
            editor.preview.rendered.disconnect()
        print(
            f"Preview refresh (request → PDF in view, {editor.preview.page_count} pages): "
            f"{_stats(renders)}"
        )
        print(f"   of which rendering on the worker thread  : {_stats(render_only)}")

        key_med = statistics.median(to_model)
        prev_med = statistics.median(renders)
        ok = key_med < KEY_TARGET_MS and prev_med < PREVIEW_TARGET_MS
        print(
            f"Targets: keystroke {key_med:.2f} / {KEY_TARGET_MS:.0f} ms "
            f"(×{KEY_TARGET_MS / key_med:.0f} margin), preview {prev_med:.0f} / "
            f"{PREVIEW_TARGET_MS:.0f} ms (×{PREVIEW_TARGET_MS / prev_med:.1f} margin): "
            + ("met" if ok else "NOT met")
        )
        editor.stack.setClean()
        editor.shutdown()
        editor.hide()
        db.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
