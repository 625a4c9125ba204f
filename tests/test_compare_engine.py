"""The comparison engine on hand-made pairs: every kind of difference, and none for twins."""

from __future__ import annotations

import datetime as dt

from journeymapper.analysis.compare import Side, compare
from journeymapper.store.journey_data import (
    AnnotationData,
    MeasurementData,
    StageData,
    TouchpointData,
)
from journeymapper.store.origins import Origins
from tests.compare_support import base, tp_named, twin


def _kinds(result) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(d.kind, d.item, d.title) for d in result.differences]


def test_identical_journeys_report_nothing() -> None:
    a = base()
    for linked in (False, True):
        result = compare(Side(a), Side(twin(a)), linked=linked)
        assert result.differences == []
        assert result.changed_metrics() == []
        assert result.identical
        assert result.lines() == []
        assert result.unmatched_line() == ""


def test_a_copy_with_other_ids_matches_by_origin_and_reports_nothing() -> None:
    a, b = base(), base(offset=1000)
    origins = Origins(
        stages={s.id: s.id - 1000 for s in b.stages},
        lanes={ln.id: ln.id - 1000 for ln in b.lanes},
        touchpoints={t: t - 1000 for t in b.touchpoints},
    )
    b.touchpoints[1100].title = "Banner"  # renamed: origin still pairs it
    result = compare(Side(a), Side(b, origins), linked=True)
    assert _kinds(result) == [("changed", "touchpoint", "Banner")]
    assert result.differences[0].fields[0].text() == 'title "Ad" → "Banner"'
    assert result.matched_by["touchpoint"] == {"origin": 4}
    # Without the links the rename is a removal and an addition, and said so.
    result = compare(Side(a), Side(b), linked=True)
    assert ("removed", "touchpoint", "Ad") in _kinds(result)
    assert ("added", "touchpoint", "Banner") in _kinds(result)
    assert result.unmatched_line() == "Not matched: touchpoints 1 only in A, 1 only in B"


def test_touchpoint_added_removed_moved_changed() -> None:
    a = base()
    b = twin(a)
    del b.touchpoints[103]  # Bag removed
    b.touchpoints[104] = TouchpointData(104, 2, 10, 0, "Chat", "", "direct", "", 2, "", "proposed")
    till = b.touchpoints[102]
    till.stage_id, till.lane_id, till.position = 1, 11, 0  # moved to Aware / Store
    site = b.touchpoints[101]
    site.description, site.evidence, site.emotion = "new page", "assumed", 1
    result = compare(Side(a), Side(b))
    assert _kinds(result) == [
        ("changed", "touchpoint", "Site"),
        ("moved", "touchpoint", "Till"),
        ("added", "touchpoint", "Chat"),
        ("removed", "touchpoint", "Bag"),
    ]
    moved = result.differences[1]
    assert (moved.where_a, moved.where_b) == ("Buy / Store", "Aware / Store")
    assert moved.line() == '> moved touchpoint "Till": Buy / Store → Aware / Store'
    changed = result.differences[0]
    assert [f.name for f in changed.fields] == ["description", "emotion", "evidence"]
    assert changed.line() == (
        '~ changed touchpoint "Site" (Aware / Web): description — → "new page"; '
        'emotion 0 → 1; evidence "observed" → "assumed"'
    )
    assert result.unmatched["touchpoint"] == ([103], [104])


def test_order_within_a_cell_reports_only_the_card_that_moved() -> None:
    a = base()
    a.touchpoints[105] = TouchpointData(
        105, 1, 10, 2, "Mail", "", "direct", "", None, "", "observed"
    )
    b = twin(a)
    # Ad, Site, Mail → Site, Mail, Ad: only Ad moved.
    for tp_id, pos in ((100, 2), (101, 0), (105, 1)):
        b.touchpoints[tp_id].position = pos
    result = compare(Side(a), Side(b))
    assert _kinds(result) == [("moved", "touchpoint", "Ad")]
    assert result.differences[0].where_b == "#3"


def test_title_only_fallback_needs_a_unique_title() -> None:
    a = base()
    b = twin(a)
    ad = tp_named(b, "Ad")
    ad.stage_id, ad.lane_id = 2, 11  # moved to another stage: stage + lane + title fails
    result = compare(Side(a), Side(b))
    assert _kinds(result) == [("moved", "touchpoint", "Ad")]
    assert result.matched_by["touchpoint"] == {"stage+lane+title": 3, "title": 1}
    # Two cards called "Ad" in A: the moved one cannot be told apart, so it is not paired.
    a.touchpoints[106] = TouchpointData(106, 2, 10, 0, "Ad", "", "direct", "", None, "", "observed")
    result = compare(Side(a), Side(b))
    assert ("added", "touchpoint", "Ad") in _kinds(result)
    assert result.unmatched["touchpoint"] == ([100, 106], [100])


def test_stages_and_lanes() -> None:
    a = base()
    b = twin(a)
    b.stages = [
        StageData(2, "Buy", 0, 340, "#eee", "pay"),  # moved first, description changed
        StageData(1, "Aware", 1, 340, "#eee", "first look"),
        StageData(3, "Keep", 2, 340, "#eee", ""),  # added
    ]
    b.lanes = [ln for ln in b.lanes if ln.name != "Thoughts"]  # removed (and its text)
    b.text_cells = {}
    b.lanes[1].name = "Shop floor"  # Store renamed: by name it is another lane
    for tp_id in (102, 103):
        del b.touchpoints[tp_id]
    b.annotations = []
    result = compare(Side(a), Side(b), linked=True)  # shared ids: Store pairs by id
    stage_lines = [d.line() for d in result.differences if d.item == "stage"]
    # Two stages swapped: one of them is reported as moved (the other kept its order).
    assert stage_lines == [
        '~ changed stage "Buy": description — → "pay"',
        '> moved stage "Aware": position 1 → position 2',
        '+ added stage "Keep"',
    ]
    lanes = [(d.kind, d.title) for d in result.differences if d.item == "lane"]
    assert lanes == [("changed", "Shop floor"), ("removed", "Thoughts")]
    assert [c.name for c in result.columns] == ["Buy", "Aware", "Keep"]


def test_text_cells_and_notes() -> None:
    a = base()
    b = twin(a)
    b.text_cells[(1, 12)] = "Where is it?"
    b.text_cells[(2, 12)] = "Pay fast"
    b.annotations = [
        AnnotationData(201, 1, "idea", "Self checkout", 102, None),  # moved to a card
        AnnotationData(202, 2, "pain_point", "No parking", None, 1),
    ]
    result = compare(Side(a), Side(b))
    lines = result.lines()
    assert (
        '~ changed text "Thoughts" (Aware / Thoughts): text "Is it in stock?" → "Where is it?"'
        in lines
    )
    assert '~ changed text "Thoughts" (Buy / Thoughts): text — → "Pay fast"' in lines
    assert '- resolved pain point "Queue too long" (on "Till")' in lines
    assert '+ new pain point "No parking" (Aware)' in lines
    assert '> moved idea "Self checkout": Buy → on "Till"' in lines
    assert result.to_dict()["pain_points"] == {
        "resolved": ["Queue too long"],
        "new": ["No parking"],
    }
    # Shared ids: an edited note is a change, not a new one.
    b.annotations[1] = AnnotationData(200, 2, "pain_point", "Queue far too long", 102, None)
    result = compare(Side(a), Side(b), linked=True)
    changed = [d for d in result.differences if d.item == "pain_point"]
    assert [(d.kind, d.fields[0].after) for d in changed] == [("changed", "Queue far too long")]


def test_metric_deltas_and_curves() -> None:
    a = base()
    b = twin(a)
    day = dt.date(2024, 9, 1)
    b.touchpoints[102].latest["csat"] = MeasurementData(600, "csat", 3.5, day, None, "")
    b.touchpoints[100].latest["ces"] = MeasurementData(601, "ces", 4.0, day, 10, "")
    b.touchpoints[101].latest["csat"] = MeasurementData(602, "csat", 4.0, day, None, "")
    b.touchpoints[102].emotion = 1
    result = compare(Side(a), Side(b))
    got = [(m.stage, m.metric_key, m.before, m.after, m.verdict) for m in result.metric_deltas]
    assert got == [
        ("Aware", "csat", None, 4.0, "new"),
        ("Aware", "ces", 3.0, 4.0, "worse"),  # lower effort is better
        ("Buy", "csat", 2.0, 3.5, "better"),
    ]
    assert result.metric_deltas[2].line() == "= CSAT in Buy: 2 → 3.5 (+1.5, better)"
    assert [(p.title, p.emotion) for p in result.curve_a] == [("Ad", 1), ("Site", 0), ("Till", -1)]
    assert [(p.title, p.emotion) for p in result.curve_b] == [("Ad", 1), ("Site", 0), ("Till", 1)]
    assert [round(p.x, 2) for p in result.curve_b] == [-0.2, 0.2, 1.0]
    assert ("changed", "touchpoint", "Till") in _kinds(result)


def test_order_is_stable_whatever_the_dict_order() -> None:
    a = base()
    b = twin(a)
    del b.touchpoints[103]
    b.touchpoints[101].owner = "Web team"
    b.touchpoints[107] = TouchpointData(
        107, 1, 11, 0, "Poster", "", "direct", "", None, "", "observed"
    )
    first = compare(Side(a), Side(b)).lines()
    b.touchpoints = dict(reversed(list(b.touchpoints.items())))
    a.touchpoints = dict(reversed(list(a.touchpoints.items())))
    assert compare(Side(a), Side(b)).lines() == first
    assert first == [
        '~ changed touchpoint "Site" (Aware / Web): owner — → "Web team"',
        '+ added touchpoint "Poster" (Aware / Store)',
        '- removed touchpoint "Bag" (Buy / Store)',
    ]
