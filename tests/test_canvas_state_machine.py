"""Random edits, undos and redos through the canvas controller: the file, the scene and a
plain in-memory model must agree after every step."""

from __future__ import annotations

import copy
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from journeymapper import editing
from journeymapper.geometry import layout as geo
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace
from journeymapper.ui.app import create_app
from journeymapper.ui.canvas.stale_regions import overlaps, seen_boxes
from journeymapper.ui.main_window import MainWindow


@dataclass
class PlainModel:
    """What the map should be: stage order, cards per cell in order, titles."""

    stages: list[int]
    cells: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)
    #: Annotation id -> the card it is pinned to (a marker on the card, a note in its row).
    pins: dict[int, int] = field(default_factory=dict)

    def where(self, tp: int) -> tuple[tuple[int, int], int]:
        for cell, ids in self.cells.items():
            if tp in ids:
                return cell, ids.index(tp)
        raise KeyError(tp)

    def remove(self, tp: int) -> None:
        cell, i = self.where(tp)
        del self.cells[cell][i]

    def insert(self, tp: int, cell: tuple[int, int], index: int | None) -> None:
        ids = self.cells.setdefault(cell, [])
        ids.insert(len(ids) if index is None else max(0, min(index, len(ids))), tp)


class CanvasMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory()
        create_app()
        self.window = MainWindow()

    @initialize()
    def open_map(self) -> None:
        path = Path(self.tmp.name) / "m.jmap"
        create_workspace(path, "blank").close()
        assert self.window.open_path(path)
        doc = self.window.controller.doc
        assert doc is not None
        data = load_journey(doc, find_journey(doc, None))
        self.lanes = [ln.id for ln in data.lanes if ln.kind == "channel"][:3]
        self.history = [PlainModel(stages=[s.id for s in data.stages])]
        self.index = 0
        self.counter = 0

    @property
    def model(self) -> PlainModel:
        return self.history[self.index]

    def _record(self, new: PlainModel) -> None:
        self.history = self.history[: self.index + 1] + [new]
        self.index += 1

    def _cell(self, data: st.DataObject) -> tuple[int, int]:
        return (
            data.draw(st.sampled_from(self.model.stages)),
            data.draw(st.sampled_from(self.lanes)),
        )

    @rule(
        data=st.data(),
        index=st.none() | st.integers(0, 4),
        emotion=st.none() | st.integers(-2, 2),
    )
    def add(self, data: st.DataObject, index: int | None, emotion: int | None) -> None:
        cell = self._cell(data)
        self.counter += 1
        title = f"T{self.counter}"
        result = self.window.controller.run(
            "Add",
            editing.add_touchpoint,
            stage_id=cell[0],
            lane_id=cell[1],
            title=title,
            index=index,
            emotion=emotion,
        )
        assert result is not None and result.created_id is not None
        new = copy.deepcopy(self.model)
        new.insert(result.created_id, cell, index)
        new.titles[result.created_id] = title
        self._record(new)

    @precondition(lambda self: bool(self.model.titles))
    @rule(data=st.data(), index=st.integers(0, 5))
    def move(self, data: st.DataObject, index: int) -> None:
        tp = data.draw(st.sampled_from(sorted(self.model.titles)))
        cell = self._cell(data)
        result = self.window.controller.run(
            "Move",
            editing.move_touchpoint,
            touchpoint_id=tp,
            stage_id=cell[0],
            lane_id=cell[1],
            index=index,
        )
        assert result is not None
        new = copy.deepcopy(self.model)
        new.remove(tp)
        new.insert(tp, cell, index)
        self._record(new)

    @precondition(lambda self: bool(self.model.titles))
    @rule(data=st.data(), suffix=st.text("abc xyz", min_size=1, max_size=5))
    def rename(self, data: st.DataObject, suffix: str) -> None:
        tp = data.draw(st.sampled_from(sorted(self.model.titles)))
        title = f"R{tp}{suffix}".strip()
        if title == self.model.titles[tp]:
            return
        assert self.window.controller.run(
            "Rename", editing.edit_touchpoint, touchpoint_id=tp, title=title
        )
        new = copy.deepcopy(self.model)
        new.titles[tp] = title
        self._record(new)

    @precondition(lambda self: bool(self.model.titles))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        tp = data.draw(st.sampled_from(sorted(self.model.titles)))
        assert self.window.controller.run("Delete", editing.delete_touchpoint, touchpoint_id=tp)
        new = copy.deepcopy(self.model)
        new.remove(tp)
        del new.titles[tp]
        new.pins = {a: t for a, t in new.pins.items() if t != tp}
        self._record(new)

    @precondition(lambda self: bool(self.model.titles))
    @rule(data=st.data(), kind=st.sampled_from(["pain_point", "opportunity", "idea"]))
    def annotate(self, data: st.DataObject, kind: str) -> None:
        """A marker on a card and a note in an insight row: both move when a lane grows."""
        tp = data.draw(st.sampled_from(sorted(self.model.titles)))
        result = self.window.controller.run(
            "Annotate", editing.add_annotation, kind=kind, text=f"On {tp}", touchpoint_id=tp
        )
        assert result is not None and result.created_id is not None
        new = copy.deepcopy(self.model)
        new.pins[result.created_id] = tp
        self._record(new)

    @rule(data=st.data(), index=st.integers(0, 4))
    def reorder_stage(self, data: st.DataObject, index: int) -> None:
        stage = data.draw(st.sampled_from(self.model.stages))
        if self.model.stages.index(stage) == index:
            return
        assert self.window.controller.run(
            "Reorder", editing.reorder_stage, stage_id=stage, index=index
        )
        new = copy.deepcopy(self.model)
        new.stages.remove(stage)
        new.stages.insert(index, stage)
        self._record(new)

    @precondition(lambda self: self.index > 0)
    @rule()
    def undo(self) -> None:
        self.window.undo_action.trigger()
        self.index -= 1

    @precondition(lambda self: self.index < len(self.history) - 1)
    @rule()
    def redo(self) -> None:
        self.window.redo_action.trigger()
        self.index += 1

    @invariant()
    def file_scene_and_model_agree(self) -> None:
        if not hasattr(self, "history"):
            return
        doc = self.window.controller.doc
        assert doc is not None
        model = self.model
        stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
        assert stages == model.stages
        db_cells: dict[tuple[int, int], list[int]] = {}
        titles = {}
        for tp, stage, lane, _pos, title in doc.rows(
            "SELECT id, stage_id, lane_id, position, title FROM touchpoint ORDER BY position"
        ):
            db_cells.setdefault((stage, lane), []).append(tp)
            titles[tp] = title
        assert titles == model.titles
        assert db_cells == {k: v for k, v in model.cells.items() if v}
        scene = self.window.scene
        assert scene.layout.stage_order == model.stages
        assert set(scene.cards) == set(model.titles)
        for cell, ids in model.cells.items():
            for i, tp in enumerate(ids):
                card = scene.cards[tp]
                assert card.tp.title == model.titles[tp]
                assert (card.tp.stage_id, card.tp.lane_id, card.tp.position) == (*cell, i)
                rect = scene.layout.cards[tp]
                assert (card.scenePos().x(), card.scenePos().y()) == (rect.x, rect.y)
                assert scene.layout.cell_rect(*cell).contains(rect.x, rect.y)
        # the incrementally patched emotion curve equals one computed from scratch; points
        # wait only while the emotion lane is out of view
        band = scene.layout.emotion_band
        if scene.curve_due.stages and band is not None:
            box = (band.x, band.y, band.right, band.bottom)
            assert not any(overlaps(box, seen) for seen in seen_boxes(scene))
        scene.settle_curve()
        fresh = geo.compute_layout(scene.data)  # type: ignore[arg-type]
        assert scene.layout.emotion == fresh.emotion
        # ... and so do the cards: places and fitted text (only edited cards are refitted)
        assert scene.layout.cards == fresh.cards
        assert scene.layout.card_text == fresh.card_text
        assert scene.curve.points == fresh.emotion
        # markers, notes and lanes (moved as blocks when a lane grows) where a fresh layout
        # puts them, on screen too
        pins = dict(doc.rows("SELECT id, touchpoint_id FROM annotation"))
        assert pins == model.pins
        assert set(scene.markers) == set(model.pins) == set(scene.notes)
        assert scene.layout.markers == fresh.markers
        assert scene.layout.notes == fresh.notes
        for ann_id, marker in scene.markers.items():
            pos = marker.scenePos()
            assert (pos.x(), pos.y()) == fresh.markers[ann_id]
        for ann_id, note in scene.notes.items():
            r, want = note.mapRectToScene(note.rect()), fresh.notes[ann_id]
            assert (r.x(), r.y(), r.width(), r.height()) == (want.x, want.y, want.w, want.h)
        for lane_id, rect in fresh.lanes.items():
            assert scene.layout.lanes[lane_id] == rect

    def teardown(self) -> None:
        self.window.controller.close_document()
        self.window.deleteLater()
        self.tmp.cleanup()


CanvasMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCanvasStateMachine = CanvasMachine.TestCase
