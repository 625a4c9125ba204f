"""Property test: any sequence of edits can be undone to the exact prior file and redone.

A hypothesis state machine performs random edits (many of them invalid on
purpose) on a small workspace, the way a user with an undo stack would:
refused edits must leave the file as it was; accepted ones push their inverse.
Undo and redo happen along the way. At the end every inverse is applied in
reverse order and the database must equal the starting content row for row,
then every redo is applied and it must equal the content after the run.

Along the way a live health check (:class:`LiveHealth`, patched by each edit's changes
as the Health dock is) must always agree with a full check of the file, and so must the
Charts dock's live stage aggregates (:class:`LiveAggregates`) with a full computation.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from journeymapper import editing
from journeymapper.analysis.aggregates_live import LiveAggregates
from journeymapper.analysis.health import Thresholds, check_journey
from journeymapper.analysis.health_live import LiveHealth
from journeymapper.editing import Edit, EditResult
from journeymapper.model.document import Document
from journeymapper.model.enums import BUILTIN_METRICS
from journeymapper.model.errors import EditError
from journeymapper.store.journey_data import load_journey
from journeymapper.templates import create_workspace
from tests.aggregates_support import assert_live_aggregates_agree
from tests.conftest import dump, position_problems

MISSING = 99_999
NAMES = st.sampled_from(["Alpha", "Beta", "  Gamma ", "", "   ", "Ünïcödé", "x" * 40])
INDEXES = st.one_of(st.none(), st.integers(-2, 12))
COLOURS = st.sampled_from(["#aabbcc", "#ABCDEF", "#000000", "red", "#12345", ""])
EMOTIONS = st.one_of(st.none(), st.integers(-3, 3), st.just(1.5))
METRIC_KEYS = st.sampled_from([m.key for m in BUILTIN_METRICS] + ["no_such_metric"])
VALUES = st.one_of(
    st.integers(-120, 120),
    st.floats(-150, 150, allow_nan=False),
    st.sampled_from([float("nan"), float("inf"), True]),
)
DATES = st.dates().map(lambda d: d.isoformat()).filter(lambda s: "2000" <= s <= "2030")
PARTICIPANTS = st.sampled_from(["Ann", "Bo", "Cy"])
#: Health-check limits low enough that a small map trips every rule now and then.
LIMITS = Thresholds(max_touchpoints_per_stage=2, max_stage_effort=3.0, stale_days=400)
TODAY = dt.date(2026, 1, 1)

_BASE: dict[str, bytes] = {}


def _base_bytes(folder: Path) -> bytes:
    """A blank-template map plus a few cards, a second journey and a voting round (cached)."""
    if "bytes" not in _BASE:
        path = folder / "base.jmap"
        doc = create_workspace(path, "blank")
        journey = doc.rows("SELECT id FROM journey")[0][0]
        stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
        lanes = {r[1]: r[0] for r in doc.rows("SELECT id, name FROM lane")}
        tp = editing.add_touchpoint(doc, stages[0], lanes["Website"], "Landing").created_id
        editing.add_touchpoint(doc, stages[0], lanes["Website"], "Search")
        editing.add_touchpoint(doc, stages[1], lanes["Store"], "Shelf", emotion=1)
        editing.set_measurement(doc, tp, "csat", 4, "2024-01-01")
        editing.add_annotation(doc, "idea", "Chat", stage_id=stages[1])
        editing.add_annotation(doc, "pain_point", "Slow", touchpoint_id=tp)
        editing.set_text_cell(doc, stages[0], lanes["Customer actions"], "Searches")
        editing.add_vote_round(doc, journey, "Workshop", 2)
        opp = editing.add_opportunity(doc, "Faster checkout", owner="Ops").created_id
        editing.link_opportunity(doc, opp, touchpoint_id=tp)
        editing.add_solution(doc, opp, "Express lane")
        editing.add_target(doc, opp, "csat", 4.5, touchpoint_id=tp, from_value=4)
        backstage = editing.add_lane(doc, journey, "Kitchen", kind="backstage").created_id
        step = editing.add_touchpoint(
            doc, stages[1], backstage, "Restock", owner="Stock", wait_min=30.0
        ).created_id
        editing.add_connector(doc, tp, step, "handoff", "Order")
        other = editing.add_journey(doc, "Other").created_id
        stage = editing.add_stage(doc, other, "Elsewhere").created_id
        lane = editing.add_lane(doc, other, "Web").created_id
        editing.add_touchpoint(doc, stage, lane, "Foreign")
        doc.close()
        _BASE["bytes"] = path.read_bytes()
        path.unlink()
    return _BASE["bytes"]


class EditingMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="jm-prop-"))
        path = self.folder / "map.jmap"
        path.write_bytes(_base_bytes(self.folder))
        self.doc = self.open_document(path)
        self.start = self.snapshot()
        self.undo_stack: list[Edit] = []
        self.redo_stack: list[Edit] = []
        self.accepted = 0
        self.journey = self.ids("journey")[0]
        self.live = LiveHealth(self.doc, self.journey)
        self.aggregates = LiveAggregates(self.doc, self.journey)

    # -- the backend (a file here; tests/team runs the same machine on a server) --
    def open_document(self, path: Path) -> Document:
        return Document.open(path)

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, as committed."""
        return dump(self.doc)

    def dangling_references(self) -> list[Any]:
        return self.doc.rows("PRAGMA foreign_key_check")

    # -- helpers -------------------------------------------------------------
    def ids(self, table: str, where: str = "") -> list[int]:
        return [r[0] for r in self.doc.rows(f"SELECT id FROM {table} {where} ORDER BY id")]

    def pick(self, data: st.DataObject, table: str, where: str = "") -> int:
        """An existing id of ``table`` (or, now and then, one that does not exist)."""
        return data.draw(st.sampled_from([*self.ids(table, where), MISSING]), label=table)

    def do(self, call: Callable[[], EditResult]) -> None:
        before = self.snapshot()
        try:
            result = call()
        except EditError as exc:
            assert str(exc)
            assert self.snapshot() == before, f"refused edit changed the file: {exc}"
            return
        self.undo_stack.append(result.inverse)
        self.redo_stack.clear()
        self.accepted += 1
        self.live.apply(result.changes)
        self.aggregates.apply(result.changes)

    # -- stages and lanes ----------------------------------------------------
    @rule(data=st.data(), name=NAMES, index=INDEXES)
    def add_stage(self, data: st.DataObject, name: str, index: int | None) -> None:
        journey = self.pick(data, "journey")
        self.do(lambda: editing.add_stage(self.doc, journey, name, index=index))

    @rule(data=st.data(), name=NAMES, width=st.floats(50, 600), colour=COLOURS)
    def edit_stage(self, data: st.DataObject, name: str, width: float, colour: str) -> None:
        stage = self.pick(data, "stage")
        fields = data.draw(
            st.dictionaries(
                st.sampled_from(["name", "width", "colour"]), st.just(0), min_size=1
            ).map(lambda d: {k: {"name": name, "width": width, "colour": colour}[k] for k in d})
        )
        self.do(lambda: editing.edit_stage(self.doc, stage, **fields))

    @rule(data=st.data(), index=st.integers(-1, 8))
    def reorder_stage(self, data: st.DataObject, index: int) -> None:
        stage = self.pick(data, "stage")
        self.do(lambda: editing.reorder_stage(self.doc, stage, index))

    @rule(data=st.data())
    def delete_stage(self, data: st.DataObject) -> None:
        stage = self.pick(data, "stage")
        self.do(lambda: editing.delete_stage(self.doc, stage))

    @rule(
        data=st.data(),
        name=NAMES,
        kind=st.sampled_from(
            ["channel", "text", "emotion", "physical", "frontstage", "backstage", "support_process"]
        ),
        index=INDEXES,
    )
    def add_lane(self, data: st.DataObject, name: str, kind: str, index: int | None) -> None:
        journey = self.pick(data, "journey")
        self.do(lambda: editing.add_lane(self.doc, journey, name, kind=kind, index=index))

    @rule(data=st.data(), name=NAMES, support=st.booleans())
    def edit_lane(self, data: st.DataObject, name: str, support: bool) -> None:
        lane = self.pick(data, "lane")
        self.do(lambda: editing.edit_lane(self.doc, lane, name=name, is_support=support))

    @rule(data=st.data(), index=st.integers(-1, 14))
    def reorder_lane(self, data: st.DataObject, index: int) -> None:
        lane = self.pick(data, "lane")
        self.do(lambda: editing.reorder_lane(self.doc, lane, index))

    @rule(data=st.data())
    def delete_lane(self, data: st.DataObject) -> None:
        lane = self.pick(data, "lane")
        self.do(lambda: editing.delete_lane(self.doc, lane))

    # -- touchpoints and measurements ------------------------------------------
    @rule(data=st.data(), title=NAMES, index=INDEXES, emotion=EMOTIONS, colour=COLOURS)
    def add_touchpoint(
        self, data: st.DataObject, title: str, index: int | None, emotion: Any, colour: str
    ) -> None:
        stage, lane = self.pick(data, "stage"), self.pick(data, "lane")
        self.do(
            lambda: editing.add_touchpoint(
                self.doc, stage, lane, title, index=index, emotion=emotion, colour=colour
            )
        )

    @rule(
        data=st.data(),
        title=NAMES,
        emotion=EMOTIONS,
        evidence=st.sampled_from(["observed", "assumed", "proposed", "hearsay"]),
    )
    def edit_touchpoint(self, data: st.DataObject, title: str, emotion: Any, evidence: str) -> None:
        tp = self.pick(data, "touchpoint")
        fields = data.draw(
            st.sampled_from(
                [{"title": title}, {"emotion": emotion}, {"evidence": evidence, "owner": "Ops"}]
            )
        )
        self.do(lambda: editing.edit_touchpoint(self.doc, tp, **fields))

    @rule(data=st.data(), index=INDEXES)
    def move_touchpoint(self, data: st.DataObject, index: int | None) -> None:
        tp = self.pick(data, "touchpoint")
        stage, lane = self.pick(data, "stage"), self.pick(data, "lane")
        self.do(lambda: editing.move_touchpoint(self.doc, tp, stage, lane, index))

    @rule(data=st.data())
    def delete_touchpoint(self, data: st.DataObject) -> None:
        tp = self.pick(data, "touchpoint")
        self.do(lambda: editing.delete_touchpoint(self.doc, tp))

    @rule(data=st.data(), key=METRIC_KEYS, value=VALUES, day=DATES, change=st.booleans())
    def set_measurement(
        self, data: st.DataObject, key: str, value: Any, day: str, change: bool
    ) -> None:
        tp = self.pick(data, "touchpoint")
        measurement = self.pick(data, "measurement") if change else None
        self.do(
            lambda: editing.set_measurement(
                self.doc, tp, key, value, day, measurement_id=measurement
            )
        )

    @rule(data=st.data())
    def delete_measurement(self, data: st.DataObject) -> None:
        measurement = self.pick(data, "measurement")
        self.do(lambda: editing.delete_measurement(self.doc, measurement))

    # -- annotations and text cells --------------------------------------------
    @rule(
        data=st.data(),
        kind=st.sampled_from(["pain_point", "opportunity", "idea", "note", "gripe"]),
        text=NAMES,
        on_stage=st.booleans(),
        index=INDEXES,
    )
    def add_annotation(
        self, data: st.DataObject, kind: str, text: str, on_stage: bool, index: int | None
    ) -> None:
        if on_stage:
            pin = {"stage_id": self.pick(data, "stage")}
        else:
            pin = {"touchpoint_id": self.pick(data, "touchpoint")}
        self.do(lambda: editing.add_annotation(self.doc, kind, text, index=index, **pin))

    @rule(data=st.data(), text=NAMES, repin=st.booleans())
    def edit_annotation(self, data: st.DataObject, text: str, repin: bool) -> None:
        ann = self.pick(data, "annotation")
        fields: dict[str, Any] = {"text": text}
        if repin:
            fields = {"stage_id": self.pick(data, "stage")}
        self.do(lambda: editing.edit_annotation(self.doc, ann, **fields))

    @rule(data=st.data(), index=st.integers(-1, 6))
    def reorder_annotation(self, data: st.DataObject, index: int) -> None:
        ann = self.pick(data, "annotation")
        self.do(lambda: editing.reorder_annotation(self.doc, ann, index))

    @rule(data=st.data())
    def delete_annotation(self, data: st.DataObject) -> None:
        ann = self.pick(data, "annotation")
        self.do(lambda: editing.delete_annotation(self.doc, ann))

    @rule(data=st.data(), text=st.sampled_from(["", "Thinks", "Asks a friend", "  "]))
    def set_text_cell(self, data: st.DataObject, text: str) -> None:
        stage, lane = self.pick(data, "stage"), self.pick(data, "lane")
        self.do(lambda: editing.set_text_cell(self.doc, stage, lane, text))

    # -- voting ----------------------------------------------------------------
    @rule(data=st.data(), who=PARTICIPANTS, on_card=st.booleans())
    def vote(self, data: st.DataObject, who: str, on_card: bool) -> None:
        round_id = self.pick(data, "vote_round")
        if on_card:
            target = {"touchpoint_id": self.pick(data, "touchpoint")}
        else:
            target = {"annotation_id": self.pick(data, "annotation")}
        self.do(lambda: editing.vote(self.doc, round_id, who, **target))

    @rule(data=st.data())
    def unvote(self, data: st.DataObject) -> None:
        vote = self.pick(data, "vote")
        self.do(lambda: editing.unvote(self.doc, vote))

    @rule(data=st.data(), state=st.sampled_from(["open", "closed", "hidden"]))
    def set_round_state(self, data: st.DataObject, state: str) -> None:
        round_id = self.pick(data, "vote_round")
        self.do(lambda: editing.set_vote_round_state(self.doc, round_id, state))

    @rule(data=st.data(), dots=st.integers(0, 4))
    def add_or_delete_round(self, data: st.DataObject, dots: int) -> None:
        if data.draw(st.booleans(), label="delete"):
            round_id = self.pick(data, "vote_round")
            self.do(lambda: editing.delete_vote_round(self.doc, round_id))
        else:
            journey = self.pick(data, "journey")
            self.do(lambda: editing.add_vote_round(self.doc, journey, "Round", dots))

    # -- the opportunity portfolio ------------------------------------------------
    @rule(
        title=NAMES,
        value=st.sampled_from([1, 3, 5, 0, 6, 2.5, True]),
        status=st.sampled_from(["idea", "in_progress", "done", "stuck"]),
        due=st.sampled_from([None, "2025-03-01", "soon", ""]),
        index=INDEXES,
    )
    def add_opportunity(
        self, title: str, value: Any, status: str, due: Any, index: int | None
    ) -> None:
        self.do(
            lambda: editing.add_opportunity(
                self.doc, title, value=value, status=status, due_on=due, index=index
            )
        )

    @rule(
        data=st.data(),
        field=st.sampled_from(["value", "effort", "status", "confidence", "owner", "due_on"]),
        value=st.sampled_from([1, 4, 9, "done", "high", "maybe", "Ann", "2026-01-31", None]),
    )
    def edit_opportunity(self, data: st.DataObject, field: str, value: Any) -> None:
        opp = self.pick(data, "opportunity")
        self.do(lambda: editing.edit_opportunity(self.doc, opp, **{field: value}))

    @rule(data=st.data(), index=st.integers(-1, 4))
    def reorder_or_delete_opportunity(self, data: st.DataObject, index: int) -> None:
        opp = self.pick(data, "opportunity")
        if data.draw(st.booleans(), label="delete"):
            self.do(lambda: editing.delete_opportunity(self.doc, opp))
        else:
            self.do(lambda: editing.reorder_opportunity(self.doc, opp, index))

    @rule(
        data=st.data(),
        what=st.sampled_from(["annotation", "touchpoint", "stage"]),
        unlink=st.booleans(),
    )
    def link_or_unlink(self, data: st.DataObject, what: str, unlink: bool) -> None:
        opp = self.pick(data, "opportunity")
        where = "WHERE kind = 'pain_point'" if what == "annotation" and unlink else ""
        link = {f"{what}_id": self.pick(data, what, where)}
        fn = editing.unlink_opportunity if unlink else editing.link_opportunity
        self.do(lambda: fn(self.doc, opp, **link))

    @rule(data=st.data(), title=NAMES, status=st.sampled_from(["idea", "adopted", "nope"]))
    def solution(self, data: st.DataObject, title: str, status: str) -> None:
        action = data.draw(st.sampled_from(["add", "edit", "delete"]), label="action")
        if action == "add":
            opp = self.pick(data, "opportunity")
            self.do(lambda: editing.add_solution(self.doc, opp, title, status=status))
        elif action == "edit":
            sol = self.pick(data, "solution")
            self.do(lambda: editing.edit_solution(self.doc, sol, title=title, status=status))
        else:
            sol = self.pick(data, "solution")
            self.do(lambda: editing.delete_solution(self.doc, sol))

    @rule(data=st.data(), key=METRIC_KEYS, start=VALUES, end=VALUES, on_stage=st.booleans())
    def target(self, data: st.DataObject, key: str, start: Any, end: Any, on_stage: bool) -> None:
        action = data.draw(st.sampled_from(["add", "edit", "delete"]), label="action")
        if action == "add":
            opp = self.pick(data, "opportunity")
            place = (
                {"stage_id": self.pick(data, "stage")}
                if on_stage
                else {"touchpoint_id": self.pick(data, "touchpoint")}
            )
            self.do(
                lambda: editing.add_target(
                    self.doc, opp, key, end, from_value=start, by_date="2026-06-30", **place
                )
            )
        elif action == "edit":
            target = self.pick(data, "target")
            self.do(lambda: editing.edit_target(self.doc, target, from_value=start, to_value=end))
        else:
            target = self.pick(data, "target")
            self.do(lambda: editing.delete_target(self.doc, target))

    # -- blueprint: steps, connectors, the view ----------------------------------
    @rule(
        data=st.data(),
        field=st.sampled_from(["system", "duration_min", "wait_min", "failure_point"]),
        value=st.sampled_from([None, "PMS", 0, 12.5, -3, 10**9, True, float("nan"), "soon"]),
    )
    def edit_step(self, data: st.DataObject, field: str, value: Any) -> None:
        tp = self.pick(data, "touchpoint")
        self.do(lambda: editing.edit_touchpoint(self.doc, tp, **{field: value}))

    @rule(
        data=st.data(),
        kind=st.sampled_from(["flow", "handoff", "dependency", "teleport"]),
        label=st.sampled_from(["", "Order", "  Key card ", "x" * 300]),
    )
    def add_connector(self, data: st.DataObject, kind: str, label: str) -> None:
        source, target = self.pick(data, "touchpoint"), self.pick(data, "touchpoint")
        self.do(lambda: editing.add_connector(self.doc, source, target, kind, label))

    @rule(
        data=st.data(),
        change=st.sampled_from(
            [{"label": "Checks"}, {"kind": "dependency"}, {"kind": "nope"}, {"label": None}]
        ),
        delete=st.booleans(),
    )
    def edit_or_delete_connector(self, data: st.DataObject, change: Any, delete: bool) -> None:
        conn = self.pick(data, "connector")
        if delete:
            self.do(lambda: editing.delete_connector(self.doc, conn))
        else:
            self.do(lambda: editing.edit_connector(self.doc, conn, **change))

    @rule(data=st.data(), view=st.sampled_from(["journey", "blueprint", "gallery"]))
    def set_journey_view(self, data: st.DataObject, view: str) -> None:
        journey = self.pick(data, "journey")
        self.do(lambda: editing.set_journey_view(self.doc, journey, view))

    # -- batches -------------------------------------------------------------
    @rule(data=st.data(), size=st.integers(1, 4))
    def batch(self, data: st.DataObject, size: int) -> None:
        edits = []
        for _ in range(size):
            kind = data.draw(st.sampled_from(["move", "reorder", "edit", "delete", "add"]))
            if kind == "move":
                args = {
                    "touchpoint_id": self.pick(data, "touchpoint"),
                    "stage_id": self.pick(data, "stage"),
                    "lane_id": self.pick(data, "lane"),
                    "index": data.draw(INDEXES),
                }
                edits.append(Edit("move_touchpoint", args))
            elif kind == "reorder":
                args = {"stage_id": self.pick(data, "stage"), "index": data.draw(INDEXES)}
                edits.append(Edit("reorder_stage", args))
            elif kind == "edit":
                args = {"touchpoint_id": self.pick(data, "touchpoint"), "title": data.draw(NAMES)}
                edits.append(Edit("edit_touchpoint", args))
            elif kind == "delete":
                edits.append(
                    Edit("delete_touchpoint", {"touchpoint_id": self.pick(data, "touchpoint")})
                )
            else:
                args = {
                    "stage_id": self.pick(data, "stage"),
                    "lane_id": self.pick(data, "lane"),
                    "title": "Batch card",
                }
                edits.append(Edit("add_touchpoint", args))
        self.do(lambda: editing.batch(self.doc, edits))

    @rule(data=st.data(), size=st.integers(8, 14), move=st.booleans())
    def crowd_a_cell(self, data: st.DataObject, size: int, move: bool) -> None:
        """Cards put one after another at index 1 of a cell, as one step: the keys there
        halve their gap each time, until the cell has to be renumbered."""
        tp = self.pick(data, "touchpoint")
        cell = self.doc.rows("SELECT stage_id, lane_id FROM touchpoint WHERE id = ?", (tp,))
        if not cell:
            return
        stage, lane = cell[0]
        place = {"stage_id": stage, "lane_id": lane, "index": 1}
        if move:  # the map's other cards, moved in (a multi-card drop)
            mates = f"WHERE id != {tp} AND journey_id = (SELECT journey_id FROM touchpoint "
            others = self.ids("touchpoint", f"{mates}WHERE id = {tp})")[:size]
            edits = [Edit("move_touchpoint", {"touchpoint_id": o, **place}) for o in others]
        else:
            edits = [Edit("add_touchpoint", {**place, "title": f"#{i}"}) for i in range(size)]
        self.do(lambda: editing.batch(self.doc, edits))

    # -- undo / redo along the way ------------------------------------------
    @rule()
    def undo(self) -> None:
        if self.undo_stack:
            result = editing.apply(self.doc, self.undo_stack.pop())
            self.redo_stack.append(result.inverse)
            self.live.apply(result.changes)
            self.aggregates.apply(result.changes)

    @rule()
    def redo(self) -> None:
        if self.redo_stack:
            result = editing.apply(self.doc, self.redo_stack.pop())
            self.undo_stack.append(result.inverse)
            self.live.apply(result.changes)
            self.aggregates.apply(result.changes)

    # -- checks ----------------------------------------------------------------
    @invariant()
    def positions_are_valid(self) -> None:
        """Contiguous from 0 in ordered scopes; distinct order keys within a card's cell."""
        assert position_problems(self.doc) == []

    @invariant()
    def cards_show_the_files_order(self) -> None:
        """The read model's cells hold the file's (key, id) order, as indexes 0..n-1."""
        data = load_journey(self.doc, self.journey)
        for (stage, lane), shown in data.cells().items():
            ordered = self.doc.rows(
                "SELECT id FROM touchpoint WHERE stage_id = ? AND lane_id = ? "
                "ORDER BY position, id",
                (stage, lane),
            )
            assert [t.id for t in shown] == [r[0] for r in ordered]
            assert [t.position for t in shown] == list(range(len(shown)))

    @invariant()
    def live_health_agrees_with_a_full_check(self) -> None:
        """The incremental check (stage facts, aggregates, findings) equals a full one."""
        live = self.live.check(LIMITS, TODAY)
        assert live == check_journey(self.doc, self.journey, LIMITS, TODAY)
        # Nothing changed since: no stage is computed and no rule runs again (the kept
        # annotation and portfolio results, :mod:`.rule_memo`, are the ones just checked).
        assert self.live.check(LIMITS, TODAY) == live
        assert (self.live.recomputed, self.live.rules.ran) == (0, [])
        fresh = LiveHealth(self.doc, self.journey)
        fresh.check(LIMITS, TODAY)
        for stage_id, facts in fresh._facts.items():
            kept = self.live._facts[stage_id]
            assert [t.id for t in kept.items] == [t.id for t in facts.items]
            assert (kept.drop, kept.ces, kept.mean("csat")) == (
                facts.drop,
                facts.ces,
                facts.mean("csat"),
            )

    @invariant()
    def live_aggregates_agree_with_a_full_computation(self) -> None:
        """The charts' incremental aggregates (stage sums, rankings) equal a full computation."""
        assert_live_aggregates_agree(self.aggregates, self.doc, self.journey)

    def teardown(self) -> None:
        try:
            if self.undo_stack or self.redo_stack:
                self._undo_all_then_redo_all()
        finally:
            self.doc.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _undo_all_then_redo_all(self) -> None:
        end = self.snapshot()
        redo: list[Edit] = []
        while self.undo_stack:
            redo.append(editing.apply(self.doc, self.undo_stack.pop()).inverse)
        assert self.snapshot() == self.start
        assert position_problems(self.doc) == []
        while redo:
            editing.apply(self.doc, redo.pop())
        assert self.snapshot() == end
        assert position_problems(self.doc) == []
        assert self.dangling_references() == []


EditingMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestEditingMachine = EditingMachine.TestCase
