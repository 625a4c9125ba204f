"""The scene's stage focus (the workshop's stage view): lay out for one stage, hide overlaps.

While a stage is focused the scene lays itself out with
:func:`journeymapper.geometry.stage_focus.focus_layout` (lanes as tall as that stage
needs) and hides the other stages' cards that would overlap; leaving the focus lays the
map out normally again and shows them. Each switch costs one relayout, never per frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from journeymapper.geometry import stage_focus as geo_focus
from journeymapper.geometry.card_text import CardText
from journeymapper.geometry.layout import compute_layout
from journeymapper.geometry.shapes import MapLayout
from journeymapper.store.journey_data import JourneyData, TouchpointData

if TYPE_CHECKING:
    from journeymapper.ui.canvas.items import CardItem

#: What a fitted card text depends on besides the width: the row object and its votes.
_Key = tuple[int, int, bool]


class FocusedScene(Protocol):
    """What the focus needs of the scene (the scene imports this module, not the reverse)."""

    cards: dict[int, CardItem]
    focus: StageFocus | None
    data: JourneyData | None
    layout: MapLayout

    def relayout(self, keep_text: bool = False) -> None: ...


class StageFocus:
    """One focused stage: builds its layouts and knows which cards it hides."""

    def __init__(
        self,
        stage_id: int,
        normal: MapLayout | None = None,
        texts: dict[int, tuple[_Key, CardText]] | None = None,
    ) -> None:
        self.stage_id = stage_id
        self.hidden: set[int] = set()
        #: Card text at its normal width, by card, with what it was fitted from.
        self.texts: dict[int, tuple[_Key, CardText]] = texts or {}
        self._normal = normal

    def layout(
        self, data: JourneyData, cells: dict[tuple[int, int], list[TouchpointData]], metrics: bool
    ) -> MapLayout:
        """The focused layout; reuses each other-stage card's text while its row is unchanged."""
        if all(s.id != self.stage_id for s in data.stages):  # the stage was deleted
            self.hidden = set()
            return compute_layout(data, cells, metrics=metrics)
        keys = {i: (id(tp), tp.votes, metrics) for i, tp in data.touchpoints.items()}
        if self._normal is not None:  # the first time: the normal layout's texts
            self.texts = {
                i: (keys[i], text)
                for i, text in self._normal.card_text.items()
                if i in keys and self._normal.metrics == metrics
            }
            self._normal = None
        borrowed = {i: text for i, (key, text) in self.texts.items() if keys.get(i) == key}
        pins: dict[int, int] = {}
        for ann in data.annotations:
            if ann.touchpoint_id is not None:
                pins[ann.touchpoint_id] = pins.get(ann.touchpoint_id, 0) + 1
        focus = geo_focus.focus_layout(
            data, cells, self.stage_id, metrics=metrics, borrowed=borrowed, pins=pins
        )
        lay = focus.layout
        for tp_id, text in lay.card_text.items():
            tp = data.touchpoints.get(tp_id)
            if tp is not None and tp.stage_id != self.stage_id:
                self.texts[tp_id] = (keys[tp_id], text)
        self.hidden = focus.hidden_cards
        return lay

    def apply(self, scene: FocusedScene) -> None:
        """Hide the cards that would overlap (after the scene placed the others)."""
        for tp_id, card in scene.cards.items():
            visible = tp_id not in self.hidden
            if card.isVisible() != visible:
                card.setVisible(visible)


def set_focus(scene: FocusedScene, stage_id: int | None) -> None:
    """Focus the scene on a stage (None: the normal layout, every card shown)."""
    old = scene.focus
    if (old.stage_id if old else None) == stage_id or scene.data is None:
        return
    if stage_id is None:
        scene.focus = None
        for card in scene.cards.values():
            if not card.isVisible():
                card.setVisible(True)
    else:
        normal = scene.layout if old is None else None
        scene.focus = StageFocus(stage_id, normal, old.texts if old else None)
    scene.relayout()
