"""Level of detail that keeps a big map fast to open: a card's title is built on the first
paint where it can be more than a smudge, and hidden when zoomed out past that again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey
from journeymapper.templates import create_workspace
from journeymapper.ui.canvas.items.detail import TITLE_SCALE
from journeymapper.ui.canvas.scene import JourneyScene


@pytest.fixture
def scene(qapp, tmp_path: Path) -> JourneyScene:  # type: ignore[no-untyped-def]
    path = tmp_path / "retail.jmap"
    create_workspace(path, "retail").close()
    doc = Document.open(path)
    s = JourneyScene()
    s.show_journey(doc, find_journey(doc, None))
    return s


def _render(scene: JourneyScene, scale: float) -> QImage:
    source = scene.sceneRect()
    w, h = max(1, round(source.width() * scale)), max(1, round(source.height() * scale))
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, w, h), source)
    painter.end()
    return image


def _visible_titles(scene: JourneyScene) -> list[str]:
    found = []
    for card in scene.cards.values():
        title = "\n".join(scene.layout.card_text[card.touchpoint_id].title)
        found += [
            c.text()
            for c in card.childItems()
            if c.isVisible() and getattr(c, "text", None) and c.text() == title
        ]
    return found


def test_titles_are_built_on_the_first_paint_where_they_can_be_read(scene: JourneyScene) -> None:
    assert not any(c.has_title for c in scene.cards.values())  # opening builds no title
    _render(scene, TITLE_SCALE / 3)  # the whole map far away: frames and evidence colours
    assert not any(c.has_title for c in scene.cards.values())
    assert _visible_titles(scene) == []
    _render(scene, TITLE_SCALE * 1.3)
    assert all(c.has_title for c in scene.cards.values())
    assert len(_visible_titles(scene)) == len(scene.cards)
    assert not any(c.has_details for c in scene.cards.values())  # details wait for 40 %
    _render(scene, TITLE_SCALE / 3)  # zoomed out again: hidden, not rebuilt or lost
    assert _visible_titles(scene) == [] and all(c.has_title for c in scene.cards.values())
    _render(scene, 1.0)
    assert len(_visible_titles(scene)) == len(scene.cards)


def test_a_title_edited_before_its_first_paint_shows_the_new_text(scene: JourneyScene) -> None:
    from journeymapper import editing
    from journeymapper.editing import Changes

    tp = next(iter(scene.data.touchpoints.values()))  # type: ignore[union-attr]
    assert scene.doc is not None
    editing.edit_touchpoint(scene.doc, tp.id, title="Renamed before any paint")
    scene.apply_changes(Changes().add("touchpoint", tp.id))
    _render(scene, 1.0)
    texts = [c.text() for c in scene.cards[tp.id].childItems() if hasattr(c, "text")]
    assert "Renamed before any paint" in " ".join(" ".join(texts).split())


def test_paints_inside_an_area_already_built_skip_the_lookup_until_the_map_changes(
    scene: JourneyScene, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A drag repaints small rects of the view many times a second: once the view's items
    are built, those paints look nothing up; an edit makes the next paint build again."""
    from journeymapper import editing
    from journeymapper.editing import Changes

    lookups: list[QRectF] = []
    look_up = scene.detail._items
    monkeypatch.setattr(scene.detail, "_items", lambda rect: lookups.append(rect) or look_up(rect))
    _render(scene, 1.0)  # the whole map: every card built
    assert lookups and all(c.has_details for c in scene.cards.values())
    lookups.clear()
    card = next(iter(scene.cards.values()))
    for dx in (0, 30, 60):  # as the paints of a drag: small rects inside the map
        image = QImage(200, 120, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, 200, 120), card.sceneBoundingRect().translated(dx, 0))
        painter.end()
    assert lookups == []
    tp = card.touchpoint_id
    assert scene.doc is not None
    editing.add_touchpoint(scene.doc, card.tp.stage_id, card.tp.lane_id, "Added after the paint")
    added = scene.doc.rows("SELECT max(id) FROM touchpoint")[0][0]
    scene.apply_changes(Changes().add("touchpoint", added))
    assert added != tp and not scene.cards[added].has_details
    _render(scene, 1.0)
    assert lookups and scene.cards[added].has_details
