"""The capture bar: type what the room calls out, press Enter, it is on the map.

Keyboard only: the title box keeps the focus; Tab / Shift+Tab walk title →
stage → lane → kind, arrows and type-ahead pick inside a list, Alt+arrows
change the stage (←/→) or lane (↑/↓) without leaving the title box. Each
Enter is one committed edit and one undo step, and the cell stays for the
next capture. A half-typed title is not a touchpoint yet: it is kept in the
user's settings (not in the workspace) and offered again next time.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from journeymapper import editing
from journeymapper.editing import Changes
from journeymapper.model.enums import CARD_LANE_KINDS, AnnotationKind
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.commands import named
from journeymapper.ui.controller import DocumentController

TOUCHPOINT = "touchpoint"
PIN_STAGE, PIN_CARD = "stage", "card"
DRAFT_KEY = "workshop/draft_title"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CaptureBar(QWidget):
    """Kind, stage, lane (or pin) and title; Enter adds through the controller."""

    #: (table, id) of what was just added: "touchpoint" or "annotation".
    captured = Signal(str, int)
    #: A short message for the workshop bar (why nothing was added).
    message = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        scene: JourneyScene,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("captureBar")
        self.controller = controller
        self.scene = scene
        self.settings = settings
        self.kind = QComboBox()
        self.kind.addItem("Touchpoint", TOUCHPOINT)
        for kind in AnnotationKind:
            self.kind.addItem(kind.label, kind.value)
        self.stage = QComboBox()
        self.lane = QComboBox()
        self.pin = QComboBox()
        self.pin.addItem("on the stage", PIN_STAGE)
        self.pin.addItem("on the selected card", PIN_CARD)
        self.pin.setItemData(
            1, "The selected card, or else the card captured last", Qt.ItemDataRole.ToolTipRole
        )
        #: The card a pin "on the selected card" falls back to when nothing is selected.
        self.last_card: int | None = None
        self.title = QLineEdit()
        self.add_button = QPushButton("Add ⏎")
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self.commit)
        for combo in (self.kind, self.stage, self.lane, self.pin):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.setSpacing(8)
        row.addWidget(self.kind)
        self._in = QLabel("in")
        row.addWidget(self._in)
        row.addWidget(self.stage)
        row.addWidget(self.lane)
        row.addWidget(self.pin)
        row.addWidget(self.title, 1)
        row.addWidget(self.add_button)
        for widget in (self.kind, self.stage, self.lane, self.pin, self.title):
            widget.installEventFilter(self)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title.textChanged.connect(self._save_draft)
        scene.selectionChanged.connect(self._remember_card)
        controller.journeyChanged.connect(self.refill)
        controller.changed.connect(self._on_changed)
        self._kind_changed()
        self.refill()

    # -- what the bar offers ---------------------------------------------------------
    def refill(self) -> None:
        """Stages and card lanes of the journey shown (channels, and a blueprint's layers when
        it shows as one), keeping the chosen cell if it is there."""
        data = self.scene.data
        stages = [(s.name, s.id) for s in data.stages] if data else []
        lanes = (
            [(ln.name, ln.id) for ln in data.lanes if ln.kind in CARD_LANE_KINDS] if data else []
        )
        _fill(self.stage, stages)
        _fill(self.lane, lanes)
        doc = self.controller.doc
        usable = bool(stages) and doc is not None and not doc.read_only
        self.setEnabled(usable)

    def _on_changed(self, changes: Changes) -> None:
        if {"stage", "lane", "journey"} & set(changes.ids):
            self.refill()

    def _kind_changed(self) -> None:
        touchpoint = self.kind.currentData() == TOUCHPOINT
        self.lane.setVisible(touchpoint)
        self.pin.setVisible(not touchpoint)
        what = "touchpoint" if touchpoint else self.kind.currentText().lower()
        self.title.setPlaceholderText(f"Type a {what} and press Enter")

    def chain(self) -> list[QWidget]:
        """The Tab order, looping inside the bar."""
        return [
            self.title,
            self.stage,
            self.lane if self.lane.isVisibleTo(self) else self.pin,
            self.kind,
        ]

    def set_cell(self, stage_id: int | None = None, lane_id: int | None = None) -> None:
        if stage_id is not None:
            _select(self.stage, stage_id)
        if lane_id is not None:
            _select(self.lane, lane_id)

    def cell(self) -> tuple[int | None, int | None]:
        return self.stage.currentData(), self.lane.currentData()

    def set_kind(self, kind: str) -> None:
        _select(self.kind, kind)

    def focus_title(self) -> None:
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- capturing ----------------------------------------------------------------------
    def commit(self) -> int | None:
        """Add what is typed to the chosen cell; the id added, or None (the text stays)."""
        text = self.title.text().strip()
        self.focus_title()
        if not text:
            return None
        kind = self.kind.currentData()
        stage_id, lane_id = self.cell()
        if stage_id is None:
            self.message.emit("This journey has no stage to add to.")
            return None
        if kind == TOUCHPOINT:
            if lane_id is None:
                self.message.emit("This journey has no channel lane to add touchpoints to.")
                return None
            result = self.controller.run(
                named("Capture", text),
                editing.add_touchpoint,
                stage_id=stage_id,
                lane_id=lane_id,
                title=text,
            )
        else:
            pin: dict[str, int] = {"stage_id": stage_id}
            if self.pin.currentData() == PIN_CARD:
                card = self.card_to_pin()
                if card is None:
                    self.message.emit("Select a card first (or pin to the stage).")
                    return None
                pin = {"touchpoint_id": card}
            label = AnnotationKind(kind).label.lower()
            result = self.controller.run(
                named(f"Capture {label}", text), editing.add_annotation, kind=kind, text=text, **pin
            )
        if result is None or result.created_id is None:
            return None
        self.title.setText("")  # also clears the box's own undo history: Ctrl+Z is the map's now
        self._save_draft("")
        table = TOUCHPOINT if kind == TOUCHPOINT else "annotation"
        if table == TOUCHPOINT:
            self.last_card = result.created_id
            self.scene.select_touchpoints([result.created_id])
        self.captured.emit(table, result.created_id)
        return result.created_id

    def card_to_pin(self) -> int | None:
        """The selected card, or the one captured or selected last (other views may clear the
        selection after an edit; the room still means that card)."""
        selected = self.scene.selected_touchpoints()
        if selected:
            return selected[0]
        return self.last_card if self.last_card in self.scene.cards else None

    def _remember_card(self) -> None:
        try:
            selected = self.scene.selected_touchpoints()
        except RuntimeError:  # the scene is being destroyed with the window
            return
        if selected:
            self.last_card = selected[0]

    # -- the half-typed title -------------------------------------------------------------
    def _save_draft(self, text: str) -> None:
        if self.settings is None:
            return
        if text:
            self.settings.setValue(DRAFT_KEY, text)
        else:
            self.settings.remove(DRAFT_KEY)
        self.settings.sync()

    def restore_draft(self) -> None:
        """Offer the title that was being typed when the app last closed."""
        if self.settings is not None and not self.title.text():
            draft = self.settings.value(DRAFT_KEY, "")
            if isinstance(draft, str) and draft:
                self.title.setText(draft)

    # -- keys -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        try:  # an exception escaping an event filter aborts PySide: report it, go on
            return self._filter(watched, event)
        except Exception:  # noqa: BLE001
            traceback.print_exc()
            return False

    def _filter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and watched is self.title:
            assert isinstance(event, QKeyEvent)
            # The box's own undo first; once it has none, Ctrl+Z undoes the last capture.
            undo = event.matches(QKeySequence.StandardKey.Undo) and not self.title.isUndoAvailable()
            redo = event.matches(QKeySequence.StandardKey.Redo) and not self.title.isRedoAvailable()
            return bool(undo or redo)
        if kind != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        if key in ENTER_KEYS:
            self.commit()
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            chain = self.chain()
            here = chain.index(watched) if watched in chain else 0
            step = (
                -1 if key == Qt.Key.Key_Backtab or mods & Qt.KeyboardModifier.ShiftModifier else 1
            )
            chain[(here + step) % len(chain)].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if watched is self.title and mods & Qt.KeyboardModifier.AltModifier:
            moves = {
                Qt.Key.Key_Left: (self.stage, -1),
                Qt.Key.Key_Right: (self.stage, 1),
                Qt.Key.Key_Up: (self.lane, -1),
                Qt.Key.Key_Down: (self.lane, 1),
            }
            if key in moves:
                combo, step = moves[key]
                if combo.count():
                    combo.setCurrentIndex(
                        max(0, min(combo.count() - 1, combo.currentIndex() + step))
                    )
                return True
        return False


def _fill(combo: QComboBox, items: list[tuple[str, int]]) -> None:
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for name, item_id in items:
        combo.addItem(name, item_id)
    combo.blockSignals(False)
    if keep is not None:
        _select(combo, keep)


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
