"""The read for a diff: the same comparison as from the full read, in one query per table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.analysis.compare import compare, compare_documents, read_pair, read_side
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.store.diff_read import read_for_diff
from journeymapper.store.journey_data import load_journey
from tests.compare_support import future_pair, tp_named


def _full(doc_a: Document, a: int, doc_b: Document, b: int) -> dict:
    from journeymapper.store.origins import share_ids

    return compare(
        read_side(doc_a, a), read_side(doc_b, b), linked=share_ids(doc_a, doc_b)
    ).to_dict()


def test_the_diff_read_gives_the_same_comparison_as_the_full_read(tmp_path: Path) -> None:
    doc, current, future = future_pair(tmp_path / "retail.jmap")
    with doc:
        data = load_journey(doc, future)
        pages = tp_named(data, "Product pages").id
        # Two values on one day: the one written last (highest id) is the latest.
        editing.set_measurement(doc, pages, "ces", 6, "2031-02-01", sample_size=3)
        editing.set_measurement(doc, pages, "ces", 2, "2031-02-01", sample_size=3)
        editing.set_text_cell(doc, data.stages[0].id, _text_lane(data), "Where is it?")
        fast = compare_documents(doc, current, doc, future).to_dict()
        assert fast == _full(doc, current, doc, future)
        ces = [m for m in fast["metric_deltas"] if m["metric"] == "ces"]
        assert any(m["after"] == 2 for m in ces)
        text = next(d for d in fast["differences"] if d["item"] == "text")
        assert text["cell_b"] == [data.stages[0].id, _text_lane(data)]  # where the view marks it
        assert text["fields"][0]["after"] == "Where is it?"
        side_a, side_b = read_pair(doc, current, doc, future)
        full_b = load_journey(doc, future)
        assert side_b.data.touchpoints[pages].latest == full_b.touchpoints[pages].latest
        assert [s.name for s in side_a.data.stages] == [
            s.name for s in load_journey(doc, current).stages
        ]


def test_across_two_files_and_with_itself(tmp_path: Path) -> None:
    doc, current, future = future_pair(tmp_path / "retail.jmap")
    doc.close()
    shutil.copyfile(tmp_path / "retail.jmap", tmp_path / "copy.jmap")
    with Document.open(tmp_path / "retail.jmap") as a, Document.open(tmp_path / "copy.jmap") as b:
        assert compare_documents(a, current, b, future).to_dict() == _full(a, current, b, future)
        assert compare_documents(a, future, a, future).identical


def test_one_query_per_table_for_both_journeys(tmp_path: Path, monkeypatch) -> None:
    doc, current, future = future_pair(tmp_path / "retail.jmap")
    seen: list[str] = []
    rows = Document.rows

    def counted(self: Document, sql: str, params: tuple = ()) -> list:
        seen.append(sql.split(" FROM ")[1].split()[0] if " FROM " in sql else sql)
        return rows(self, sql, params)

    with doc:
        monkeypatch.setattr(Document, "rows", counted)
        read_for_diff(doc, (current, future))
    tables = [t for t in seen if not t.startswith("PRAGMA")]
    assert sorted(tables) == sorted(
        ["journey", "workspace", "metric_definition", "stage", "lane", "touchpoint",
         "measurement", "annotation", "text_cell"]
    )  # fmt: skip


def test_an_unknown_journey_is_named(tmp_path: Path) -> None:
    doc, current, _future = future_pair(tmp_path / "retail.jmap")
    with doc, pytest.raises(DocumentError, match="no journey with id 999"):
        read_for_diff(doc, (current, 999))


def _text_lane(data) -> int:  # type: ignore[no-untyped-def]
    return next(ln.id for ln in data.lanes if ln.kind == "text")
