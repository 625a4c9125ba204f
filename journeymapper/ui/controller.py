"""The document controller: the one place the UI turns gestures into edits.

Widgets call :meth:`DocumentController.run` with an editing operation; the
edit is applied (validated and committed) first, then recorded on the undo
stack, and :attr:`changed` tells every view which ids to refresh. Widgets
never write to the database themselves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.exc import SQLAlchemyError

from journeymapper import editing
from journeymapper.editing import Changes, Edit, EditResult
from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError, describe_write_failure
from journeymapper.store.journey_data import journey_ids
from journeymapper.ui.commands import EditCommand


class DocumentController(QObject):
    #: Ids touched by an edit, undo or redo (a :class:`Changes`).
    changed = Signal(object)
    #: Another document or journey is shown: views rebuild.
    journeyChanged = Signal()
    #: A refused edit or a failed file operation, as a message for the user. Every
    #: failure of an edit, undo or redo (refused value, full disk, I/O error, read-only,
    #: locked) ends here, once; the file, the undo stack and the scene stay equal.
    errorOccurred = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.journey_id: int | None = None
        self.undo_stack = QUndoStack(self)

    # -- documents ------------------------------------------------------
    def set_document(self, doc: Document, journey_id: int | None = None) -> None:
        if self.doc is not None and self.doc is not doc:
            self.doc.close()
        self.doc = doc
        self.undo_stack.clear()
        journeys = journey_ids(doc)
        if journey_id is None and journeys:
            journey_id = journeys[0][0]
        self.journey_id = journey_id
        self.journeyChanged.emit()

    def set_journey(self, journey_id: int) -> None:
        if journey_id != self.journey_id:
            self.journey_id = journey_id
            self.journeyChanged.emit()

    def close_document(self) -> None:
        if self.doc is not None:
            self.undo_stack.clear()
            self.doc.close()
            self.doc = None
            self.journey_id = None

    @property
    def path(self) -> Path | None:
        return self.doc.path if self.doc else None

    def _current(self) -> Document:
        assert self.doc is not None
        return self.doc

    # -- edits ----------------------------------------------------------
    def run(
        self,
        label: str,
        operation: Callable[..., EditResult],
        /,
        *,
        merge_key: tuple[object, ...] | None = None,
        **args: Any,
    ) -> EditResult | None:
        """Apply one editing operation and record it for undo under ``label``; None when refused.

        ``operation`` is the public editing function (``editing.move_touchpoint``).
        """
        return self.run_edit(label, Edit.of(operation, **args), merge_key=merge_key)

    def run_edit(
        self, text: str, edit: Edit, *, merge_key: tuple[object, ...] | None = None
    ) -> EditResult | None:
        if self.doc is None:
            return None
        try:
            result = editing.apply(self.doc, edit)
        except JourneyMapperError as exc:
            self.errorOccurred.emit(str(exc))
            return None
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:  # outside a transaction
            self.errorOccurred.emit(describe_write_failure(exc, self.doc.path))
            return None
        command = EditCommand(
            self._current,
            edit,
            text,
            self._notify,
            merge_key=merge_key,
            done=result,
            failed=self._replay_failed,
        )
        self.undo_stack.push(command)
        return result

    def record(self, label: str, result: EditResult) -> None:
        """Put an edit already applied elsewhere (an import) on the undo stack as one step."""
        command = EditCommand(
            self._current,
            result.inverse,
            label,
            self._notify,
            done=result,  # type: ignore[arg-type]
            failed=self._replay_failed,
        )
        self.undo_stack.push(command)

    def run_batch(self, text: str, edits: list[Edit]) -> EditResult | None:
        """Several edits as one transaction and one undo step."""
        if not edits:
            return None
        if len(edits) == 1:
            return self.run_edit(text, edits[0])
        return self.run_edit(text, Edit.of(editing.batch, edits=edits))

    def _replay_failed(self, command: EditCommand, direction: str, message: str) -> None:
        """An undo or redo the file refused: tell the user, then step the stack back.

        The stack has already moved; stepping back (without touching the file, see
        :attr:`EditCommand.skip_next`) keeps it equal to the file. Qt forbids moving
        the stack from inside a command, so the step waits for the event loop.
        """
        self.errorOccurred.emit(message)
        command.skip_next = True
        step = self.undo_stack.redo if direction == "undo" else self.undo_stack.undo
        QTimer.singleShot(0, step)

    def _notify(self, changes: Changes) -> None:
        self.changed.emit(changes)
