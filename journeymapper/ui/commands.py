"""One undo command for every edit: it replays the editing API's own inverses.

Each editing operation returns the :class:`Edit` that undoes it, and applying
an inverse returns the redo, so a single command class serves every gesture.
Typing into one field of one item merges into a single undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from journeymapper import editing
from journeymapper.editing import Changes, Edit, EditResult
from journeymapper.model.document import Document

#: Ids of commands that merge: commands with the same id and merge key combine.
MERGE_ID = 4711


class EditCommand(QUndoCommand):
    """Apply an :class:`Edit` on redo, its recorded inverse on undo."""

    def __init__(
        self,
        doc_getter: Callable[[], Document],
        edit: Edit,
        text: str,
        notify: Callable[[Changes], None],
        merge_key: tuple[object, ...] | None = None,
        done: EditResult | None = None,
    ) -> None:
        """``done`` is the result of an edit already applied (validated before the push)."""
        super().__init__(text)
        self._doc = doc_getter
        self._redo_edit: Edit | None = edit
        self._undo_edit: Edit | None = None
        self._notify = notify
        self._merge_key = merge_key
        self.result: EditResult | None = done

    def redo(self) -> None:
        if self.result is not None and self._undo_edit is None:
            self._undo_edit = self.result.inverse  # first push: already applied
            self._notify(self.result.changes)
            return
        assert self._redo_edit is not None
        self.result = editing.apply(self._doc(), self._redo_edit)
        self._undo_edit = self.result.inverse
        self._notify(self.result.changes)

    def undo(self) -> None:
        assert self._undo_edit is not None
        result = editing.apply(self._doc(), self._undo_edit)
        self._redo_edit = result.inverse
        self._notify(result.changes)

    def id(self) -> int:
        return MERGE_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, EditCommand) or other._merge_key != self._merge_key:
            return False
        # Keep our undo (the state before the first keystroke); take their redo.
        self._redo_edit = other._redo_edit
        return True
