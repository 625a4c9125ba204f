"""Step 2 of the mapping dialog: each survey label paired with a card, skipped, or made new.

Each label of the touchpoint column gets the closest card titles (closest first); a
label that names no card can skip its rows or become a new card. A new card goes to
the stage and lane of its rows' own columns where those are mapped; what they do not
say is chosen here, from the journey's stages and channel lanes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper.interchange import mapping as mp
from journeymapper.interchange.mapping.matching import touchpoint_titles
from journeymapper.interchange.new_cards import card_places
from journeymapper.model.document import Document

SKIP = "— skip these rows —"
CREATE = "+ new card titled like the label"
#: Row index of the "new card" entry in a label's choice (after SKIP).
CREATE_INDEX = 1
_FROM_ROW = "the row's"


class LabelStep(QWidget):
    """The label table: label, rows, touchpoint choice, and where a new card goes."""

    def __init__(self, doc: Document | None, journey_id: int | None) -> None:
        super().__init__()
        self.doc, self.journey_id = doc, journey_id
        self.combos: dict[str, QComboBox] = {}
        self.places: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            ["Label in the file", "Rows", "Touchpoint", "New card in"]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)

    def clear(self) -> None:
        self.combos, self.places = {}, {}

    def fill(self, shape: mp.Shape, mapping: mp.Mapping, start: mp.Mapping | None) -> None:
        """One row per distinct label, with the start mapping's choices where it has them."""
        titles = touchpoint_titles(self.doc, self.journey_id) if self.doc else []
        labels = mp.distinct_labels(shape, mapping)
        matches = mp.match_labels(labels.elements(), titles)
        used = set(mapping.used().values())
        options = self._place_options("stage" in used, "lane" in used)
        self.clear()
        self.table.setRowCount(len(matches))
        for r, m in enumerate(matches):
            self.table.setItem(r, 0, QTableWidgetItem(m.label))
            self.table.setItem(r, 1, QTableWidgetItem(str(m.count)))
            combo = QComboBox()
            combo.addItem(SKIP, None)
            combo.addItem(CREATE, None)
            rest = [t for t in titles if t not in m.candidates]
            for t in [*m.candidates, *rest]:
                combo.addItem(t, t)
            combo.setCurrentIndex(max(0, combo.findData(m.choice)) if m.choice else 0)
            combo.setAccessibleName(f"Touchpoint for {m.label}")
            place = QComboBox()
            for text, card in options:
                place.addItem(text, card)
            place.setAccessibleName(f"New card for {m.label} in")
            place.setPlaceholderText("—")
            self._start(m, combo, place, start)
            combo.currentIndexChanged.connect(lambda _i, c=combo, p=place: _follow(c, p))
            self.table.setCellWidget(r, 2, combo)
            self.table.setCellWidget(r, 3, place)
            _follow(combo, place)
            self.combos[m.label], self.places[m.label] = combo, place
            if m.choice is None:
                self.table.item(r, 0).setBackground(QColor("#fdecc8"))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        missing = sum(1 for m in matches if m.choice is None)
        note = (
            f" {missing} not matched: pick a touchpoint, make a new card, or skip their rows."
            if missing
            else ""
        )
        self.intro.setText(
            "<b>Step 2 of 2 — touchpoints.</b> Each label of the touchpoint column is "
            f"paired with the closest card title; check the pairs.{note}"
        )

    def _place_options(self, row_stage: bool, row_lane: bool) -> list[tuple[str, mp.NewCard]]:
        """Where a new card may go: only what the row's own columns do not say."""
        stages, lanes = card_places(self.doc, self.journey_id) if self.doc else ([], [])
        if row_stage and row_lane:
            return [("the row's stage and lane", mp.NewCard())]
        if row_stage:
            return [(f"{_FROM_ROW} stage / {ln}", mp.NewCard("", ln)) for ln in lanes]
        if row_lane:
            return [(f"{s} / {_FROM_ROW} lane", mp.NewCard(s, "")) for s in stages]
        return [(f"{s} / {ln}", mp.NewCard(s, ln)) for s in stages for ln in lanes]

    def _start(
        self, m: mp.LabelMatch, combo: QComboBox, place: QComboBox, start: mp.Mapping | None
    ) -> None:
        """The choices a profile (or an earlier pass through the steps) made for a label;
        a profile's "new cards for unmatched labels" shows as a new card per such label."""
        if start is None:
            return
        label = m.label
        card = start.create.get(label)
        if card is None and m.choice is None and label not in start.matches:
            card = start.create_unmatched
        if card is not None:
            combo.setCurrentIndex(CREATE_INDEX)
            found = next((i for i in range(place.count()) if place.itemData(i) == card), -1)
            place.setCurrentIndex(max(0, found))
        elif label in start.matches:
            title = start.matches[label]
            combo.setCurrentIndex(0 if title is None else max(0, combo.findData(title)))

    def chosen(self) -> tuple[dict[str, str | None], dict[str, mp.NewCard]]:
        """(label → title or None to skip, label → new card) as chosen on screen."""
        matches: dict[str, str | None] = {}
        create: dict[str, mp.NewCard] = {}
        for label, combo in self.combos.items():
            if combo.currentIndex() == CREATE_INDEX and self.places[label].count():
                create[label] = self.places[label].currentData()
            else:
                data = combo.currentData()
                matches[label] = None if data is None else str(data)
        return matches, create

    def problems(self) -> list[str]:
        """New cards with nowhere to go (a journey without stages or channel lanes)."""
        return [
            f"A new card for {label!r} has no stage and lane to go to."
            for label, combo in self.combos.items()
            if combo.currentIndex() == CREATE_INDEX and not self.places[label].count()
        ]


def _follow(combo: QComboBox, place: QComboBox) -> None:
    """The place choice is open (and shows a place) only while the label makes a new card."""
    making = combo.currentIndex() == CREATE_INDEX
    place.setEnabled(making)
    if not making:
        place.setCurrentIndex(-1)  # the placeholder: no place to read for a matched label
    elif place.currentIndex() < 0 and place.count():
        place.setCurrentIndex(0)
