"""Connector labels never sit on a layer line (the geometry the canvas and the PDF share)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymapper.geometry import blueprint as bp
from journeymapper.geometry.layout import compute_layout
from journeymapper.geometry.shapes import Rect
from journeymapper.store.journey_data import ConnectorData, JourneyData, find_journey, load_journey
from journeymapper.templates import create_workspace


def _on_a_line(box: Rect, ys: list[float]) -> list[float]:
    """The lines that run through the box."""
    return [y for y in ys if box.y < y < box.bottom]


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _beside(x: float, box: Rect) -> bool:
    """The box starts LABEL_DX right of x, or ends LABEL_DX left of it."""
    return math.isclose(box.x, x + bp.LABEL_DX) or math.isclose(box.right, x - bp.LABEL_DX)


def _old_box(route: bp.Route) -> Rect:
    """Where a label went before: centred on the middle of the longest segment."""
    lx, ly = route.label_at
    assert route.label_box is not None
    return Rect(lx + bp.LABEL_DX, ly - bp.LABEL_H / 2, route.label_box.w, bp.LABEL_H)


@pytest.fixture(scope="module")
def hotel(tmp_path_factory: pytest.TempPathFactory) -> JourneyData:
    path: Path = tmp_path_factory.mktemp("hotel") / "hotel.jmap"
    with create_workspace(path, "hotel_blueprint") as doc:
        return load_journey(doc, find_journey(doc, None))


def test_the_hotel_blueprints_labels_clear_its_lines(hotel: JourneyData) -> None:
    layout = compute_layout(hotel)
    ys = [line.y for line in bp.layer_lines(layout, hotel)]
    routes = [r for r in bp.route_all(layout, hotel).values() if r.label]
    assert len(ys) == 3 and len(routes) >= 5
    # The template has labels that the old placement put across a line (the bug) ...
    assert any(_on_a_line(_old_box(r), ys) for r in routes)
    for r in routes:
        assert r.label_box is not None and not _on_a_line(r.label_box, ys), r.label
        box = r.label_box  # ... still beside its route
        ends = (r.label_at[0], *(x for x, _ in r.points))
        assert any(_beside(x, box) for x in ends), r.label
        # Where a line runs through the 12-unit gap between two cards no box fits beside it;
        # there the label may touch a card's top margin, never its title.
        under = [c for c in layout.cards.values() if _overlap(c, box)]
        assert all(min(box.bottom, c.bottom) - max(box.y, c.y) <= 6 for c in under), r.label
    on_cards = [r for r in routes if any(_overlap(c, r.label_box) for c in layout.cards.values())]  # type: ignore[arg-type]
    before = [r for r in routes if any(_overlap(c, _old_box(r)) for c in layout.cards.values())]
    assert len(on_cards) < len(before)


_Y = st.floats(-2000, 2000, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(
    at=st.tuples(_Y, _Y),
    label=st.text(min_size=1, max_size=80),
    start=_Y,
    gaps=st.lists(st.floats(bp.LABEL_H + 2 * bp.LABEL_CLEAR, 400), max_size=4),
)
def test_a_label_box_never_crosses_lines_a_box_apart(
    at: tuple[float, float], label: str, start: float, gaps: list[float]
) -> None:
    ys = [start]
    for gap in gaps:
        ys.append(ys[-1] + gap)
    box, left = bp.label_box(at, label, ys)
    assert not _on_a_line(box, ys)
    assert all(not bp.crosses(box, y) for y in ys)
    first = Rect(box.x, at[1] - bp.LABEL_H / 2, box.w, bp.LABEL_H)
    if not any(bp.crosses(first, y) for y in ys):
        assert box == first  # a clear label stays where it was
    else:  # and a moved one stays as near as it can: within one box of a line it crossed
        assert abs(box.cy - at[1]) <= bp.LABEL_H + 2 * bp.LABEL_CLEAR
    assert _beside(at[0], box) and box.h == bp.LABEL_H
    assert left == (box.x < at[0])


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_labels_of_any_connectors_on_any_stage_widths_clear_the_lines(
    hotel: JourneyData, data: st.DataObject
) -> None:
    cards = sorted(hotel.touchpoints)
    pairs = data.draw(
        st.lists(
            st.tuples(st.sampled_from(cards), st.sampled_from(cards)).filter(
                lambda p: p[0] != p[1]
            ),
            min_size=1,
            max_size=25,
            unique=True,
        )
    )
    labels = data.draw(st.lists(st.text(min_size=1, max_size=30), min_size=len(pairs)))
    kinds = ["flow", "handoff", "dependency"]
    connectors = {
        i + 1: ConnectorData(i + 1, a, b, kinds[i % 3], labels[i]) for i, (a, b) in enumerate(pairs)
    }
    widths = {s.id: data.draw(st.floats(180, 900)) for s in hotel.stages}
    journey = dataclasses.replace(hotel, connectors=connectors)
    layout = compute_layout(journey, stage_widths=widths)
    ys = [line.y for line in bp.layer_lines(layout, journey)]
    for r in bp.route_all(layout, journey).values():
        assert r.label_box is not None and not _on_a_line(r.label_box, ys)


def test_the_canvas_draws_each_label_inside_its_box(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.docks_support import open_window

    path = tmp_path / "hotel.jmap"
    create_workspace(path, "hotel_blueprint").close()
    win = open_window(qtbot, path, (1920, 1080))
    layer = win.scene.blueprint
    ys = [line.line().y1() + line.pos().y() for line in layer.lines]
    assert sorted(ys) == [line.y for line in bp.layer_lines(win.scene.layout, win.scene.data)]  # type: ignore[arg-type]
    tags = [(i.route, i.tag) for i in layer.items.values() if i.route and i.route.label]
    assert len(tags) >= 5
    for route, tag in tags:
        assert tag is not None and tag.isVisible() and route.label_box is not None
        drawn = tag.sceneBoundingRect()
        box = route.label_box
        assert box.y - 0.5 <= drawn.top() and drawn.bottom() <= box.bottom + 0.5, route.label
        assert box.x - 1.5 <= drawn.left() and drawn.right() <= box.right + 1.5, route.label
        assert not [y for y in ys if drawn.top() < y < drawn.bottom()], route.label
