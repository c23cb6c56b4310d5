"""The fixed shape of ``ketluan import --dry-run --json`` (issue 17): new keys may be added, none
removed or renamed. The keys below are the shape scripts in offices were written against."""

from __future__ import annotations

from importer_support import SAMPLE

from ketluan_desktop.core.importer import parse_file

TOP = ["source", "document", "meeting", "sections", "tasks", "citations", "figures", "recipients",
       "signer", "warnings"]  # fmt: skip
NESTED = {
    "source": {"encoding", "converted_from"},
    "document": {
        "type",
        "type_name",
        "number_symbol",
        "date",
        "place",
        "issuer",
        "parent_issuer",
        "title",
        "subject",
    },
    "meeting": {"body", "term", "session", "extended", "date"},
    "signer": {"authority", "title", "name"},
}
ITEMS = {
    "sections": {"number", "heading", "paragraphs", "bullets"},
    "tasks": {"section", "text"},
    "citations": {"kind", "number_symbol", "date", "issuer", "name"},
    "figures": {"kind", "count", "text"},
}


def test_every_existing_key_is_still_there() -> None:
    out = parse_file(SAMPLE).to_json_dict()
    assert list(out)[: len(TOP)] == TOP
    for key, fields in NESTED.items():
        assert fields <= set(out[key]), key
    for key, fields in ITEMS.items():
        assert out[key], key
        for item in out[key]:
            assert fields <= set(item), key
    assert all(isinstance(r, str) for r in out["recipients"])
    assert all(isinstance(w, str) for w in out["warnings"])
