"""The service blueprint through workspace JSON (format 4) and the touchpoints CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from journeymapper import interchange
from journeymapper.interchange import ImportReport, touchpoints_csv, workspace_json
from journeymapper.interchange.workspace_schema import check_document
from journeymapper.model.document import Document
from journeymapper.store.blueprint_queries import journey_view
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace


def _cards(doc: Document) -> list[tuple[object, ...]]:
    """Every card with its place, lane kind and step fields (no ids)."""
    return sorted(
        doc.rows(
            "SELECT s.name, l.name, l.kind, t.title, t.owner, t.system, t.duration_min, "
            "t.wait_min, t.failure_point FROM touchpoint t JOIN stage s ON s.id = t.stage_id "
            "JOIN lane l ON l.id = t.lane_id"
        )
    )


def _connectors(doc: Document) -> list[tuple[object, ...]]:
    return sorted(
        doc.rows(
            "SELECT a.title, b.title, c.kind, c.label FROM connector c "
            "JOIN touchpoint a ON a.id = c.source_id JOIN touchpoint b ON b.id = c.target_id"
        )
    )


def test_json_round_trip_keeps_steps_connectors_and_the_view(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "a.jmap", "hotel_blueprint") as doc:
        first = workspace_json.dumps(workspace_json.export_workspace(doc))
        cards, connectors = _cards(doc), _connectors(doc)
    data = json.loads(first)
    assert data["version"] == 4
    (journey,) = data["journeys"]
    assert journey["view"] == "blueprint" and len(journey["connectors"]) == 15
    assert not any(k.startswith("view.") for k in data["settings"])
    step = next(t for t in journey["touchpoints"] if t["title"] == "Deliver the tray")
    assert (step["wait_min"], step["failure_point"]) == (45, True)
    plain = next(t for t in journey["touchpoints"] if t["title"] == "Mobile key")
    assert "system" not in plain  # plain touchpoints look as they did in format 3
    (tmp_path / "a.json").write_text(first, "utf-8")
    interchange.import_json_file(tmp_path / "a.json", tmp_path / "b.jmap")
    with Document.open(tmp_path / "b.jmap", read_only=True) as copy:
        assert workspace_json.dumps(workspace_json.export_workspace(copy)) == first
        assert _cards(copy) == cards and _connectors(copy) == connectors
        assert journey_view(copy, find_journey(copy, None)) == "blueprint"


def test_json_refuses_bad_connectors_and_reads_format_2(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "a.jmap", "hotel_blueprint") as doc:
        data = workspace_json.export_workspace(doc)
    data["journeys"][0]["connectors"].append({"from": "t1", "to": "t999", "kind": "flow"})
    data["journeys"][0]["connectors"].append({"from": "t1", "to": "t2", "kind": "teleport"})
    data["journeys"][0]["connectors"].append({"from": "t1"})
    report = ImportReport("x.json")
    check_document(data, "x.json", report)
    assert [p.reason for p in report.problems] == ["A connector needs a 'to'."]
    data["journeys"][0]["connectors"].pop()
    (tmp_path / "bad.json").write_text(json.dumps(data), "utf-8")
    try:
        interchange.import_json_file(tmp_path / "bad.json", tmp_path / "bad.jmap")
    except interchange.ImportFailed as exc:
        text = str(exc)
    else:
        raise AssertionError("a bad connector was imported")
    assert "There is no touchpoint with ref 't999'" in text
    assert "A connector's kind must be one of flow, handoff, dependency" in text
    assert not (tmp_path / "bad.jmap").exists()
    # A format-2 file (no blueprint fields) still imports.
    with create_workspace(tmp_path / "r.jmap", "retail") as doc:
        old = workspace_json.export_workspace(doc)
    old["version"] = 2
    old.pop("opportunities", None)  # a format-2 file has no portfolio (format 3)
    (tmp_path / "old.json").write_text(json.dumps(old), "utf-8")
    interchange.import_json_file(tmp_path / "old.json", tmp_path / "old.jmap")


def test_csv_layer_column_round_trip(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "a.jmap", "hotel_blueprint") as doc:
        journey = find_journey(doc, None)
        text = touchpoints_csv.export_touchpoints(doc, journey)
        header = text.splitlines()[0].split(",")
        assert header[:10] == ["stage", "lane", "channel kind", "title", "description",
                               "interaction", "emotion", "evidence", "owner", "layer"]  # fmt: skip
        rows = text.splitlines()[1:]
        assert len(rows) == 25
        assert any(",backstage," in r and "Assign a clean room" in r for r in rows)
        places = sorted(
            (t.title, ln.name, ln.kind)
            for data in [load_journey(doc, journey)]
            for t in data.touchpoints.values()
            for ln in data.lanes
            if ln.id == t.lane_id
        )
    (tmp_path / "bp.csv").write_text(text, "utf-8")
    result = interchange.import_csv_file(tmp_path / "bp.csv", tmp_path / "b.jmap")
    assert result.counts["touchpoints"] == 25
    with Document.open(tmp_path / "b.jmap", read_only=True) as copy:
        data = load_journey(copy, find_journey(copy, None))
        lanes = {ln.id: ln for ln in data.lanes}
        assert (
            sorted(
                (t.title, lanes[t.lane_id].name, lanes[t.lane_id].kind)
                for t in data.touchpoints.values()
            )
            == places
        )
        assert touchpoints_csv.export_touchpoints(copy, data.id) == text


def test_csv_layer_mismatch_and_unknown_layer_are_refused(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "a.jmap", "hotel_blueprint") as doc:
        journey = find_journey(doc, None)
        before = len(load_journey(doc, journey).touchpoints)
        csv = (
            "stage,lane,title,layer\n"
            "Check-in,Housekeeping & kitchen,Swap rooms,frontstage\n"
            "Check-in,Night desk,Night check,the cellar\n"
            "Check-in,Night desk 2,Night key,Support processes\n"
        )
        plan = touchpoints_csv.plan_touchpoints(
            csv.encode(), "x.csv", load_journey(doc, journey), load_journey(doc, journey).metrics
        )
        messages = [p.reason for p in plan.report.problems]
        assert messages[0] == (
            "The lane 'Housekeeping & kitchen' is a backstage lane, but this row says frontstage."
        )
        assert "'the cellar' is not a blueprint layer" in messages[1]
        assert len(messages) == 2
        assert plan.new_lanes == [("Night desk 2", "support_process")]
        assert len(load_journey(doc, journey).touchpoints) == before


def _steps(doc: Document) -> list[tuple[object, ...]]:
    """Cards with their step fields, failure point as a plain flag (unset reads as no)."""
    return sorted((*r[:-1], bool(r[-1])) for r in _cards(doc))


def test_csv_step_columns_round_trip_and_older_files_still_import(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "a.jmap", "hotel_blueprint") as doc:
        text = touchpoints_csv.export_touchpoints(doc, find_journey(doc, None))
        steps = _steps(doc)
    table = list(csv.reader(io.StringIO(text)))
    header = table[0]
    at = header.index("layer")
    assert header[at : at + 5] == ["layer", "system", "duration min", "wait min", "failure point"]
    tray = next(r for r in table if "Deliver the tray" in r)
    assert tray[at + 3 : at + 5] == ["45", "yes"]
    assert any(s[5] for s in steps) and any(s[6] is not None for s in steps)  # fields to lose
    (tmp_path / "bp.csv").write_text(text, "utf-8")
    interchange.import_csv_file(tmp_path / "bp.csv", tmp_path / "b.jmap")
    with Document.open(tmp_path / "b.jmap", read_only=True) as copy:
        assert _steps(copy) == steps
        assert touchpoints_csv.export_touchpoints(copy, find_journey(copy, None)) == text
    # A CSV written before the step columns existed imports as it did: no step fields.
    old = io.StringIO()
    csv.writer(old).writerows(r[: at + 1] for r in table)
    (tmp_path / "old.csv").write_text(old.getvalue(), "utf-8")
    interchange.import_csv_file(tmp_path / "old.csv", tmp_path / "c.jmap")
    with Document.open(tmp_path / "c.jmap", read_only=True) as copy:
        assert [s[:5] for s in _steps(copy)] == [s[:5] for s in steps]
        assert all(s[5:] == (None, None, None, False) for s in _steps(copy))


def test_csv_bad_step_cells_are_refused_by_column(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "a.jmap", "hotel_blueprint") as doc:
        journey = load_journey(doc, find_journey(doc, None))
        csv = (
            "stage,lane,title,layer,Wait (min),Failure point,Duration\n"
            "Check-in,Night desk,Night check,backstage,-3,maybe,5\n"
            'Check-in,Night desk,Night key,backstage,"2,5",x,1e9\n'
            "Check-in,Night desk,Night lamp,backstage,12,no,\n"
            'Check-in,Night desk,Night bell,backstage,"2,5",Yes,\n'
        )
        plan = touchpoints_csv.plan_touchpoints(csv.encode(), "x.csv", journey, journey.metrics)
    problems = [(p.line, p.column, p.reason) for p in plan.report.problems]
    assert problems == [
        (2, "Wait (min)", "Wait '-3' must be a number of minutes from 0 to 43200."),
        (2, "Failure point", "Failure point 'maybe' must be yes or no (or empty)."),
        (3, "Duration", "Duration '1e9' must be a number of minutes from 0 to 43200."),
    ]
    lamp, bell = plan.rows
    assert lamp.fields["wait_min"] == 12 and "failure_point" not in lamp.fields
    assert (bell.fields["wait_min"], bell.fields["failure_point"]) == (2.5, True)


def test_blueprint_fields_in_a_file_older_than_format_4_are_refused(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "a.jmap", "hotel_blueprint") as doc:
        data = workspace_json.export_workspace(doc)
    assert check_document(data, "x.json", ImportReport("x.json")) == 4
    data["version"] = 3
    journey = data["journeys"][0]
    layer = next(i for i, ln in enumerate(journey["lanes"]) if ln.get("kind") == "backstage")
    tray = next(i for i, t in enumerate(journey["touchpoints"]) if t["title"] == "Deliver the tray")
    report = ImportReport("x.json")
    check_document(data, "x.json", report)
    found = {p.column: p.reason for p in report.problems}
    since = "added in format 4, but this file says it is format 3."
    assert found["journeys[0].view"] == f"'view' is a service blueprint field, {since}"
    assert found["journeys[0].connectors"] == f"'connectors' is a service blueprint field, {since}"
    assert found[f"journeys[0].lanes[{layer}].kind"] == (
        f"The lane kind 'backstage' is a service blueprint layer, {since}"
    )
    assert found[f"journeys[0].touchpoints[{tray}].wait_min"].startswith("'wait_min' is a service")
    assert not any(".connectors[" in where for where in found)  # the list is refused whole
    (tmp_path / "old.json").write_text(json.dumps(data), "utf-8")
    try:
        interchange.import_json_file(tmp_path / "old.json", tmp_path / "old.jmap")
    except interchange.ImportFailed as exc:
        where = {p.column for p in exc.report.problems}
        assert f"journeys[0].touchpoints[{tray}].failure_point" in where
    else:
        raise AssertionError("a format-3 file with blueprint fields was imported")
    assert not (tmp_path / "old.jmap").exists()


def test_the_column_mapping_offers_the_layer_and_step_fields() -> None:
    from journeymapper.interchange.mapping.suggest import suggest

    header = ["Etappe", "Kanal", "Titel", "Ebene", "Wartezeit", "Dauer", "System", "Fail point"]
    assert [s.field for s in suggest([header], [], "touchpoints")] == [
        "stage", "lane", "title", "layer", "wait min", "duration min", "system", "failure point",
    ]  # fmt: skip
