"""The bulk write path of imports: same rows, same ids, same reports, same undo as one
editing operation per row — only faster.

``BULK_CHUNK`` is made tiny so that small files cross many chunk boundaries (rows of
earlier chunks are already inserted when a later row turns out to be bad).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from journeymapper import editing, interchange
from journeymapper.bench.generate import generate_workspace
from journeymapper.interchange import (
    ImportCancelled,
    ImportFailed,
    importing,
    measurements_csv,
    touchpoints_csv,
    workspace_json,
)
from journeymapper.model.document import Document
from journeymapper.model.enums import LaneKind
from journeymapper.model.errors import EditError
from journeymapper.model.tables import Workspace
from tests.conftest import dump, position_problems


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "BULK_CHUNK", 7)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated workspace with a vote round, a custom metric and a setting added."""
    path = generate_workspace(
        tmp_path_factory.mktemp("bulk") / "src.jmap",
        touchpoints=150,
        stages=5,
        annotations=40,
        measurements_per_touchpoint=3,
    )
    with Document.open(path) as doc:
        editing.add_metric(doc, "wait_time", "Wait time", 0, 120, unit=" min")
        editing.set_setting(doc, "health.max_emotion_gap", "3")
        tp = editing.set_measurement(doc, 5, "wait_time", 12.5, "2026-01-02", 30, "Queue log")
        round_id = editing.add_vote_round(doc, 1, "Workshop").created_id
        assert round_id is not None
        editing.vote(doc, round_id, "Ann", touchpoint_id=tp.changes.of("touchpoint").pop())
        editing.vote(doc, round_id, "Ben", annotation_id=3)
        editing.set_vote_round_state(doc, round_id, "closed")
    return path


def _json(path: Path) -> dict[str, Any]:
    with Document.open(path) as doc:
        return workspace_json.export_workspace(doc)


def _replay(doc: Document, data: dict[str, Any]) -> None:
    """The JSON import as it was before the bulk path: every item through editing.perform."""

    def run(op: str, **args: Any) -> Any:
        return editing.perform(session, op, **args).created_id

    with doc.transaction() as session:
        ws = data["workspace"]
        run("edit_workspace", name=ws["name"], author=ws["author"], description=ws["description"])
        session.exec(select(Workspace)).one().created_at = ws["created_at"]
        for key, value in sorted(data["settings"].items()):
            run("set_setting", key=key, value=value)
        for m in data["metrics"]:
            if not m["builtin"]:
                run("add_metric", **{k: v for k, v in m.items() if k != "builtin"})
        personas = {p["ref"]: run("add_persona", **_but(p, "ref")) for p in data["personas"]}
        found: dict[str, Any] = {}
        for n, j in enumerate(data["journeys"]):
            for kind, ids in _replay_journey(run, j, personas).items():
                found.update({f"{kind}:j{n + 1}/{ref}": i for ref, i in ids.items()})
        _replay_opportunities(run, data["opportunities"], found)


def _replay_opportunities(
    run: Callable[..., Any], opps: list[dict[str, Any]], found: dict[str, Any]
) -> None:
    """The opportunities of :func:`_replay` (format 3), link by link."""
    arg = {"pain_point": "annotation_id", "touchpoint": "touchpoint_id", "stage": "stage_id"}
    for o in opps:
        oid = run("add_opportunity", **_but(o, "ref", "links", "solutions", "targets"))
        for link in o["links"]:
            ((kind, ref),) = link.items()
            run("link_opportunity", opportunity_id=oid, **{arg[kind]: found[f"{kind}:{ref}"]})
        for sol in o["solutions"]:
            run("add_solution", opportunity_id=oid, **sol)
        for t in o["targets"]:
            place = {f"{k}_id": found[f"{k}:{t[k]}"] for k in ("touchpoint", "stage") if t[k]}
            run("add_target", opportunity_id=oid, **_but(t, "touchpoint", "stage"), **place)


def _replay_journey(
    run: Callable[..., Any], j: dict[str, Any], personas: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """One journey of :func:`_replay`, item by item; its refs → ids per kind."""
    jid = run(
        "add_journey",
        name=j["name"],
        persona_id=personas.get(j["persona"]),
        state=j["state"],
        description=j["description"],
    )
    stages = {s["ref"]: run("add_stage", journey_id=jid, **_but(s, "ref")) for s in j["stages"]}
    lanes = {}
    for ln in j["lanes"]:
        fields = _but(ln, "ref")
        if fields["kind"] != LaneKind.CHANNEL:
            del fields["channel_kind"], fields["is_support"]
        lanes[ln["ref"]] = run("add_lane", journey_id=jid, **fields)
    for c in j["text_cells"]:
        run(
            "set_text_cell",
            stage_id=stages[c["stage"]],
            lane_id=lanes[c["lane"]],
            text=c["text"],
        )
    tps = {}
    for t in j["touchpoints"]:
        fields = _but(t, "ref", "stage", "lane", "measurements")
        tid = run(
            "add_touchpoint",
            stage_id=stages[t["stage"]],
            lane_id=lanes[t["lane"]],
            **fields,
        )
        tps[t["ref"]] = tid
        for m in t["measurements"]:
            run(
                "set_measurement",
                touchpoint_id=tid,
                metric=m["metric"],
                value=m["value"],
                measured_on=m["date"],
                sample_size=m["sample_size"],
                source=m["source"],
            )
    anns = {}
    for a in j["annotations"]:
        anns[a["ref"]] = run(
            "add_annotation",
            kind=a["kind"],
            text=a["text"],
            touchpoint_id=tps.get(a["touchpoint"]),
            stage_id=stages.get(a["stage"]),
        )
    for r in j["vote_rounds"]:
        rid = run(
            "add_vote_round",
            journey_id=jid,
            name=r["name"],
            dots_per_participant=r["dots_per_participant"],
        )
        for v in r["votes"]:
            run(
                "vote",
                round_id=rid,
                participant=v["participant"],
                touchpoint_id=tps.get(v["touchpoint"]),
                annotation_id=anns.get(v["annotation"]),
            )
        run("set_vote_round_state", round_id=rid, state=r["state"])
    return {"pain_point": anns, "touchpoint": tps, "stage": stages}


def _but(obj: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in keys}


def test_json_import_writes_exactly_what_one_operation_per_item_wrote(
    source: Path, tmp_path: Path
) -> None:
    data = _json(source)
    (tmp_path / "w.json").write_text(workspace_json.dumps(data), encoding="utf-8")
    result = interchange.import_json_file(tmp_path / "w.json", tmp_path / "bulk.jmap")
    expected = tmp_path / "replay.jmap"
    with Document.create(expected) as doc:
        _replay(doc, data)
    assert dump(tmp_path / "bulk.jmap") == dump(expected)  # ids, positions and values
    assert result.counts["measurements"] == 451
    with Document.open(tmp_path / "bulk.jmap") as doc:
        assert position_problems(doc) == []
        assert workspace_json.export_workspace(doc) == data


def test_a_bad_value_deep_in_a_big_json_writes_nothing(source: Path, tmp_path: Path) -> None:
    data = _json(source)
    data["journeys"][0]["touchpoints"][140]["measurements"][1].update(metric="csat", value=9)
    data["journeys"][0]["touchpoints"][141]["emotion"] = 3
    (tmp_path / "w.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        interchange.import_json_file(tmp_path / "w.json", tmp_path / "out.jmap")
    assert failed.value.report.lines() == [
        "journeys[0].touchpoints[140].measurements[1]: "
        "CSAT must be from 1 to 5; 9 is out of range.",
        "journeys[0].touchpoints[141]: Emotion 3 is out of range: it must be from -2 to 2.",
        # as before the bulk path, what pointed at the refused card is reported too
        "journeys[0].annotations[3].touchpoint: There is no touchpoint with ref 't142'.",
        "journeys[0].annotations[3]: "
        "An annotation is pinned to exactly one touchpoint or one stage.",
        "opportunities[77].targets[0].touchpoint: There is no touchpoint with ref 'j1/t142' "
        "in this file.",
    ]
    assert not (tmp_path / "out.jmap").exists()


def _measurements_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["touchpoint", "metric", "value", "date", "sample size"])
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _titles(doc: Document) -> list[str]:
    return [r[0] for r in doc.rows("SELECT title FROM touchpoint ORDER BY id")]


def test_a_refused_value_deep_in_a_big_measurements_csv_writes_nothing(
    source: Path, tmp_path: Path
) -> None:
    path = shutil.copy(source, tmp_path / "w.jmap")
    with Document.open(path) as doc:
        titles = _titles(doc)
        rows: list[list[Any]] = [
            [titles[i % 150], "csat", 1 + i % 5, "2026-02-03", 10] for i in range(3000)
        ]
        rows[2900][2] = 9  # the editing rules refuse it, at write time
        rows[2950][4] = 0
        before = dump(doc)
        with pytest.raises(ImportFailed) as failed:
            measurements_csv.import_measurements(doc, _measurements_csv(rows), "m.csv")
        assert failed.value.report.lines() == [
            "line 2902, column 'value': CSAT must be from 1 to 5; 9 is out of range.",
            "line 2952, column 'sample size': A sample size must be 1 or more, not '0'.",
        ]
        assert dump(doc) == before


def test_measurements_import_is_one_exact_undo_step(source: Path, tmp_path: Path) -> None:
    path = shutil.copy(source, tmp_path / "w.jmap")
    with Document.open(path) as doc:
        titles = _titles(doc)
        rows = [
            [titles[i % 150], "nps", i % 100, f"2026-03-{1 + i % 28:02d}", ""] for i in range(400)
        ]
        before = dump(doc)
        result = measurements_csv.import_measurements(doc, _measurements_csv(rows), "m.csv")
        after = dump(doc)
        assert len(after["measurement"]) == len(before["measurement"]) + 400
        assert result.counts == {"measurements": 400}
        assert len(result.changes.of("measurement")) == 400
        redo = editing.apply(doc, result.inverse)
        assert dump(doc) == before
        editing.apply(doc, redo.inverse)
        assert dump(doc) == after


@pytest.mark.parametrize("existing", [True, False], ids=["existing journey", "new journey"])
def test_touchpoints_import_is_one_exact_undo_step(
    source: Path, tmp_path: Path, existing: bool
) -> None:
    path = shutil.copy(source, tmp_path / "w.jmap")
    with Document.open(path) as doc:
        header, rows = touchpoints_csv.export_rows(doc, 1)
        rows[3][1] = "A new lane"  # cards after existing ones, a new lane, new cards in it
        text = io.StringIO()
        csv.writer(text).writerows([header, *rows])
        before = dump(doc)
        result = touchpoints_csv.import_touchpoints(
            doc, text.getvalue().encode(), "t.csv", 1 if existing else None
        )
        assert result.counts["touchpoints"] == 150
        assert position_problems(doc) == []
        after = dump(doc)
        redo = editing.apply(doc, result.inverse)
        assert dump(doc) == before
        editing.apply(doc, redo.inverse)
        assert dump(doc) == after


def test_cancel_during_the_bulk_write_leaves_nothing(source: Path, tmp_path: Path) -> None:
    path = shutil.copy(source, tmp_path / "w.jmap")
    with Document.open(path) as doc:
        titles = _titles(doc)
        rows = [[titles[i % 150], "csat", 3, "2026-02-03", ""] for i in range(1000)]
        seen: list[int] = []

        def progress(done: int, total: int) -> None:
            seen.append(done)
            if done > total * 0.8:  # well into writing: chunks are already inserted
                raise ImportCancelled()

        before = dump(doc)
        with pytest.raises(ImportCancelled):
            measurements_csv.import_measurements(
                doc, _measurements_csv(rows), "m.csv", progress=progress
            )
        assert dump(doc) == before
        assert len(seen) > 5


def test_delete_measurements_refuses_an_unknown_id_and_changes_nothing(
    source: Path, tmp_path: Path
) -> None:
    path = shutil.copy(source, tmp_path / "w.jmap")
    with Document.open(path) as doc:
        before = dump(doc)
        with pytest.raises(EditError, match="There is no measurement with id 999999."):
            editing.delete_measurements(doc, [1, 2, 999999])
        assert dump(doc) == before
