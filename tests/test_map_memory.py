"""What keeps a 10,000-card map within its memory budget, checked on small maps: parts
made on first paint (evidence pills, hand-off marks), hit shapes not kept per connector,
and a scene index sized to the map."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey
from journeymapper.templates import create_workspace
from journeymapper.ui import style
from journeymapper.ui.canvas.items import connector as connector_items
from journeymapper.ui.canvas.items.detail import INDEX_LEAF_AREA, TITLE_SCALE, index_depth
from journeymapper.ui.canvas.scene import JourneyScene


def _scene(path: Path) -> JourneyScene:
    doc = Document.open(path)
    scene = JourneyScene()
    scene.show_journey(doc, find_journey(doc, None))
    return scene


@pytest.fixture
def retail(qapp, tmp_path: Path) -> JourneyScene:  # type: ignore[no-untyped-def]
    path = tmp_path / "retail.jmap"
    create_workspace(path, "retail").close()
    return _scene(path)


@pytest.fixture
def hotel(qapp, hotel_blueprint: Path) -> JourneyScene:  # type: ignore[no-untyped-def]
    return _scene(hotel_blueprint)


def _render(scene: JourneyScene, scale: float, source: QRectF | None = None) -> QImage:
    source = source or scene.sceneRect()
    w, h = max(1, round(source.width() * scale)), max(1, round(source.height() * scale))
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, w, h), source)
    painter.end()
    return image


def _near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_a_far_view_shows_every_cards_evidence_colour(retail: JourneyScene) -> None:
    assert not any(c.has_pill for c in retail.cards.values())  # opening makes no pill
    scale = TITLE_SCALE * 0.9  # below the titles: frame and evidence colour only
    image = _render(retail, scale)
    assert all(c.has_pill for c in retail.cards.values())
    origin = retail.sceneRect().topLeft()
    observed = style.EVIDENCE_COLOURS["observed"]
    checked = 0
    for card in retail.cards.values():
        text = retail.layout.card_text[card.touchpoint_id]
        pill = next(b for b in text.badges if b.kind == "evidence")
        if pill.tone != "observed":
            continue
        centre = card.mapToScene(pill.x + pill.w / 2, pill.y + 7.5) - origin
        pixel = image.pixelColor(int(centre.x() * scale), int(centre.y() * scale))
        assert _near(pixel, observed), (card.tp.title, pixel.name())
        checked += 1
    assert checked  # the retail map has observed cards


def test_a_near_view_makes_pills_only_for_the_cards_it_shows(retail: JourneyScene) -> None:
    first = min(retail.cards.values(), key=lambda c: (c.y(), c.x()))
    shown = first.sceneBoundingRect()
    _render(retail, 1.0, shown)
    made = {c.touchpoint_id for c in retail.cards.values() if c.has_pill}
    assert first.touchpoint_id in made
    assert len(made) < len(retail.cards)


def test_hand_off_marks_are_made_where_the_map_is_painted(hotel: JourneyScene) -> None:
    layer = hotel.blueprint
    handoffs = [c for c in layer.items.values() if c.route and c.route.handoff]
    assert handoffs and all(c.needs_mark for c in handoffs)  # none made by opening
    _render(hotel, TITLE_SCALE * 1.2)
    assert not any(c.needs_mark for c in handoffs)
    for item in handoffs:
        assert item.mark is not None and item.mark.isVisible()
        assert item.mark.polygon().boundingRect().center().toTuple() == pytest.approx(
            item.route.label_at
        )
    flows = [c for c in layer.items.values() if c.route and not c.route.handoff]
    assert all(c.mark is None for c in flows)


def test_connectors_keep_few_hit_shapes(hotel: JourneyScene) -> None:
    for item in hotel.blueprint.items.values():
        assert item.shape().contains(item.mapFromScene(*item.route.points[0]))
    assert len(connector_items._HITS) <= connector_items._HITS_KEPT
    item = next(iter(hotel.blueprint.items.values()))
    before = item.shape()
    route = item.route
    moved = dataclasses.replace(route, points=tuple((x + 50, y) for x, y in route.points))
    item.set_route(moved)
    assert item.shape().boundingRect() != before.boundingRect()  # a new route, a new shape


def test_the_scene_index_splits_a_map_into_leaves_of_several_cards(
    retail: JourneyScene,
) -> None:
    rect = retail.sceneRect()
    depth = index_depth(rect.width() * rect.height())
    assert retail.bspTreeDepth() == depth
    for area in (1e5, 1e7, 1.6e8, 6.4e8, 1e12):
        d = index_depth(area)
        assert 1 <= d <= 16
        assert d == 16 or area / 2 ** (d + 1) < INDEX_LEAF_AREA  # as deep as leaves allow
        assert d == 1 or area / 2**d >= INDEX_LEAF_AREA  # never smaller than that
    assert index_depth(4470 * 144106) < 16  # a 10,000-card map: Qt alone would take 16
