"""Survey imports that make new cards for unmatched labels, mixed with edits, undo and redo.

An import either writes everything (the cards and their values) as one undo step, or,
refused, leaves the file as it was; undo all returns the start, redo all the end.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.interchange.mapping import Mapping, NewCard
from journeymapper.interchange.report import ImportFailed
from journeymapper.interchange.survey_csv import import_survey
from journeymapper.model.document import Document
from journeymapper.model.errors import EditError
from tests.conftest import dump, position_problems
from tests.test_editing_properties import _base_bytes

LABELS = st.sampled_from(["Landing", "Kiosk", "Parking", "  parking ", "Ünïcödé"])
GOOD_PLACES = st.sampled_from(
    [NewCard("Purchase", "Store"), NewCard("awareness", "website"), NewCard("Purchase", "")]
)
PLACES = st.one_of(
    GOOD_PLACES, st.sampled_from([NewCard("Nowhere", "Store"), NewCard("Purchase", "Thoughts")])
)
ANSWERS = st.one_of(st.integers(0, 10).map(str), st.sampled_from(["11", "x", ""]))


class ImportMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="jm-import-"))
        path = self.folder / "map.jmap"
        path.write_bytes(_base_bytes(self.folder))
        self.doc = Document.open(path)
        self.journey = self.doc.rows("SELECT id FROM journey ORDER BY position, id")[0][0]
        self.start = dump(self.doc)
        self.undo_stack: list[Edit] = []
        self.redo_stack: list[Edit] = []

    @rule(
        rows=st.lists(st.tuples(LABELS, ANSWERS, st.sampled_from(["", "Purchase"])), max_size=4),
        create=st.dictionaries(LABELS, PLACES, max_size=2),
        unmatched=st.one_of(st.none(), GOOD_PLACES),
    )
    def import_survey(
        self,
        rows: list[tuple[str, str, str]],
        create: dict[str, NewCard],
        unmatched: NewCard | None,
    ) -> None:
        text = "label,stage,date,nps\n"
        text += "".join(f"{label},{stage},2026-03-01,{a}\n" for label, a, stage in rows)
        mapping = Mapping(
            columns={0: "touchpoint", 1: "stage", 2: "date", 3: "recommend"},
            create=create,
            create_unmatched=unmatched,
        )
        before = dump(self.doc)
        try:
            result = import_survey(self.doc, text.encode(), "s.csv", self.journey, mapping=mapping)
        except ImportFailed as exc:
            assert exc.report.problems
            assert dump(self.doc) == before, "a refused import changed the file"
            event("import refused")
            return
        event(f"import made {result.counts.get('touchpoints', 0)} card(s)")
        self.undo_stack.append(result.inverse)
        self.redo_stack.clear()

    @rule(data=st.data())
    def delete_touchpoint(self, data: st.DataObject) -> None:
        ids = [r[0] for r in self.doc.rows("SELECT id FROM touchpoint ORDER BY id")]
        if ids:
            try:
                result = editing.delete_touchpoint(self.doc, data.draw(st.sampled_from(ids)))
            except EditError:
                return
            self.undo_stack.append(result.inverse)
            self.redo_stack.clear()

    @rule()
    def undo(self) -> None:
        if self.undo_stack:
            self.redo_stack.append(editing.apply(self.doc, self.undo_stack.pop()).inverse)

    @rule()
    def redo(self) -> None:
        if self.redo_stack:
            self.undo_stack.append(editing.apply(self.doc, self.redo_stack.pop()).inverse)

    @invariant()
    def positions_are_contiguous(self) -> None:
        assert position_problems(self.doc) == []

    def teardown(self) -> None:
        try:
            end = dump(self.doc)
            redo: list[Edit] = []
            while self.undo_stack:
                redo.append(editing.apply(self.doc, self.undo_stack.pop()).inverse)
            assert dump(self.doc) == self.start
            while redo:
                editing.apply(self.doc, redo.pop())
            assert dump(self.doc) == end
            assert self.doc.rows("PRAGMA foreign_key_check") == []
        finally:
            self.doc.close()
            shutil.rmtree(self.folder, ignore_errors=True)


ImportMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestImportMachine = ImportMachine.TestCase
