"""Workspace JSON format 3: the opportunity portfolio survives export → import → export."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper import editing, interchange
from journeymapper.interchange import ImportFailed, workspace_export, workspace_json
from journeymapper.model.document import Document
from journeymapper.store.portfolio_queries import load_portfolio
from tests.portfolio_support import retail_portfolio
from tests.test_interchange_json import _content


def _portfolio_workspace(path: Path) -> Document:
    """The retail portfolio plus a stage link, a stage target and a second journey's link."""
    doc = retail_portfolio(path)
    stage = int(doc.rows("SELECT id FROM stage ORDER BY position, id LIMIT 1 OFFSET 2")[0][0])
    opp = int(doc.rows("SELECT id FROM opportunity WHERE title = 'Pay on the floor'")[0][0])
    editing.link_opportunity(doc, opp, stage_id=stage)
    editing.add_target(doc, opp, "ces", 3, stage_id=stage, from_value=5.5, by_date="2027-01-31")
    return doc


def _export(doc: Document) -> str:
    return workspace_json.dumps(workspace_json.export_workspace(doc))


def _linked_titles(doc: Document) -> list[tuple[str, str, str]]:
    """(opportunity, what it links to, its text) by content, not by id."""
    return sorted(
        doc.rows(
            "SELECT o.title, "
            "CASE WHEN k.annotation_id IS NOT NULL THEN 'pain' "
            "WHEN k.touchpoint_id IS NOT NULL THEN 'card' ELSE 'stage' END, "
            "coalesce(a.text, t.title, s.name) FROM opportunity_link k "
            "JOIN opportunity o ON o.id = k.opportunity_id "
            "LEFT JOIN annotation a ON a.id = k.annotation_id "
            "LEFT JOIN touchpoint t ON t.id = k.touchpoint_id "
            "LEFT JOIN stage s ON s.id = k.stage_id"
        )
    )


def test_portfolio_round_trip_is_identical(tmp_path: Path) -> None:
    with _portfolio_workspace(tmp_path / "a.jmap") as doc:
        first = _export(doc)
        links = _linked_titles(doc)
    (tmp_path / "a.json").write_text(first, "utf-8")
    result = interchange.import_json_file(tmp_path / "a.json", tmp_path / "b.jmap")
    assert result.counts["opportunities"] == 4
    with (
        Document.open(tmp_path / "b.jmap", read_only=True) as copy,
        Document.open(tmp_path / "a.jmap", read_only=True) as doc,
    ):
        assert _export(copy) == first
        assert _content(copy) == _content(doc)
        assert _linked_titles(copy) == links
        assert len(load_portfolio(copy).opportunities) == 4
    data = json.loads(first)
    assert data["version"] == workspace_export.VERSION >= 3
    live, pay = data["opportunities"][0], data["opportunities"][1]
    assert (live["title"], live["value"], live["effort"], live["due_on"]) == (
        "Live store stock",
        5,
        2,
        "2027-03-31",
    )
    solution = {"title": "Stock feed from the tills", "description": "", "owner": "IT"}
    assert live["solutions"] == [dict(solution, status="testing")]
    assert [next(iter(k)) for k in live["links"]] == ["pain_point", "touchpoint"]
    assert all(v.startswith("j1/") for k in live["links"] for v in k.values())
    assert pay["targets"][1] == {
        "metric": "ces", "touchpoint": None, "stage": "j1/s3",
        "from_value": 5.5, "to_value": 3.0, "by_date": "2027-01-31",
    }  # fmt: skip
    assert {"stage": "j1/s3"} in pay["links"]


def _failure(tmp_path: Path, data: dict[str, Any]) -> list[str]:
    folder = tmp_path / "bad"
    folder.mkdir(exist_ok=True)
    src = folder / "in.json"
    src.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ImportFailed) as info:
        interchange.import_json_file(src, folder / "out.jmap")
    assert sorted(p.name for p in folder.iterdir()) == ["in.json"]
    return info.value.report.lines()


def test_bad_portfolio_input_is_reported_by_path_and_nothing_is_written(tmp_path: Path) -> None:
    with _portfolio_workspace(tmp_path / "a.jmap") as doc:
        data = workspace_json.export_workspace(doc)
    opps = data["opportunities"]
    opps[0]["value"] = 9
    opps[1]["links"].append({"pain_point": "j1/a999"})
    opps[1]["links"].append({"touchpoint": "j7/t1"})
    opps[1]["targets"][0]["to_value"] = 40  # drop-off up from 12: not an improvement
    opps[2]["links"].append({"pain_point": "j1/a1", "stage": "j1/s1"})
    assert _failure(tmp_path, data) == [
        "opportunities[0]: Value must be a whole number from 1 to 5, not 9.",
        "opportunities[1].links[2].pain_point: There is no pain point with ref 'j1/a999' in "
        "this file.",
        "opportunities[1].links[3].touchpoint: There is no touchpoint with ref 'j7/t1' in "
        "this file.",
        "opportunities[1].targets[0]: A target must improve Drop-off rate: lower is better, "
        "so 40 does not improve on 12.",
        "opportunities[2].links[1]: A link names exactly one pain_point, touchpoint or stage.",
    ]
    # The structure is checked first, by path, before anything is written.
    opps[3]["effort"] = "big"
    opps[3]["targets"] = [{"metric": "csat"}]
    assert _failure(tmp_path, data) == [
        'opportunities[3].effort: Must be a whole number, not "big".',
        "opportunities[3].targets[0].to_value: A target needs a 'to_value'.",
    ]


def test_a_link_to_a_note_that_is_not_a_pain_point_is_refused(tmp_path: Path) -> None:
    with _portfolio_workspace(tmp_path / "a.jmap") as doc:
        data = workspace_json.export_workspace(doc)
        kinds = [a["kind"] for a in data["journeys"][0]["annotations"]]
    idea = kinds.index("idea") + 1
    data["opportunities"][0]["links"] = [{"pain_point": f"j1/a{idea}"}]
    (line,) = _failure(tmp_path, data)
    assert line.startswith("opportunities[0].links[0]: Only pain points can be answered")


def test_older_formats_are_read_and_newer_refused(tmp_path: Path) -> None:
    with _portfolio_workspace(tmp_path / "a.jmap") as doc:
        data = workspace_json.export_workspace(doc)
    old = {k: v for k, v in data.items() if k != "opportunities"}
    for version in (1, 2):
        (tmp_path / "old.json").write_text(json.dumps(dict(old, version=version)), "utf-8")
        target = tmp_path / f"v{version}.jmap"
        interchange.import_json_file(tmp_path / "old.json", target)
        with Document.open(target, read_only=True) as copy:
            assert load_portfolio(copy).opportunities == []
            assert workspace_json.export_workspace(copy)["journeys"] == data["journeys"]
    # A format-2 file knows no opportunities: the list is refused, not silently dropped.
    (line,) = _failure(tmp_path, dict(data, version=2))
    assert line == "opportunities: Unknown field 'opportunities'."
    newer = workspace_export.VERSION + 1
    (line,) = _failure(tmp_path, dict(data, version=newer))
    assert line == (
        f"version: in.json was made by a newer Journey Mapper (format {newer}; this version "
        f"reads up to {workspace_export.VERSION}). Update Journey Mapper to import it."
    )


# -- property test: random portfolios ------------------------------------------------------------

_word = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda s: bool(s.strip())
)
_opportunities = st.lists(
    st.fixed_dictionaries(
        {
            "title": _word,
            "owner": st.just("") | _word,
            "status": st.sampled_from(["idea", "planned", "in_progress", "done", "dropped"]),
            "value": st.integers(1, 5),
            "effort": st.integers(1, 5),
            "confidence": st.sampled_from(["low", "medium", "high"]),
            "due_on": st.none() | st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31)),
            "links": st.lists(st.sampled_from(["pain0", "pain1", "card", "stage"]), unique=True),
            "solutions": st.lists(_word, max_size=2),
            "target": st.none() | st.tuples(st.floats(1, 4), st.floats(0.1, 1), st.booleans()),
        }
    ),
    max_size=4,
)


def _small_portfolio(doc: Document, opps: list[dict[str, Any]]) -> None:
    journey = editing.add_journey(doc, "J").created_id
    stages = [editing.add_stage(doc, journey, n).created_id for n in ("A", "B")]
    lane = editing.add_lane(doc, journey, "Web", channel_kind="online").created_id
    card = editing.add_touchpoint(doc, stages[0], lane, "Card").created_id
    pains = [
        editing.add_annotation(doc, "pain_point", f"Pain {i}", touchpoint_id=card).created_id
        for i in range(2)
    ]
    where = {
        "pain0": {"annotation_id": pains[0]},
        "pain1": {"annotation_id": pains[1]},
        "card": {"touchpoint_id": card},
        "stage": {"stage_id": stages[1]},
    }
    for o in opps:
        fields = {k: o[k] for k in ("title", "owner", "status", "value", "effort", "confidence")}
        opp = editing.add_opportunity(doc, due_on=o["due_on"], **fields).created_id
        for link in o["links"]:
            editing.link_opportunity(doc, opp, **where[link])
        for title in o["solutions"]:
            editing.add_solution(doc, opp, title)
        if o["target"] is not None:
            start, gain, on_stage = o["target"]
            place = {"stage_id": stages[1]} if on_stage else {"touchpoint_id": card}
            editing.add_target(doc, opp, "csat", start + gain, from_value=start, **place)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_opportunities)
def test_random_portfolios_round_trip(opps: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with Document.create(Path(folder) / "a.jmap") as doc:
            _small_portfolio(doc, opps)
            first = _export(doc)
            content = _content(doc)
            links = _linked_titles(doc)
        (Path(folder) / "a.json").write_text(first, "utf-8")
        interchange.import_json_file(Path(folder) / "a.json", Path(folder) / "b.jmap")
        with Document.open(Path(folder) / "b.jmap", read_only=True) as copy:
            assert _export(copy) == first
            assert _content(copy) == {**content, "workspace": _content(copy)["workspace"]}
            assert _linked_titles(copy) == links
