"""Workspace JSON: lossless round trips (fixed and random workspaces) and broken files."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper import editing, interchange
from journeymapper.cli import main
from journeymapper.editing.copy import duplicate_journey
from journeymapper.interchange import ImportFailed, touchpoints_csv, workspace_json
from journeymapper.interchange.files import into_new_workspace
from journeymapper.model.document import Document
from journeymapper.model.tables import ALL_TABLES
from journeymapper.store.journey_data import load_journey
from journeymapper.store.order_keys import RANK_OF_T
from tests.conftest import blank_map

DATA = Path(__file__).parent / "data" / "csv"


def _rich_workspace(path: Path) -> Document:
    """The blank template plus one of everything a workspace can hold."""
    doc, journey, stages, lanes = blank_map(path)
    a = editing.add_touchpoint(
        doc, stages[0], lanes["Website"], "Landing", emotion=2, colour="#aabbcc", owner="Web"
    ).created_id
    b = editing.add_touchpoint(
        doc,
        stages[1],
        lanes["Store"],
        "Visit",
        description="x\ny",
        interaction="indirect",
        evidence="assumed",
    ).created_id
    editing.add_metric(doc, "trust", "Trust index", 0, 10, unit="pts", higher_is_better=False)
    editing.set_measurement(doc, a, "csat", 4.25, "2026-01-02", sample_size=10, source="S")
    editing.set_measurement(doc, a, "trust", 3, "2026-01-02")
    editing.set_measurement(doc, a, "csat", 4.0, "2026-01-01")
    editing.set_text_cell(doc, stages[2], lanes["Thoughts"], "Why so slow?")
    note = editing.add_annotation(doc, "pain_point", "Slow", touchpoint_id=b).created_id
    editing.add_annotation(doc, "idea", "Loyalty", stage_id=stages[3])
    persona = editing.add_persona(doc, "Busy parent", goals="Time", colour="#112233").created_id
    editing.edit_journey(doc, journey, persona_id=persona, description="Main")
    rnd = editing.add_vote_round(doc, journey, "Workshop", dots_per_participant=2).created_id
    editing.vote(doc, rnd, "Ann", touchpoint_id=a)
    editing.vote(doc, rnd, "Ann", annotation_id=note)
    editing.set_vote_round_state(doc, rnd, "closed")
    editing.edit_stage(doc, stages[0], width=400.0, colour="#123456", description="First")
    editing.edit_lane(doc, lanes["Store"], height=150.0, is_support=True)
    editing.set_setting(doc, "health.min_csat", "3.5")
    editing.edit_workspace(doc, author="Me", description="Demo")
    duplicate_journey(doc, journey, "Future")
    return doc


def _content(doc: Document) -> dict[str, list[str]]:
    """Every row of every table without its ids (which a copy need not keep)."""
    out = {}
    for table in ALL_TABLES:
        name = table.__tablename__  # type: ignore[attr-defined]
        cols = [c.name for c in table.__table__.columns if not c.name.endswith("id")]  # type: ignore[attr-defined]
        if name == "touchpoint":  # a card's place is its rank: its key is any integer
            cols = [RANK_OF_T if c == "position" else c for c in cols]
        rows = doc.rows(f"SELECT {', '.join(cols) or '1'} FROM {name} t")  # link tables: ids only
        out[name] = sorted(repr(r) for r in rows)
    return out


def test_export_import_export_is_identical(tmp_path: Path) -> None:
    with _rich_workspace(tmp_path / "a.jmap") as doc:
        first = workspace_json.dumps(workspace_json.export_workspace(doc))
        workspace_json.write_workspace_json(doc, tmp_path / "a.json")
    assert (tmp_path / "a.json").read_text("utf-8") == first
    result = interchange.import_json_file(tmp_path / "a.json", tmp_path / "b.jmap")
    assert result.counts["touchpoints"] == 4
    with (
        Document.open(tmp_path / "b.jmap", read_only=True) as copy,
        Document.open(tmp_path / "a.jmap", read_only=True) as doc,
    ):
        assert workspace_json.dumps(workspace_json.export_workspace(copy)) == first
        assert _content(copy) == _content(doc)
    data = json.loads(first)
    assert data["format"] == "journeymapper-workspace" and data["version"] == 4
    assert [j["name"] for j in data["journeys"]] == ["Journey", "Future"] or len(
        data["journeys"]
    ) == 2
    assert data["journeys"][0]["vote_rounds"][0]["votes"] == [
        {"participant": "Ann", "touchpoint": "t1", "annotation": None},
        {"participant": "Ann", "touchpoint": None, "annotation": "a1"},
    ]


def test_cli_json_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _rich_workspace(tmp_path / "a.jmap").close()
    assert main(["export", "json", str(tmp_path / "a.jmap"), "-o", str(tmp_path / "a.json")]) == 0
    assert main(["import", "json", str(tmp_path / "a.json"), "-o", str(tmp_path / "b")]) == 0
    assert (tmp_path / "b.jmap").exists()
    assert main(["export", "json", str(tmp_path / "b.jmap"), "-o", str(tmp_path / "b.json")]) == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    capsys.readouterr()


def _json_failure(tmp_path: Path, content: str | bytes) -> list[str]:
    src = tmp_path / "in.json"
    src.write_bytes(content if isinstance(content, bytes) else content.encode())
    target = tmp_path / "out.jmap"
    with pytest.raises(ImportFailed) as info:
        interchange.import_json_file(src, target)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]
    return info.value.report.lines()


def _minimal(**journey: Any) -> dict[str, Any]:
    return {
        "format": "journeymapper-workspace",
        "version": 1,
        "workspace": {"name": "W"},
        "journeys": [{"name": "J", **journey}],
    }


def test_broken_json_files(tmp_path: Path) -> None:
    assert _json_failure(tmp_path, '{"format": ') == [
        "line 1: in.json is not valid JSON: Expecting value."
    ]
    assert _json_failure(tmp_path, "[1, 2]") == [
        "in.json is JSON, but not a Journey Mapper workspace export."
    ]
    assert _json_failure(tmp_path, b"") == ["in.json is empty: there is nothing to import."]
    newer = dict(_minimal(), version=7)
    assert _json_failure(tmp_path, json.dumps(newer)) == [
        "version: in.json was made by a newer Journey Mapper (format 7; this version "
        "reads up to 4). Update Journey Mapper to import it."
    ]


def test_structural_problems_are_listed_with_their_path(tmp_path: Path) -> None:
    bad = _minimal(
        stages=[{"ref": "s1", "name": "S", "width": "wide"}],
        lanes=[{"ref": "l1", "name": "L", "colour": "#fff"}],
        touchpoints=[{"ref": "t1", "stage": "s1", "lane": "l1", "emotion": 1.5}],
    )
    assert _json_failure(tmp_path, json.dumps(bad)) == [
        'journeys[0].stages[0].width: Must be a number, not "wide".',
        "journeys[0].lanes[0].colour: Unknown field 'colour' in a lane.",
        "journeys[0].touchpoints[0].title: A touchpoint needs a 'title'.",
        "journeys[0].touchpoints[0].emotion: Must be a whole number or null, not 1.5.",
    ]


def test_rule_violations_and_bad_refs_are_all_listed(tmp_path: Path) -> None:
    bad = _minimal(
        stages=[{"ref": "s1", "name": "S"}],
        lanes=[{"ref": "l1", "name": "L", "kind": "channel", "channel_kind": "online"}],
        touchpoints=[
            {"ref": "t1", "stage": "s1", "lane": "l1", "title": "A", "emotion": 3},
            {"ref": "t2", "stage": "s9", "lane": "l1", "title": "B"},
            {
                "ref": "t3",
                "stage": "s1",
                "lane": "l1",
                "title": "C",
                "measurements": [{"metric": "csat", "value": 6, "date": "2026-01-01"}],
            },
        ],
    )
    assert _json_failure(tmp_path, json.dumps(bad)) == [
        "journeys[0].touchpoints[0]: Emotion 3 is out of range: it must be from -2 to 2.",
        "journeys[0].touchpoints[1].stage: There is no stage with ref 's9'.",
        "journeys[0].touchpoints[2].measurements[0]: CSAT must be from 1 to 5; 6 is out of range.",
    ]


# -- property tests: random workspaces ----------------------------------------------------------

_name = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=10)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
#: Free text as a spreadsheet holds it (newlines and tabs, no other control characters).
_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), max_size=20
)
_any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@st.composite
def workspaces(draw: st.DrawFn, rich: bool) -> dict[str, Any]:
    """A random workspace description; names unique where the CSV needs to tell them apart."""
    stage_names = draw(st.lists(_name, min_size=1, max_size=4, unique_by=str.casefold))
    lane_names = draw(st.lists(_name, min_size=1, max_size=4, unique_by=str.casefold))
    lanes = [(n, draw(st.sampled_from(["online", "offline"]))) for n in lane_names]
    free = _any_text if rich else _text
    cards = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "stage": st.integers(0, len(stage_names) - 1),
                    "lane": st.integers(0, len(lanes) - 1),
                    "title": _name,
                    "description": free,
                    "owner": _name | st.just(""),
                    "emotion": st.none() | st.integers(-2, 2),
                    "interaction": st.sampled_from(["direct", "indirect"]),
                    "evidence": st.sampled_from(["observed", "assumed", "proposed"]),
                    "csat": st.none() | st.floats(1, 5, allow_nan=False),
                    "nps": st.lists(st.integers(-100, 100), max_size=2),
                }
            ),
            max_size=8,
        )
    )
    return {
        "stages": stage_names,
        "lanes": lanes,
        "cards": cards,
        "rich": rich,
        "notes": draw(st.lists(st.tuples(st.integers(0, 7), free), max_size=3)) if rich else [],
        "persona": draw(st.none() | _name) if rich else None,
    }


def _build(doc: Document, spec: dict[str, Any]) -> int:
    with doc.transaction() as s:
        run = editing.perform
        persona = (
            run(s, "add_persona", name=spec["persona"]).created_id if spec["persona"] else None
        )
        journey = run(s, "add_journey", name="J", persona_id=persona).created_id
        stages = [
            run(s, "add_stage", journey_id=journey, name=n).created_id for n in spec["stages"]
        ]
        lanes = [
            run(s, "add_lane", journey_id=journey, name=n, channel_kind=k).created_id
            for n, k in spec["lanes"]
        ]
        if spec["rich"]:
            run(s, "add_lane", journey_id=journey, name="Feel", kind="emotion")
            text = run(s, "add_lane", journey_id=journey, name="Notes", kind="text").created_id
            run(s, "set_text_cell", stage_id=stages[0], lane_id=text, text="Hi")
            run(s, "add_metric", key="custom", name="Custom", min_value=-1, max_value=1)
        tps = []
        for c in spec["cards"]:
            fields = {
                k: c[k] for k in ("description", "owner", "emotion", "interaction", "evidence")
            }
            tp = run(
                s,
                "add_touchpoint",
                stage_id=stages[c["stage"]],
                lane_id=lanes[c["lane"]],
                title=c["title"],
                **fields,
            ).created_id
            tps.append(tp)
            if c["csat"] is not None:
                run(
                    s,
                    "set_measurement",
                    touchpoint_id=tp,
                    metric="csat",
                    value=c["csat"],
                    measured_on="2026-01-01",
                )
            for i, v in enumerate(c["nps"]):
                run(
                    s,
                    "set_measurement",
                    touchpoint_id=tp,
                    metric="nps",
                    value=v,
                    measured_on=f"2026-02-0{i + 1}",
                    sample_size=i + 1,
                )
        for i, text in spec["notes"]:
            if text.strip():
                target = {"touchpoint_id": tps[i]} if i < len(tps) else {"stage_id": stages[0]}
                run(s, "add_annotation", kind="note", text=text, **target)
    return journey


_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(workspaces(rich=True))
def test_random_workspaces_round_trip_through_json(spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        doc = Document.create(Path(folder) / "a.jmap")
        _build(doc, spec)
        first = workspace_json.dumps(workspace_json.export_workspace(doc))
        content = _content(doc)
        doc.close()
        src = Path(folder) / "a.json"
        src.write_text(first, encoding="utf-8")
        interchange.import_json_file(src, Path(folder) / "b.jmap")
        with Document.open(Path(folder) / "b.jmap", read_only=True) as copy:
            assert workspace_json.dumps(workspace_json.export_workspace(copy)) == first
            assert _content(copy) == {**content, "workspace": _content(copy)["workspace"]}


def _cells(doc: Document, journey: int) -> tuple[list[str], dict[tuple[str, str, str], list]]:  # type: ignore[type-arg]
    """Stage names in order, and every card's fields and latest values, per cell, in order."""
    data = load_journey(doc, journey)
    stages = {s.id: s.name for s in data.stages}
    lanes = {ln.id: (ln.name, ln.channel_kind or "") for ln in data.lanes}
    cells = {}
    for (stage, lane), cards in data.cells().items():
        cells[(stages[stage], *lanes[lane])] = [
            (
                t.title,
                t.description,
                t.interaction,
                t.owner,
                t.emotion,
                t.evidence,
                {k: m.value for k, m in t.latest.items()},
            )
            for t in cards
        ]
    used = [s.name for s in data.stages if any(c[0] == s.name for c in cells)]
    return used, cells


@_SETTINGS
@given(workspaces(rich=False), st.sampled_from([",", ";", "\t"]))
def test_random_workspaces_round_trip_through_touchpoints_csv(
    spec: dict[str, Any], delimiter: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        doc = Document.create(Path(folder) / "a.jmap")
        journey = _build(doc, spec)
        original = _cells(doc, journey)
        text = touchpoints_csv.export_touchpoints(doc, journey, delimiter)
        doc.close()
        if not original[1]:
            return

        def fill(new: Document) -> Any:
            result = touchpoints_csv.import_touchpoints(
                new, text.encode("utf-8-sig"), "a.csv", None, journey_name="J"
            )
            assert result.created_id is not None
            return _cells(new, result.created_id)

        copy = into_new_workspace(Path(folder) / "b.jmap", "b", fill)
    # Every card comes back with every field and its latest values, in its cell and in its
    # order; stages keep their order. (Lanes come back in the order the file names them.)
    assert copy == original
