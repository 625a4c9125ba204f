"""Drag a pain-point note onto an opportunity note to answer the pain point with it.

While the mouse moves only the note moves, and the opportunity note under it is
outlined. On release the link is made in one undo step: to the opportunity the
note stands for (:func:`opportunity_of_note`), or, when the note has none yet, to a
new opportunity made from it (titled by its first line, linked to its card or stage),
the way the format 4 upgrade turns opportunity notes into opportunities.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.model.enums import AnnotationKind
from journeymapper.store.portfolio_queries import (
    next_opportunity_id,
    note_title,
    opportunity_of_note,
)
from journeymapper.ui.canvas.interactions import Indicator, Interaction

if TYPE_CHECKING:
    from journeymapper.ui.canvas.items.insights import NoteItem
    from journeymapper.ui.canvas.scene import JourneyScene


class PainPointDrag(Interaction):
    """One pain-point note on its way to an opportunity note."""

    def __init__(self, scene: JourneyScene, start: QPointF, note: NoteItem) -> None:
        super().__init__(scene, start)
        self.note = note
        scene.blocks.lift(note)  # out of its row's container: above the other rows' notes
        self.origin, self.opacity = note.pos(), note.opacity()
        self.indicator = Indicator(scene)
        self.target: NoteItem | None = None

    def move(self, pos: QPointF) -> None:
        self.active = True
        self.note.setPos(self.origin + (pos - self.start))
        self.note.setZValue(60)
        self.note.setOpacity(0.95)  # the note under it must not show through
        self.target = self._target(pos)
        area = self.target.sceneBoundingRect().adjusted(-3, -3, 3, 3) if self.target else None
        self.indicator.show(area, None)

    def _target(self, pos: QPointF) -> NoteItem | None:
        return next(
            (
                note
                for note in self.scene.notes.values()
                if note.ann.kind == AnnotationKind.OPPORTUNITY
                and note.sceneBoundingRect().contains(pos)
            ),
            None,
        )

    def _restore(self) -> None:
        self.indicator.remove()
        self.note.setPos(self.origin)
        self.note.setZValue(8)
        self.note.setOpacity(self.opacity)
        self.scene.blocks.settle(self.note)

    def finish(self, pos: QPointF) -> None:
        self._restore()
        target = self._target(pos) if self.active else None
        controller = self.scene.controller
        if target is None or controller is None or controller.doc is None:
            return
        pain_id, note = self.note.annotation_id, target.ann
        opp_id = opportunity_of_note(controller.doc, note.id)
        if opp_id is not None:
            controller.run(
                "Answer pain point with opportunity",
                editing.link_opportunity,
                opportunity_id=opp_id,
                annotation_id=pain_id,
            )
            return
        new_id = next_opportunity_id(controller.doc)
        place = {"touchpoint_id": note.touchpoint_id} if note.touchpoint_id else {}
        place = place or {"stage_id": note.stage_id}
        edits = [
            Edit.of(editing.add_opportunity, title=note_title(note.text), description=note.text),
            Edit.of(editing.link_opportunity, opportunity_id=new_id, **place),
            Edit.of(editing.link_opportunity, opportunity_id=new_id, annotation_id=pain_id),
        ]
        controller.run_batch("Answer pain point with a new opportunity", edits)

    def cancel(self) -> None:
        self._restore()


__all__ = ["PainPointDrag"]
