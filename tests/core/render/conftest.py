"""Fixtures of the renderer's tests: the sample conclusion, a one-page notice, a long document."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

# The helpers beside this file are plain modules; pytest's importlib mode does not put this folder
# on the path, so do it once here (as the signing tests do).
sys.path.insert(0, str(Path(__file__).parent))

from render_samples import build_sample

from ketluan_desktop.core.documents.content import DocumentContent, Section
from ketluan_desktop.core.render.profile import HD36, LayoutProfile


@pytest.fixture
def sample() -> DocumentContent:
    return build_sample()


@pytest.fixture
def profile() -> LayoutProfile:
    return HD36


@pytest.fixture
def short_doc() -> DocumentContent:
    """A one-page notice: the opening paragraph and two bullets."""
    doc = build_sample()
    doc.type_code = "TB"
    doc.number_symbol = "05-TB/ĐUK"
    doc.subject = "về việc tổ chức Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 20"
    doc.sections = [
        Section(None, None, [doc.sections[0].blocks[0]]),
        Section("1", "Thời gian, địa điểm", [doc.sections[2].blocks[1], doc.sections[2].blocks[2]]),
    ]
    doc.recipients = doc.recipients[:3]
    return doc


@pytest.fixture
def long_doc() -> DocumentContent:
    """The sample with its sections twice over: five pages or more."""
    doc = build_sample()
    extra = copy.deepcopy(doc.sections[1:])
    for i, s in enumerate(extra, start=len(doc.sections)):
        s.number = str(i)
    doc.sections += extra
    return doc
