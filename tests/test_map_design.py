"""The map a designer is proud to show: readable cards, insights on the map, an emotion
curve through every point, and a PDF that prints readable and embeds its fonts."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymapper.geometry import layout as geo
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.card_text import BOLD, REGULAR, TITLE_LH, measure
from journeymapper.model.document import Document
from journeymapper.pdf.export import export_pdf
from journeymapper.pdf.options import ExportOptions, MapMode
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace
from journeymapper.ui.app import create_app
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.image_export import export_svg
from journeymapper.ui.main_window import MainWindow
from tests.ui_helpers import drag


@pytest.fixture
def retail(tmp_path: Path) -> Path:
    path = tmp_path / "retail.jmap"
    create_workspace(path, "retail").close()
    return path


def _data(path: Path):  # type: ignore[no-untyped-def]
    doc = Document.open(path)
    data = load_journey(doc, find_journey(doc, None))
    doc.close()
    return data


def _pdf(path: Path, out: Path):  # type: ignore[no-untyped-def]
    doc = Document.open(path)
    try:
        return export_pdf(doc, find_journey(doc, None), out, ExportOptions(mode=MapMode.FIT))
    finally:
        doc.close()


def _scene(qapp, path: Path) -> JourneyScene:  # type: ignore[no-untyped-def]
    scene = JourneyScene()
    doc = Document.open(path)
    scene.show_journey(doc, find_journey(doc, None))
    return scene


def test_cards_never_overlap_and_their_text_fits(retail: Path) -> None:
    data = _data(retail)
    lay = geo.compute_layout(data)
    rects = list(lay.cards.values())
    for a, b in itertools.combinations(rects, 2):
        assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
    title_w, body_w = measure(BOLD, ts.CARD_TITLE), measure(REGULAR, ts.CARD_BODY)
    for tp_id, r in lay.cards.items():
        text = lay.card_text[tp_id]
        assert 1 <= len(text.title) <= ts.CARD_TITLE_LINES
        assert all(text.title_x + title_w(line) <= r.w - ts.CARD_PAD for line in text.title)
        assert text.title_y + len(text.title) * TITLE_LH <= r.h
        for line in (text.description, text.owner):
            assert text.title_x + body_w(line) <= r.w - ts.CARD_PAD
        for badge in text.badges:
            assert badge.x + badge.w <= r.w and badge.y + 15 <= r.h
        col = lay.columns[data.touchpoints[tp_id].stage_id]
        assert col.x < r.x and r.right < col.right  # cards take their stage's width
        assert r.w >= min(geo.CARD_W, col.w - 2 * ts.CELL_PAD)


def _render(scene: JourneyScene, scale: float) -> None:
    """Paint the whole scene at ``scale`` (cards build their details on a readable paint)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    source = scene.sceneRect()
    w, h = max(1, round(source.width() * scale)), max(1, round(source.height() * scale))
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, w, h), source)
    painter.end()


def _texts(item, visible_only: bool = False) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text under ``item`` (its children, theirs, …)."""
    found = []
    for child in item.childItems():
        if visible_only and not child.isVisible():
            continue
        if hasattr(child, "text"):
            found.append(child.text())
        found += _texts(child, visible_only)
    return found


def test_card_shows_evidence_word_and_description(qapp, retail: Path) -> None:  # type: ignore[no-untyped-def]
    scene = _scene(qapp, retail)
    _render(scene, 1.0)
    tp = next(t for t in scene.data.touchpoints.values() if t.description)  # type: ignore[union-attr]
    texts = _texts(scene.cards[tp.id])
    word = {"observed": "Observed", "assumed": "Assumed", "proposed": "Proposed"}[tp.evidence]
    assert word in texts
    assert any(tp.description.split()[0] in t for t in texts)
    assert any(tp.title.split()[0] in t for t in texts)


def test_card_details_only_at_readable_zoom(qapp, retail: Path) -> None:  # type: ignore[no-untyped-def]
    scene = _scene(qapp, retail)
    tp = next(t for t in scene.data.touchpoints.values() if t.description)  # type: ignore[union-attr]
    card = scene.cards[tp.id]
    _render(scene, 0.3)  # zoomed out: title and evidence colour only, nothing built
    assert not any(c.has_details for c in scene.cards.values())
    assert _texts(card, visible_only=True) == ["\n".join(scene.layout.card_text[tp.id].title)]
    _render(scene, 1.0)
    assert all(c.has_details for c in scene.cards.values())
    assert any(tp.description.split()[0] in t for t in _texts(card, visible_only=True))
    _render(scene, 0.3)  # built details are hidden again, not rebuilt
    assert all(c.has_details for c in scene.cards.values())
    assert not any(tp.description.split()[0] in t for t in _texts(card, visible_only=True))


def test_annotation_text_in_scene_pdf_and_svg(qapp, retail: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _data(retail)
    ann = data.annotations[0]
    words = " ".join(ann.text.split()[:3])
    scene = _scene(qapp, retail)
    _render(scene, 1.0)
    note = scene.notes[ann.id]
    shown = " ".join(_texts(note))
    assert words in " ".join(shown.split())
    pdf = tmp_path / "map.pdf"
    _pdf(retail, pdf)
    page1 = PdfReader(str(pdf)).pages[0].extract_text()
    assert words in " ".join(page1.split())
    svg = tmp_path / "map.svg"
    export_svg(scene, svg)
    assert ann.text.split()[0] in svg.read_text(encoding="utf-8")


def test_pdf_embeds_every_font(retail: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "map.pdf"
    _pdf(retail, pdf)
    for page in PdfReader(str(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            assert font["/Subtype"] != "/Type1", font["/BaseFont"]


@pytest.mark.parametrize(
    "template", ["retail", "ecommerce", "hospitality", "marketing", "support", "blank"]
)
def test_a3_fit_prints_card_titles_at_6pt(template: str, tmp_path: Path) -> None:
    path = tmp_path / f"{template}.jmap"
    create_workspace(path, template).close()
    report = _pdf(path, tmp_path / "map.pdf")
    assert report.map_scale is not None and ts.CARD_TITLE * report.map_scale >= 6


def test_emotion_path_passes_through_every_point_after_drag(qtbot, retail: Path) -> None:  # type: ignore[no-untyped-def]
    create_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(retail)
    window.resize(1400, 900)
    window.show()
    scene = window.scene
    lay = scene.layout
    tp, x, y = lay.emotion[3]
    band = lay.emotion_band
    assert band is not None
    window.view.centerOn(x, y)
    drag(window.view, (x, y), (x, geo.emotion_y(band, -2)))
    points = scene.layout.emotion
    assert next(p for p in points if p[0] == tp)[2] == pytest.approx(geo.emotion_y(band, -2))
    path = scene.curve.path()
    vertices = [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]
    for _tp, px, py in points:
        assert any(abs(vx - px) < 0.01 and abs(vy - py) < 0.01 for vx, vy in vertices)
    assert len({x for _tp, x, _y in points}) == len(points)  # one point per touchpoint


def test_an_edit_rebuilds_only_the_card_it_changed(qapp, retail: Path) -> None:  # type: ignore[no-untyped-def]
    from journeymapper import editing
    from journeymapper.editing import Changes

    scene = _scene(qapp, retail)
    _render(scene, 1.0)
    tp = next(iter(scene.data.touchpoints.values()))  # type: ignore[union-attr]
    editing.edit_touchpoint(scene.doc, tp.id, description="Changed on the map")
    scene.apply_changes(Changes().add("touchpoint", tp.id))
    assert [c.touchpoint_id for c in scene.cards.values() if not c.has_details] == [tp.id]
    _render(scene, 1.0)
    assert any("Changed on the map" in t for t in _texts(scene.cards[tp.id]))
