"""Origin links: a future-state copy names its originals; links survive undo/redo and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from journeymapper import editing, interchange
from journeymapper.analysis.compare import compare_documents
from journeymapper.editing.copy import duplicate_journey
from journeymapper.interchange import workspace_json
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, journey_ids, load_journey
from journeymapper.store.origins import load_origins
from journeymapper.templates import create_workspace
from tests.compare_support import tp_named


def _copy(path: Path) -> tuple[Document, int, int]:
    doc = create_workspace(path, "retail")
    current = journey_ids(doc)[0][0]
    future = duplicate_journey(doc, current, "Future").created_id
    assert future is not None
    return doc, current, future


def _named(doc: Document, journey: int) -> dict[str, set[tuple[str, str]]]:
    """Each origin link as (copy's name, original's name), per table: ids left out."""
    data = load_journey(doc, journey)
    origins = load_origins(doc, journey)
    names = {
        "stage": {s.id: s.name for s in data.stages},
        "lane": {ln.id: ln.name for ln in data.lanes},
        "touchpoint": {t.id: t.title for t in data.touchpoints.values()},
    }
    out: dict[str, set[tuple[str, str]]] = {}
    for table, links in zip(
        names, (origins.stages, origins.lanes, origins.touchpoints), strict=True
    ):

        def name_of(item_id: int, table: str = table) -> str:
            col = "title" if table == "touchpoint" else "name"
            rows = doc.rows(f"SELECT {col} FROM {table} WHERE id = ?", (item_id,))
            return rows[0][0] if rows else "?"

        out[table] = {(names[table][i], name_of(o)) for i, o in links.items()}
    return out


def test_duplicate_links_every_stage_lane_and_card(tmp_path: Path) -> None:
    doc, current, future = _copy(tmp_path / "w.jmap")
    with doc:
        a, b = load_journey(doc, current), load_journey(doc, future)
        origins = load_origins(doc, future)
        assert origins.stages == {sb.id: sa.id for sa, sb in zip(a.stages, b.stages, strict=True)}
        assert sorted(origins.lanes.values()) == sorted(ln.id for ln in a.lanes)
        assert sorted(origins.touchpoints.values()) == sorted(a.touchpoints)
        assert load_origins(doc, current).touchpoints == {}
        named = _named(doc, future)
        assert all(copy == orig for copy, orig in named["touchpoint"])
        # A rename on the copy is a change, not a removal plus an addition.
        editing.edit_touchpoint(doc, tp_named(b, "Till queue").id, title="Express till")
        result = compare_documents(doc, current, doc, future)
        assert [d.line() for d in result.differences] == [
            '~ changed touchpoint "Express till" (Purchase / Tills): '
            'title "Till queue" → "Express till"'
        ]
        assert result.matched_by["touchpoint"] == {"origin": 26}
        assert result.unmatched_line() == ""


def test_links_survive_undo_and_redo(tmp_path: Path) -> None:
    doc, current, future = _copy(tmp_path / "w.jmap")
    with doc:
        before = load_origins(doc, future)
        data = load_journey(doc, future)
        # Delete a card, then a whole stage (with its cards), then undo and redo both.
        undo_card = editing.delete_touchpoint(doc, tp_named(data, "Fitting rooms").id).inverse
        undo_stage = editing.delete_stage(doc, data.stages[0].id).inverse
        assert load_origins(doc, future) != before
        redo_stage = editing.apply(doc, undo_stage).inverse
        redo_card = editing.apply(doc, undo_card).inverse
        assert load_origins(doc, future) == before
        editing.apply(doc, redo_card)
        editing.apply(doc, redo_stage)
        assert len(load_origins(doc, future).touchpoints) == 26 - 1 - 3
        # Undo of the duplicate itself and its redo: the copy comes back linked.
        undo_copy = duplicate_journey(doc, current, "Second").inverse
        second = find_journey(doc, "Second")
        linked = _named(doc, second)
        assert len(linked["touchpoint"]) == 26
        assert all(copy == orig for table in linked.values() for copy, orig in table)
        redo_copy = editing.apply(doc, undo_copy).inverse
        assert "Second" not in dict((n, i) for i, n in journey_ids(doc))
        editing.apply(doc, redo_copy)
        assert _named(doc, find_journey(doc, "Second")) == linked


def test_links_survive_a_json_round_trip(tmp_path: Path) -> None:
    doc, current, future = _copy(tmp_path / "a.jmap")
    with doc:
        editing.edit_touchpoint(
            doc, tp_named(load_journey(doc, future), "Returns desk").id, title="Returns kiosk"
        )
        first = workspace_json.dumps(workspace_json.export_workspace(doc))
        names = _named(doc, future)
    data = json.loads(first)
    assert data["version"] >= 2  # origin links came with format 2
    stages = data["journeys"][1]["stages"]
    assert [s["origin"] for s in stages] == [f"j1/s{i + 1}" for i in range(len(stages))]
    assert "origin" not in data["journeys"][0]["stages"][0]
    (tmp_path / "a.json").write_text(first, "utf-8")
    interchange.import_json_file(tmp_path / "a.json", tmp_path / "b.jmap")
    with Document.open(tmp_path / "b.jmap", read_only=True) as copy:
        assert workspace_json.dumps(workspace_json.export_workspace(copy)) == first
        c_current, c_future = (jid for jid, _ in journey_ids(copy))
        assert _named(copy, c_future) == names
        result = compare_documents(copy, c_current, copy, c_future)
        assert [(d.kind, d.title) for d in result.differences] == [("changed", "Returns kiosk")]


def test_a_format_1_file_without_origins_is_still_read(tmp_path: Path) -> None:
    doc, _current, _future = _copy(tmp_path / "a.jmap")
    with doc:
        data = workspace_json.export_workspace(doc)
    data["version"] = 1
    data.pop("opportunities")  # format 3 added them: a format-1 file has none
    for journey in data["journeys"]:
        for key in ("stages", "lanes", "touchpoints"):
            for item in journey[key]:
                item.pop("origin", None)
    (tmp_path / "old.json").write_text(json.dumps(data), "utf-8")
    result = interchange.import_json_file(tmp_path / "old.json", tmp_path / "b.jmap")
    assert result.counts["touchpoints"] == 52
    with Document.open(tmp_path / "b.jmap", read_only=True) as copy:
        future = journey_ids(copy)[1][0]
        assert load_origins(copy, future).touchpoints == {}
        # Without links the two still pair, by stage + lane + title.
        result = compare_documents(copy, journey_ids(copy)[0][0], copy, future)
        assert result.identical
        assert result.matched_by["touchpoint"] == {"stage+lane+title": 26}
