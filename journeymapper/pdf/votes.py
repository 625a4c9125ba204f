"""Appendix section "Dot-voting results": per visible round, the voted items ranked by dots.

Workshop votes live in the workspace; this is where they are kept on paper.
Hidden rounds are left out (they are hidden on screen too) and only counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymapper.geometry.text_fit import wrap_text
from journeymapper.model.enums import RoundState
from journeymapper.pdf import fonts, style
from journeymapper.pdf.appendix import BODY, LINE, section_note, stage_heading
from journeymapper.pdf.flow import Flow, Op
from journeymapper.pdf.fonts import TextCheck
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.pages import PlannedPage
from journeymapper.store.journey_data import JourneyData, VoteItemData, VoteRoundData

SECTION = "Dot-voting results"
HEAD_BG = style.blend(style.VOTE, style.WHITE, 0.2)
DOT_R = 2.6
DOT_STEP = 2 * DOT_R + 2


@dataclass(frozen=True)
class Columns:
    rank: float
    item: float
    stage: float
    votes: float


def votes_section(
    data: JourneyData, rounds: list[VoteRoundData], check: TextCheck, size: tuple[float, float]
) -> list[PlannedPage]:
    """The section's pages; none at all when the journey has no voting round."""
    if not rounds:
        return []
    flow = Flow(size, SECTION)
    shown = [r for r in rounds if r.state != RoundState.HIDDEN]
    hidden = len(rounds) - len(shown)
    if hidden:
        rounds_word = "round is" if hidden == 1 else "rounds are"
        section_note(flow, f"{hidden} hidden voting {rounds_word} not listed.")
    w = flow.width
    cols = Columns(24.0, w * 0.52, w * 0.28, w - 24.0 - w * 0.52 - w * 0.28)
    label = _labeller(data, check)
    for vote_round in shown:
        stage_heading(
            flow,
            check.clean(vote_round.name, "a voting round's name", bold=True),
            HEAD_BG,
            5 * LINE,
        )
        flow.add(LINE + 4, _facts_op(_facts(vote_round)), keep_with_next=3 * LINE)
        if not vote_round.items:
            section_note(flow, "No votes in this round yet.")
            continue
        flow.add(16, _head_op(cols, w), keep_with_next=2 * LINE)
        most = vote_round.items[0].votes
        for rank, item in _ranked(vote_round.items):
            title, stage = label(item)
            flow.add(*_row(rank, title, stage, (item.votes, most), cols, w))
        flow.space(10)
    return flow.planned()


def _facts(vote_round: VoteRoundData) -> str:
    people = vote_round.participants
    total = vote_round.total
    return " · ".join(
        (
            "Open" if vote_round.state == RoundState.OPEN else "Closed",
            f"{vote_round.dots_per_participant} dots per participant",
            f"{people} participant{'' if people == 1 else 's'}",
            f"{total} vote{'' if total == 1 else 's'} in all",
        )
    )


def _ranked(items: list[VoteItemData]) -> list[tuple[int, VoteItemData]]:
    """Competition ranking (1, 2, 2, 4): equal counts share a rank. Items come sorted."""
    out: list[tuple[int, VoteItemData]] = []
    for i, item in enumerate(items):
        same = out and out[-1][1].votes == item.votes
        out.append((out[-1][0] if same else i + 1, item))
    return out


def _labeller(data: JourneyData, check: TextCheck) -> Callable[[VoteItemData], tuple[str, str]]:
    """item -> (what was voted on, its stage), as numbered and named on the map."""
    stages = {s.id: s.name for s in data.stages}
    annotations = {a.id: a for a in data.annotations}

    def label(item: VoteItemData) -> tuple[str, str]:
        if item.touchpoint_id is not None:
            tp = data.touchpoints.get(item.touchpoint_id)
            title = tp.title if tp else "?"
            stage_id = tp.stage_id if tp else None
            title = check.clean(title, "a voted touchpoint", bold=True)
        else:
            ann = annotations.get(item.annotation_id or -1)
            if ann is None:
                title, stage_id = "?", None
            else:
                text = check.clean(ann.text, f"annotation {ann.number}", bold=True)
                title = f"Annotation {ann.number}: {text}"
                stage_id = ann.stage_id
                if stage_id is None and ann.touchpoint_id in data.touchpoints:
                    stage_id = data.touchpoints[ann.touchpoint_id].stage_id
        stage = stages.get(stage_id, "?") if stage_id is not None else "?"
        return title, check.clean(stage, "a stage name")

    return label


def _facts_op(text: str) -> Op:
    def op(ink: Ink, x: float, y: float) -> None:
        ink.text(x + 6, y + 8, text, fonts.REGULAR, BODY, style.MUTED)

    return op


def _head_op(cols: Columns, width: float) -> Op:
    def op(ink: Ink, x: float, y: float) -> None:
        ink.line(x, y + 14, x + width, y + 14, stroke=style.INK, width=0.5)
        base = y + 10
        ink.text(x + cols.rank - 6, base, "#", fonts.BOLD, 7.5, style.INK, align="right")
        ink.text(x + cols.rank, base, "Item", fonts.BOLD, 7.5, style.INK)
        ink.text(x + cols.rank + cols.item, base, "Stage", fonts.BOLD, 7.5, style.INK)
        ink.text(x + cols.rank + cols.item + cols.stage, base, "Votes", fonts.BOLD, 7.5, style.INK)

    return op


def _row(
    rank: int, title: str, stage: str, votes: tuple[int, int], cols: Columns, width: float
) -> tuple[float, Op]:
    """One ranked item; ``votes`` is (its count, the round's highest count).

    The count is shown as dots like on the cards, or as bars scaled to the
    highest count when the round's dots would not fit the column."""
    count, most = votes
    bold_w = fonts.measure(fonts.BOLD, BODY)
    reg_w = fonts.measure(fonts.REGULAR, BODY)
    title_lines = wrap_text(title, bold_w, cols.item - 10, 6) or [""]
    stage_lines = wrap_text(stage, reg_w, cols.stage - 10, 3) or [""]
    label = f"{count} vote{'' if count == 1 else 's'}"
    label_w = fonts.measure(fonts.BOLD, BODY)(f"{most} votes")
    room = max(0.0, cols.votes - label_w - 10)
    dots = count if most * DOT_STEP <= room else 0
    bar = 0.0 if dots else room * count / most
    rows = max(len(title_lines), len(stage_lines), 1)

    def op(ink: Ink, x: float, y: float) -> None:
        base = y + 8
        ink.text(
            x + cols.rank - 6, base, f"{rank}.", fonts.REGULAR, BODY, style.MUTED, align="right"
        )
        for i, line in enumerate(title_lines):
            ink.text(x + cols.rank, base + i * LINE, line, fonts.BOLD, BODY, style.INK)
        vx = x + cols.rank + cols.item + cols.stage
        ink.text(vx, base, label, fonts.BOLD, BODY, style.INK)
        for i, line in enumerate(stage_lines):
            sx = x + cols.rank + cols.item
            ink.text(sx, base + i * LINE, line, fonts.REGULAR, BODY, style.MUTED)
        left = vx + label_w + 6
        for d in range(dots):
            ink.circle(left + DOT_R + d * DOT_STEP, base - 2.8, DOT_R, fill=style.VOTE)
        if bar > 0:
            w = max(bar, 1.0)
            top = base - 2.8 - DOT_R
            ink.rect(left, top, w, 2 * DOT_R, fill=style.VOTE, radius=min(DOT_R, w / 2))
        bottom = y + rows * LINE + 2.5
        ink.line(x, bottom, x + width, bottom, stroke=style.GRID, width=0.4)

    return rows * LINE + 5, op
