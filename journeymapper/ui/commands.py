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
from journeymapper.model.errors import JourneyMapperError

#: Told when replaying an undo or redo failed: (command, "undo" or "redo", message).
FailureHandler = Callable[["EditCommand", str, str], None]

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
        failed: FailureHandler | None = None,
    ) -> None:
        """``done`` is the result of an edit already applied (validated before the push).

        ``failed`` hears of an undo or redo the file refused (full disk, read-only):
        the file is unchanged, so the stack must step back (see :attr:`skip_next`).
        """
        super().__init__(text)
        self._failed = failed
        #: Set while the stack steps back over a failed replay: the file is already there.
        self.skip_next = False
        self._doc = doc_getter
        self._redo_edit: Edit | None = edit
        self._undo_edit: Edit | None = None
        self._notify = notify
        self._merge_key = merge_key
        self.result: EditResult | None = done
        #: The result of the last undo (what a redo checks, like an undo checks ``result``).
        self._undone: EditResult | None = None

    def redo(self) -> None:
        if self.result is not None and self._undo_edit is None:
            self._undo_edit = self.result.inverse  # first push: already applied
            self._notify(self.result.changes)
            return
        if self.skip_next:
            self.skip_next = False
            return
        assert self._redo_edit is not None
        try:
            result = editing.apply(self._doc(), self._redo_edit, undoing=self._undone)
        except JourneyMapperError as exc:
            self._refused("redo", exc)
            return
        self.result = result
        self._undo_edit = result.inverse
        self._notify(result.changes)

    def undo(self) -> None:
        if self.skip_next:
            self.skip_next = False
            return
        assert self._undo_edit is not None
        try:
            # On a team workspace, refused when someone else changed these items since.
            result = editing.apply(self._doc(), self._undo_edit, undoing=self.result)
        except JourneyMapperError as exc:
            self._refused("undo", exc)
            return
        self._undone = result
        self._redo_edit = result.inverse
        self._notify(result.changes)

    def _refused(self, direction: str, exc: JourneyMapperError) -> None:
        if self._failed is None:
            raise exc
        self._failed(self, direction, str(exc))

    def id(self) -> int:
        return MERGE_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, EditCommand) or other._merge_key != self._merge_key:
            return False
        # Keep our undo (the state before the first keystroke); take their redo.
        self._redo_edit = other._redo_edit
        return True


def named(verb: str, name: str, limit: int = 32) -> str:
    """An undo step's text that names its item: ``Move 'Till queue'`` (long names elided), so
    Edit > Undo says what it will undo."""
    name = " ".join(name.split())
    if len(name) > limit:
        name = name[: limit - 1].rstrip() + "…"
    return f"{verb} '{name}'"
