"""Copy and paste of touchpoint cards through the system clipboard.

Cards travel as JSON under their own MIME type (plus their titles as plain text
for other programs); a paste adds copies into one cell as one undo step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.model.enums import CARD_LANE_KINDS

if TYPE_CHECKING:
    from journeymapper.store.journey_data import TouchpointData
    from journeymapper.ui.canvas.scene import JourneyScene

CLIPBOARD_MIME = "application/x-journeymapper-touchpoints"
COPIED_FIELDS = ("title", "description", "interaction", "owner", "emotion", "colour", "evidence")


#: A step's fields, copied when set (a plain touchpoint's copy stays plain).
STEP_FIELDS = ("system", "duration_min", "wait_min", "failure_point")


def card_fields(tp: TouchpointData) -> dict[str, Any]:
    """The fields a copy of a card keeps (not its place, id or measurements)."""
    fields = {f: getattr(tp, f) for f in COPIED_FIELDS}
    fields.update({f: v for f in STEP_FIELDS if (v := getattr(tp, f)) not in (None, False)})
    return fields


def can_paste() -> bool:
    mime = QGuiApplication.clipboard().mimeData()
    return mime is not None and mime.hasFormat(CLIPBOARD_MIME)


def release_clipboard() -> None:
    """Leave copied cards on the clipboard as their titles only, before Python shuts down.
    Qt would otherwise delete the Python-made QMimeData after the interpreter is gone,
    which crashes the app on its way out."""
    board = QGuiApplication.clipboard()  # None: no application (nothing was copied)
    mime = board.mimeData() if board is not None else None
    if mime is not None and mime.hasFormat(CLIPBOARD_MIME):
        board.setText(mime.text())  # deletes ours at once; Qt makes the text's own


def _copied_cards() -> list[dict[str, Any]] | None:
    """The cards on the clipboard; None when it holds nothing of ours (or unreadable JSON)."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None or not mime.hasFormat(CLIPBOARD_MIME):
        return None
    try:
        items = json.loads(bytes(mime.data(CLIPBOARD_MIME).data()).decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(items, list):
        return []
    return [i for i in items if isinstance(i, dict) and i.get("title")]


class Clipboard:
    """Copy the scene's selected cards; paste cards into the selected or last clicked cell."""

    def __init__(
        self, scene: JourneyScene, add_and_select: Callable[[str, list[Edit]], list[int]]
    ) -> None:
        self.scene = scene
        #: Runs the paste as one step and selects the new cards (``CanvasActions.add_and_select``).
        self.add_and_select = add_and_select
        #: The cell last clicked (paste target when no card is selected).
        self.current_cell: tuple[int, int] | None = None

    def copy_selection(self) -> int:
        data = self.scene.data
        if data is None:
            return 0
        items = [card_fields(data.touchpoints[t]) for t in self.scene.selected_touchpoints()]
        if not items:
            return 0
        mime = QMimeData()
        mime.setData(CLIPBOARD_MIME, json.dumps(items).encode("utf-8"))
        mime.setText("\n".join(i["title"] for i in items))
        QGuiApplication.clipboard().setMimeData(mime)
        return len(items)

    def paste(self) -> list[int]:
        """Paste copied touchpoints into the selected card's cell (or the last clicked cell)."""
        controller = self.scene.controller
        if controller is None or self.scene.data is None:
            return []
        items = _copied_cards()
        if items is None:
            return []
        cell = self.target_cell()
        if cell is None:
            controller.errorOccurred.emit("Click a channel cell to paste into first.")
            return []
        edits = [
            Edit.of(
                editing.add_touchpoint,
                stage_id=cell[0],
                lane_id=cell[1],
                **{f: i[f] for f in COPIED_FIELDS if f in i},
            )
            for i in items
        ]
        return self.add_and_select("Paste", edits)

    def target_cell(self) -> tuple[int, int] | None:
        """The selected card's cell, else the last clicked channel cell."""
        data = self.scene.data
        assert data is not None
        selected = self.scene.selected_touchpoints()
        if selected:
            tp = data.touchpoints[selected[0]]
            return tp.stage_id, tp.lane_id
        channel = {ln.id for ln in data.lanes if ln.kind in CARD_LANE_KINDS}
        current = self.current_cell
        if current and current[1] in channel:
            return current
        return None
