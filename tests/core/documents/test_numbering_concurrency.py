"""Four processes issue 200 documents at once on one database (a SQLite file, a PostgreSQL server):
200 distinct consecutive numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

WORKER = r"""
import json, os, sys, time
from datetime import datetime, timedelta, timezone
from ketluan_desktop.core.db import open_database
from ketluan_desktop.core.documents import records as documents

path, go, ids = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3].split(",")]
db = open_database(path)
now = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))
while not os.path.exists(go):
    time.sleep(0.005)
out = []
started = time.time()
for doc_id in ids:
    with db.write_session() as s:
        doc = documents.issue(s, doc_id, now=now, username=f"may{os.getpid()}", count_pages=False)
        out.append([doc_id, doc.number, doc.number_symbol])
finished = time.time()
db.dispose()
print(json.dumps({"numbers": out, "started": started, "finished": finished}))
"""


@pytest.mark.slow
def test_200_numbers_from_4_processes_are_distinct_and_consecutive(db, office, now, tmp_path):
    from engines import target_of

    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import templates
    from ketluan_desktop.core.documents.models import Document, NumberSequence

    with db.write_session() as s:
        template = templates.new_draft(s, "KL", today=now.date())
        template.subject = "Kết luận thử đồng thời"
        template.sections[0].blocks[0].text = "Nội dung."
        ids = []
        for _ in range(200):
            draft = type(template).from_json(template.to_json())
            draft_store.save_draft(s, draft, now=now)
            ids.append(draft.doc_id)
    db.dispose()
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, target_of(db), str(go), ",".join(map(str, ids[i::4]))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(4)
    ]
    time.sleep(1.5)  # let every process open the database and wait at the line
    go.write_text("go")
    results, windows = [], []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        got = json.loads(out)
        results.extend(got["numbers"])
        windows.append((got["started"], got["finished"]))
    # They really ran at once: every process had started before the first one finished.
    assert max(start for start, _ in windows) < min(end for _, end in windows)
    numbers = sorted(n for _, n, _ in results)
    assert numbers == list(range(1, 201))
    assert len({sym for _, _, sym in results}) == 200
    assert {doc_id for doc_id, _, _ in results} == set(ids)
    with db.session() as s:
        seq = s.query(NumberSequence).one()
        assert seq.last_number == 200
        stored = {d.id: d.number for d in s.query(Document).filter(Document.id.in_(ids))}
    assert stored == {doc_id: n for doc_id, n, _ in results}
