"""The overview's page and what its first screen is folded with load without SQLAlchemy (issue 14):
the first screen can then be built from the plain ``sqlite3`` read while the ORM is still being
imported. The words and values they need live in modules of their own; the ORM modules re-export
them, so every other caller is unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys

FIRST_SCREEN_MODULES = (
    "ketluan_desktop.ui.workspaces.overview",
    "ketluan_desktop.ui.overview.page",
    "ketluan_desktop.core.overview.first_screen",
    "ketluan_desktop.core.overview.first_screen_sql",
    "ketluan_desktop.core.members.reminder_counts_sql",
)

PROBE = r"""
import json, sys
for name in sys.argv[1:]:
    __import__(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy")))
"""


def test_the_overview_page_and_its_first_screen_import_no_sqlalchemy():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *FIRST_SCREEN_MODULES],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert json.loads(r.stdout.strip().splitlines()[-1]) == []


def test_the_orm_modules_hand_out_the_same_objects():
    from ketluan_desktop.core import periods
    from ketluan_desktop.core.members import figures, reminder_rules, reminders
    from ketluan_desktop.core.members import overview as member_overview
    from ketluan_desktop.core.members import overview_values as member_values
    from ketluan_desktop.core.org import setting_defaults, settings
    from ketluan_desktop.core.overview import first_screen, screen
    from ketluan_desktop.core.tasks import (
        listing,
        models,
        overview,
        overview_values,
        task_groups,
        task_rows,
        task_states,
        vocabulary,
    )

    assert models.TaskStatus is vocabulary.TaskStatus and task_states.OVERDUE == vocabulary.OVERDUE
    assert task_states.state_label is vocabulary.state_label
    assert listing.TaskFilter is task_rows.TaskFilter and listing.to_rows is task_rows.to_rows
    assert task_groups.document_label is task_rows.document_label
    assert overview.TaskScope is overview_values.TaskScope
    assert overview.fold_overdue is overview_values.fold_overdue
    assert member_overview.ProcedureOverview is member_values.ProcedureOverview
    assert figures.report_periods is periods.report_periods
    assert reminders.rule_label is reminder_rules.rule_label
    assert settings.DEFAULTS is setting_defaults.DEFAULTS
    assert screen.assemble_first_screen is first_screen.assemble_first_screen
