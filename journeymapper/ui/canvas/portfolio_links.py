"""The portfolio on the map: link a pain point from its menu, show resolved and targeted.

(Dragging a pain-point note onto an opportunity note links them too:
:mod:`journeymapper.ui.canvas.pain_point_drag`.) A pain point answered by a done
opportunity is drawn resolved (its marker and its note faded, with a tick);
a card that an opportunity targets carries a small target mark. Both are child items
added to the scene's own items, so the canvas code stays as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QMenu

from journeymapper import editing
from journeymapper.editing import Changes, Edit
from journeymapper.store.portfolio_queries import (
    Portfolio,
    load_portfolio,
    next_opportunity_id,
    pain_point_text,
)
from journeymapper.ui import style

if TYPE_CHECKING:
    from journeymapper.ui.canvas.scene import JourneyScene
    from journeymapper.ui.controller import DocumentController

RESOLVED_OPACITY = 0.45
TICK, TARGET = "✓", "◎"


def add_pain_point_actions(menu: QMenu, controller: DocumentController, annotation_id: int) -> None:
    """ "Answer with opportunity ▸" (tick to link, untick to unlink) and a new one from it."""
    doc = controller.doc
    if doc is None:
        return
    portfolio = load_portfolio(doc)
    linked = set(portfolio.by_pain_point.get(annotation_id, ()))
    sub = menu.addMenu("Answer with opportunity")
    for opp in portfolio.opportunities:
        action = sub.addAction(opp.title)
        action.setCheckable(True)
        action.setChecked(opp.id in linked)
        fn = editing.unlink_opportunity if opp.id in linked else editing.link_opportunity
        verb = "Unlink" if opp.id in linked else "Link"
        action.triggered.connect(
            lambda _=False, o=opp, f=fn, v=verb: controller.run(
                f"{v} pain point and {o.title!r}",
                f,
                opportunity_id=o.id,
                annotation_id=annotation_id,
            )
        )
    if portfolio.opportunities:
        sub.addSeparator()
    sub.addAction(
        "New opportunity from this pain point",
        lambda: new_from_pain_point(controller, annotation_id),
    )


def new_from_pain_point(controller: DocumentController, annotation_id: int) -> int | None:
    """One undo step: a new opportunity titled after the pain point, linked to it."""
    doc = controller.doc
    if doc is None:
        return None
    found = pain_point_text(doc, annotation_id)
    if found is None:
        return None
    text = found.strip().splitlines()[0] if found.strip() else "New opportunity"
    title = f"Answer: {text}" if len(text) <= 80 else f"Answer: {text[:77]}…"
    next_id = next_opportunity_id(doc)
    edits = [
        Edit.of(editing.add_opportunity, title=title),
        Edit.of(editing.link_opportunity, opportunity_id=next_id, annotation_id=annotation_id),
    ]
    result = controller.run_batch("New opportunity from pain point", edits)
    return next_id if result is not None else None


class PortfolioMarks(QObject):
    """Keeps the resolved and targeted marks on the scene's items in step with the file."""

    def __init__(self, controller: DocumentController, scene: JourneyScene) -> None:
        super().__init__(scene)
        self.controller, self.scene = controller, scene
        self.marks: dict[tuple[str, int], QGraphicsItem] = {}
        self.portfolio = Portfolio([], {}, {})
        controller.changed.connect(self._changed)
        controller.journeyChanged.connect(lambda: QTimer.singleShot(0, self.sync))

    def _changed(self, changes: Changes) -> None:
        watched = ("opportunity", "opportunity_link", "target", "annotation", "touchpoint", "stage")
        if any(t in changes for t in watched):
            self.sync()

    def sync(self) -> None:
        doc = self.controller.doc
        self.portfolio = load_portfolio(doc) if doc is not None else Portfolio([], {}, {})
        resolved = self.portfolio.resolved_pain_points()
        wanted = {("marker", i) for i in resolved if i in self.scene.markers}
        wanted |= {("note", i) for i in resolved if i in self.scene.notes}
        wanted |= {
            ("card", i) for i in self.portfolio.by_target_touchpoint if i in self.scene.cards
        }
        for key in list(self.marks):
            mark = self.marks[key]
            parent = mark.parentItem()
            if key not in wanted or parent is None or parent.scene() is not self.scene:
                self._drop(key)
        for key in wanted - set(self.marks):
            self.marks[key] = self._mark(*key)

    def _drop(self, key: tuple[str, int]) -> None:
        mark = self.marks.pop(key)
        parent = mark.parentItem()
        if parent is not None:
            if key[0] in ("marker", "note"):
                parent.setOpacity(1.0)
            if mark.scene() is not None:
                mark.scene().removeItem(mark)

    def _mark(self, kind: str, item_id: int) -> QGraphicsItem:
        if kind in ("marker", "note"):
            items = self.scene.markers if kind == "marker" else self.scene.notes
            parent: QGraphicsItem = items[item_id]
            parent.setOpacity(RESOLVED_OPACITY)
            mark = QGraphicsSimpleTextItem(TICK, parent)
            mark.setFont(style.font(9 if kind == "marker" else 12, bold=True))
            mark.setBrush(QColor("#2e7d32"))
            right = parent.boundingRect().right()
            mark.setPos(QPointF(6, -14) if kind == "marker" else QPointF(right - 16, 2))
            names = [o.title for o in self.portfolio.opportunities if o.status == "done"
                     and o.id in self.portfolio.by_pain_point.get(item_id, ())]  # fmt: skip
            mark.setToolTip("Resolved by " + ", ".join(repr(n) for n in names))
            return mark
        parent = self.scene.cards[item_id]
        mark = QGraphicsSimpleTextItem(TARGET, parent)
        mark.setFont(style.font(8, bold=True))
        mark.setBrush(QColor("#b0452f"))
        rect = parent.boundingRect()
        mark.setPos(rect.right() - 13, rect.top() + 1)
        titles = [
            o.title for o in self.portfolio.opportunities
            if o.id in self.portfolio.by_target_touchpoint.get(item_id, ())
        ]  # fmt: skip
        mark.setToolTip("Targeted by " + ", ".join(repr(t) for t in titles))
        return mark
