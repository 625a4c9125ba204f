"""The built-in templates: each builds a workspace that matches its JSON and reads well as a map.

The content rules (card counts per cell, title lengths, a mix of evidence and
interaction, valid measurements) are checked on the built workspace, so a
template that the editing operations would reject or silently change fails here.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from journeymapper import cli
from journeymapper.model.document import Document
from journeymapper.model.enums import Evidence, Interaction
from journeymapper.store.journey_data import JourneyData, find_journey, load_journey
from journeymapper.templates import (
    TEMPLATE_DIR,
    TemplateError,
    create_workspace,
    list_templates,
    load_template,
)

INDUSTRY = ("ecommerce", "retail", "support", "marketing", "hospitality")
ALL = ("blank", *INDUSTRY)
CLASSIC_STAGES = ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"]
MAX_CARDS_PER_CELL = 4
MAX_TITLE = 32


@dataclass
class Built:
    template: dict[str, Any]
    data: JourneyData
    persona: str | None
    #: (touchpoint title, metric key, value, date, sample size, source) of every measurement.
    measurements: list[tuple[str, str, float, str, int | None, str]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Every template built once into its own workspace, read back through journey_data."""
    folder = tmp_path_factory.mktemp("templates")
    result = {}
    for name in ALL:
        doc = create_workspace(folder / f"{name}.jmap", name)
        try:
            data = load_journey(doc, find_journey(doc, None))
            rows = doc.rows(
                "SELECT t.title, d.key, m.value, m.measured_on, m.sample_size, m.source "
                "FROM measurement m "
                "JOIN touchpoint t ON t.id = m.touchpoint_id "
                "JOIN metric_definition d ON d.id = m.metric_id"
            )
            measurements = [(r[0], r[1], r[2], str(r[3]), r[4], r[5]) for r in rows]
            persona = doc.rows("SELECT name FROM persona")
        finally:
            doc.close()
        result[name] = Built(
            load_template(name), data, persona[0][0] if persona else None, measurements
        )
    return result


def test_the_built_in_templates_are_listed() -> None:
    infos = {t.name: t for t in list_templates()}
    assert set(ALL) <= set(infos)
    assert list_templates()[0].name == "blank"
    for name in ALL:
        assert infos[name].title and infos[name].description


@pytest.mark.parametrize("name", ALL)
def test_workspace_matches_the_json(name: str, built: dict[str, Built]) -> None:
    t, data = built[name].template, built[name].data
    assert data.name == t["journey"]["name"]
    assert data.state == t["journey"].get("state", "current")
    assert built[name].persona == (t["persona"]["name"] if "persona" in t else None)
    assert [s.name for s in data.stages] == [s["name"] for s in t["stages"]]
    assert [s.description for s in data.stages] == [s.get("description", "") for s in t["stages"]]
    assert [(ln.name, ln.kind, ln.channel_kind, ln.is_support) for ln in data.lanes] == [
        (ln["name"], ln["kind"], ln.get("channel_kind"), ln.get("is_support", False))
        for ln in t["lanes"]
    ]
    stage = {s.id: s.name for s in data.stages}
    lane = {ln.id: ln.name for ln in data.lanes}
    cells = {(stage[s], lane[ln]): text for (s, ln), text in data.text_cells.items()}
    assert cells == {(c["stage"], c["lane"]): c["text"] for c in t.get("text", [])}
    placed = sorted(
        (stage[p.stage_id], lane[p.lane_id], p.title) for p in data.touchpoints.values()
    )
    tps = t.get("touchpoints", [])
    assert placed == sorted((p["stage"], p["lane"], p["title"]) for p in tps)
    wanted = sorted(
        (
            p["title"],
            m["metric"],
            float(m["value"]),
            m["date"],
            m.get("sample_size"),
            m.get("source", ""),
        )
        for p in tps
        for m in p.get("measurements", [])
    )
    assert sorted(built[name].measurements) == wanted
    by_id = {p.id: p.title for p in data.touchpoints.values()}
    pins = [
        (a.kind, a.text, by_id.get(a.touchpoint_id or 0), stage.get(a.stage_id or 0))
        for a in data.annotations
    ]
    assert pins == [
        (a["kind"], a["text"], a.get("touchpoint"), a.get("stage"))
        for a in t.get("annotations", [])
    ]


@pytest.mark.parametrize("name", INDUSTRY)
def test_template_is_a_readable_complete_map(name: str, built: dict[str, Built]) -> None:
    data = built[name].data
    lanes = {ln.id: ln for ln in data.lanes}
    # The customer's touchpoints (blueprint steps are checked in test_blueprint_templates).
    tps = [t for t in data.touchpoints.values() if lanes[t.lane_id].kind == "channel"]
    assert built[name].persona
    assert 5 <= len(data.stages) <= 7
    assert 15 <= len(tps) <= 30
    channel_kinds = {lanes[t.lane_id].channel_kind for t in tps}
    assert channel_kinds == {"online", "offline"}
    assert any(lanes[t.lane_id].is_support for t in tps)
    assert [ln.kind for ln in data.lanes].count("emotion") == 1
    assert len([ln for ln in data.lanes if ln.kind == "text"]) >= 2
    assert len(data.text_cells) >= len(data.stages)
    # Every stage is mapped, no cell is crowded, titles fit a card and are unique.
    assert {t.stage_id for t in tps} == {s.id for s in data.stages}
    crowded = {k: len(v) for k, v in data.cells().items() if len(v) > MAX_CARDS_PER_CELL}
    assert crowded == {}
    titles = [t.title for t in tps]
    assert len(set(titles)) == len(titles)
    assert [x for x in titles if len(x) > MAX_TITLE] == []
    assert all(t.description and t.owner for t in tps)
    # A mix of evidence and interaction; most cards carry an emotion.
    assert {t.interaction for t in tps} == {i.value for i in Interaction}
    assert {t.evidence for t in tps} == {e.value for e in Evidence}
    assert sum(t.emotion is not None for t in tps) >= 0.8 * len(tps)
    # Measurements on several touchpoints, all from 2026.
    measured = built[name].measurements
    assert len({m[0] for m in measured}) >= 3
    assert all(m[3].startswith("2026-") for m in measured)
    kinds = Counter(a.kind for a in data.annotations)
    assert 4 <= len(data.annotations) <= 8
    assert kinds["pain_point"] >= 1 and kinds["opportunity"] + kinds["idea"] >= 1


def test_retail_is_the_richest_template_with_trends(built: dict[str, Built]) -> None:
    retail = built["retail"]

    def touchpoints(data: JourneyData) -> int:
        channel = {ln.id for ln in data.lanes if ln.kind == "channel"}
        return sum(t.lane_id in channel for t in data.touchpoints.values())

    assert touchpoints(retail.data) >= 22
    assert touchpoints(retail.data) == max(touchpoints(b.data) for b in built.values())
    measured = {m[0] for m in retail.measurements}
    assert len(measured) >= 9
    assert len({m[1] for m in retail.measurements}) == 6  # every built-in metric
    dates = Counter((m[0], m[1]) for m in retail.measurements)
    trends = {metric for (_title, metric), n in dates.items() if n >= 3}
    assert len(trends) >= 3  # series of three or more dates in several metrics


def test_blank_has_the_five_classic_stages(built: dict[str, Built]) -> None:
    data = built["blank"].data
    assert [s.name for s in data.stages] == CLASSIC_STAGES
    assert data.touchpoints == {}


def test_template_files_are_plain_json_objects() -> None:
    for name in ALL:
        data = json.loads((TEMPLATE_DIR / f"{name}.json").read_text(encoding="utf-8"))
        assert isinstance(data, dict) and data["stages"] and data["lanes"]


def test_unknown_template_names_the_known_ones_and_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.jmap"
    with pytest.raises(TemplateError) as info:
        create_workspace(path, "restaurant")
    message = str(info.value)
    assert "'restaurant'" in message
    for name in ALL:
        assert name in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bad", ["", "../blank", "retail/..", "RETAIL.json"])
def test_odd_template_names_are_refused(bad: str, tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="Known templates"):
        create_workspace(tmp_path / "x.jmap", bad)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", INDUSTRY)
def test_cli_new_from_template(
    name: str, built: dict[str, Built], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}-map.jmap"
    code = cli.main(["new", str(path), "--template", name])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == "" and name in out
    doc = Document.open(path)
    try:
        counts = doc.rows(
            "SELECT (SELECT count(*) FROM stage), (SELECT count(*) FROM touchpoint), "
            "(SELECT count(*) FROM annotation), (SELECT count(*) FROM measurement)"
        )[0]
    finally:
        doc.close()
    b = built[name]
    expected = (
        len(b.data.stages),
        len(b.data.touchpoints),
        len(b.data.annotations),
        len(b.measurements),
    )
    assert tuple(counts) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_cli_new_with_a_bad_template_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.jmap"
    code = cli.main(["new", str(path), "--template", "nope"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "'nope'" in lines[0] and "retail" in lines[0] and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["hotel_blueprint", "hospitality"])
def test_blueprint_templates_have_owned_steps_and_valid_connectors(
    name: str, tmp_path: Path
) -> None:
    doc = create_workspace(tmp_path / f"{name}.jmap", name)
    try:
        data = load_journey(doc, find_journey(doc, None))
    finally:
        doc.close()
    kinds = {ln.id: ln.kind for ln in data.lanes}
    layers = {"physical", "frontstage", "backstage", "support_process"}
    steps = [t for t in data.touchpoints.values() if kinds[t.lane_id] in layers]
    assert {"frontstage", "backstage", "support_process"} <= {kinds[t.lane_id] for t in steps}
    assert all(t.owner and t.description for t in steps)
    assert any(t.failure_point for t in steps) and any(t.wait_min for t in steps)
    assert len(data.connectors) >= 8
    assert {c.kind for c in data.connectors.values()} == {"flow", "handoff", "dependency"}
    # A connector between two touchpoints is the customer's own flow; the rest reach a step.
    for c in data.connectors.values():
        ends = {
            kinds[data.touchpoints[c.source_id].lane_id],
            kinds[data.touchpoints[c.target_id].lane_id],
        }
        assert ends & layers or c.kind == "flow", c
