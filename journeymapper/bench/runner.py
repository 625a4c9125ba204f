"""Run the benchmark and print one line per figure: value, baseline, ratio, budget, verdict.

Qt-free figures are measured here; the Qt ones come from
:mod:`journeymapper.bench.ui_steps`, imported only when the benchmark runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from journeymapper import editing
from journeymapper.bench.baselines import (
    median_ms,
    paired_median_ms,
    raw_commit,
    raw_read,
)
from journeymapper.bench.figure import BUDGET_SIZE, HEADER, Figure
from journeymapper.bench.generate import drawn_items, generate_workspace
from journeymapper.bench.pdf_figures import pdf_figures
from journeymapper.bench.start import isolated_env, measure_start
from journeymapper.model.document import Document

#: DESIGN.md: one edit committed <= 3x, an undo/redo step with the scene <= 5x a raw commit.
EDIT_RATIO, UNDO_RATIO = 3.0, 5.0


#: Per-edit figures (edits, drags, undo, the docks' refresh) take milliseconds: each is a
#: median of at least this many samples (turn about with its raw commit where it has one),
#: whatever ``--repeat`` asks. Their growth
#: verdicts (1.3-1.5x) are ratios of two such medians each, which a handful of samples on a
#: machine whose commit drifts 1.1-2.5 ms within a minute cannot decide.
MIN_PAIRS = 41


def _within(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def run(touchpoints: int = 2000, repeat: int = 30, ui: bool = True) -> list[Figure]:
    """Measure every figure on a generated workspace of ``touchpoints`` cards."""
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_workspace(
            Path(tmp) / "bench.jmap",
            touchpoints=touchpoints,
            annotations=max(1, touchpoints // 4),
            blueprint=True,
        )
        # The memory figure opens the map as generated: the edit figures below add rows
        # (a compare duplicates the journey), which would make it measure a bigger map.
        fresh = path.with_name("memory.jmap")
        shutil.copyfile(path, fresh)
        figures += _edits(path, max(repeat, MIN_PAIRS))
        figures += _services(path, touchpoints)
        figures += _compare(path)
        if ui:
            figures += _ui(path, touchpoints, repeat)
            figures += start_figures(min(repeat, 5))
            figures += _app_start(fresh)
    if touchpoints != BUDGET_SIZE:
        for figure in figures:  # the budgets are set for maps of BUDGET_SIZE cards
            figure.passed = None
    return figures


def _ratio_figure(name: str, raw_ms: float, value: float, limit: float) -> Figure:
    """A figure timed side by side with a raw commit, judged as a ratio to it."""
    return Figure(name, value, "ms", raw_ms, f"<= {limit:g}x raw commit", value <= limit * raw_ms)


def _edits(path: Path, repeat: int) -> list[Figure]:
    """Each edit through the editing API, timed turn about with a raw sqlite3 commit."""
    raw, close = raw_commit(path)
    doc = Document.open(path)
    try:
        tp = doc.rows("SELECT id, stage_id, lane_id FROM touchpoint ORDER BY id LIMIT 1")[0]
        other_stage = doc.rows("SELECT id FROM stage WHERE id != ? LIMIT 1", (tp[1],))[0][0]
        cells = [(other_stage, tp[2]), (tp[1], tp[2])]
        k = [0]

        def move() -> None:
            k[0] += 1
            stage, lane = cells[k[0] % 2]
            editing.move_touchpoint(doc, tp[0], stage, lane, 0)

        def rename() -> None:
            k[0] += 1
            editing.edit_touchpoint(doc, tp[0], title=f"Renamed {k[0]}")

        def measure() -> None:
            k[0] += 1
            editing.set_measurement(doc, tp[0], "csat", 1 + k[0] % 4, "2026-06-01", sample_size=50)

        out, raws = [], []
        for name, fn in (("edit: move touchpoint", move), ("edit: rename", rename),
                         ("edit: set measurement", measure)):  # fmt: skip
            raw_ms, value = paired_median_ms(raw, fn, repeat)
            raws.append(raw_ms)
            out.append(_ratio_figure(name, raw_ms, value, EDIT_RATIO))
        out.insert(0, Figure("raw: sqlite3 update+commit", sorted(raws)[1], "ms"))
        return out
    finally:
        doc.close()
        close()


def _services(path: Path, touchpoints: int) -> list[Figure]:
    out = []
    read = median_ms(raw_read(path), 5)
    out.append(Figure("raw: sqlite3 read of the map", read, "ms"))
    doc = Document.open(path, read_only=True)
    try:
        health = _optional_health(doc)
        if health is not None:
            out.append(Figure("health check (full, from the file)", median_ms(health, 5), "ms",
                              budget="(no budget)"))  # fmt: skip
        out += pdf_figures(doc, path, read, touchpoints)
    finally:
        doc.close()
    return out


def _compare(path: Path) -> list[Figure]:
    """Current vs future: read two journeys of this size and diff them, against the raw
    read of both (on a copy of the file with a changed future-state duplicate)."""
    from journeymapper.analysis.compare import compare, compare_documents, read_pair
    from journeymapper.editing.copy import duplicate_journey

    target = path.with_name("compare.jmap")
    shutil.copyfile(path, target)
    doc = Document.open(target)
    try:
        current = doc.rows("SELECT id FROM journey ORDER BY position, id LIMIT 1")[0][0]
        future = duplicate_journey(doc, current, "Future").created_id
        for i, (tp,) in enumerate(
            doc.rows("SELECT id FROM touchpoint WHERE journey_id = ? LIMIT 40", (future,))
        ):
            if i % 2:
                editing.edit_touchpoint(doc, tp, title=f"Changed {i}", emotion=i % 5 - 2)
            else:
                editing.delete_touchpoint(doc, tp)
        read = median_ms(raw_read(target), 7)  # whole tables: both journeys' rows
        value = median_ms(lambda: compare_documents(doc, current, doc, future), 7)
        read_only = median_ms(lambda: read_pair(doc, current, doc, future), 7)
        a, b = read_pair(doc, current, doc, future)
        diff_only = median_ms(lambda: compare(a, b, linked=True), 7)
    finally:
        doc.close()
    return [
        Figure("raw: sqlite3 read of both maps", read, "ms"),
        Figure("compare: read + diff two journeys", value, "ms", read, "<= 300 ms", value <= 300),
        Figure("compare: read for the diff", read_only, "ms", read, "(no budget)"),
        Figure("compare: diff alone (read done)", diff_only, "ms", budget="(no budget)"),
    ]


def _optional_health(doc: Document) -> Callable[[], object] | None:
    try:
        from journeymapper.analysis.health import check_journey
    except ImportError:
        return None
    return lambda: check_journey(doc, 1)


def _connected_drag(bench_ui: Any, session: Any, repeat: int) -> list[Figure]:
    """Dragging a card with connectors: within the drag budget, and O(degree): each move
    re-routes exactly the card's connectors, whatever the map holds."""
    value, routed, degree = bench_ui.connected_drag_step(session, repeat)
    return [
        Figure(f"drag a connected card (degree {degree})", value, "ms", None,
               "<= 8 ms median", value <= 8),
        Figure("connectors re-routed per mouse-move", routed, "", None,
               f"== degree ({degree})", routed == degree),
    ]  # fmt: skip


def _ui(path: Path, touchpoints: int, repeat: int) -> list[Figure]:
    from journeymapper.bench import ui_steps as bench_ui

    out = []
    # The map shows touchpoints, half as many steps and as many connectors: the bare
    # scene gets one item for each of them.
    raw_build, raw_paint = bench_ui.raw_scene(drawn_items(touchpoints))
    raw_read_ms = median_ms(raw_read(path), 5)
    raw_total = raw_read_ms + raw_build + raw_paint
    out.append(Figure("raw: QGraphicsScene build", raw_build, "ms"))
    out.append(Figure("raw: QGraphicsScene paint", raw_paint, "ms"))
    first = bench_ui.open_to_first_paint(path)
    out.append(Figure("open -> scene -> first paint", first, "ms", raw_total, "<= 3x raw",
                      first <= 3 * raw_total))  # fmt: skip
    session = bench_ui.UiSession(path)
    pairs = max(repeat, MIN_PAIRS)
    try:
        drag = bench_ui.drag_step(session, pairs)
        out.append(Figure("drag: one mouse-move + repaint", drag, "ms", None, "<= 8 ms median",
                          drag <= 8))  # fmt: skip
        out += _connected_drag(bench_ui, session, pairs)
        raw, close = raw_commit(path)
        try:
            raw_ms, undo = bench_ui.undo_redo_step(session, pairs, raw)
        finally:
            close()
        out.append(_ratio_figure("undo/redo one step", raw_ms, undo, UNDO_RATIO))
        charts = bench_ui.charts_refresh(session, pairs)
        if charts is not None:
            out.append(Figure("charts refresh after an edit", charts, "ms", None, "<= 30 ms",
                              charts <= 30))  # fmt: skip
        health = bench_ui.health_refresh(session, pairs)
        out.append(Figure("health dock refresh after an edit", health, "ms", None, "<= 30 ms",
                          health <= 30))  # fmt: skip
        portfolio = bench_ui.open_portfolio(session, min(repeat, 10))
        out.append(Figure("open the portfolio (200 opps)", portfolio, "ms", None, "<= 100 ms",
                          portfolio <= 100))  # fmt: skip
    finally:
        session.close()
    return out


_START_SCRIPT = textwrap.dedent(
    """
    import sys
    from journeymapper.bench.memory import peak_rss_kb
    from journeymapper.ui.app import create_app
    from journeymapper.ui.main_window import MainWindow
    app = create_app()
    window = MainWindow()
    window.show()
    window.open_path(sys.argv[1])
    window.repaint()
    app.processEvents()
    print("ready", flush=True)
    print(peak_rss_kb(), flush=True)
    """
)


def _app_start(path: Path) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:  # its own settings: not the user's Recent list
        return _peak_memory(path, isolated_env(Path(tmp)))


def _peak_memory(path: Path, env: dict[str, str]) -> list[Figure]:
    """The most memory the app held (its peak RSS) to open ``path`` and paint it, in a
    child process, three times on copies of it (opening may write the file)."""
    times, rss = [], 0.0
    for i in range(3):
        copy = path.with_name(f"{path.stem}-{i}{path.suffix}")
        shutil.copyfile(path, copy)
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", _START_SCRIPT, str(copy)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        rss = max(rss, float(proc.stdout.readline() or 0) / 1024)
        proc.wait(timeout=60)
        if line.strip() == "ready":
            times.append(elapsed)
    del times  # the start figures are start_figures(); this child measures the memory
    return [
        Figure("peak memory with the map open", rss, "MB", None, "<= 400 MB, fresh file",
               _within(rss, 400)),
    ]  # fmt: skip


def start_figures(repeat: int = 5) -> list[Figure]:
    """App start → window shown / → retail map painted, against a bare PySide6 start."""
    m = measure_start(repeat)

    def ratio_within(value: float | None, base: float | None, limit: float) -> bool | None:
        return None if value is None or not base else value / base <= limit

    return [
        Figure("raw: bare PySide6 window shown", m["bare_shown"], "ms"),
        Figure("raw: bare PySide6 view painted", m["bare_painted"], "ms"),
        Figure("app start -> window shown", m["app_shown"], "ms", m["bare_shown"], "<= 1.5x bare",
               ratio_within(m["app_shown"], m["bare_shown"], 1.5)),
        Figure("app start -> map painted (retail)", m["app_painted"], "ms", m["bare_painted"],
               "<= 3x bare", ratio_within(m["app_painted"], m["bare_painted"], 3)),
    ]  # fmt: skip


def print_figures(figures: list[Figure], touchpoints: int) -> None:
    print(f"Journey Mapper benchmark — {touchpoints} touchpoints")
    if touchpoints != BUDGET_SIZE:
        print(f"(budgets apply to {BUDGET_SIZE} touchpoints: no verdicts at this size)")
    print(HEADER)
    for figure in figures:
        print(figure.line())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--touchpoints", type=int, default=2000, help="map size (default 2000)")
    parser.add_argument("--repeat", type=int, default=30, help="runs per median (default 30)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--scale", action="store_true", help="run at 200, 2,000 and 10,000")
    parser.add_argument("--no-ui", action="store_true", help="skip the Qt figures")
    parser.add_argument("--start", action="store_true", help="only the start-up figures")
    parser.add_argument("--team", metavar="URL", help="team figures on a postgresql:// server")
    parser.add_argument("--team-seconds", type=float, default=60, help="load test length")
    parser.add_argument("--team-clients", type=int, default=10, help="simulated clients")


def run_cli(args: argparse.Namespace) -> int:
    if getattr(args, "team", None):
        from journeymapper.bench.team import run_team

        return run_team(args.team, clients=args.team_clients, seconds=args.team_seconds)
    if args.scale:
        from journeymapper.bench.scale import scale

        results = scale(run, repeat=min(args.repeat, 15))
        if args.json:
            print(json.dumps({n: [f.as_dict() for f in figs] for n, figs in results.items()}))
        return 0
    if args.start:
        figures = start_figures(args.repeat)
    else:
        figures = run(args.touchpoints, args.repeat, ui=not args.no_ui)
    if args.json:
        payload = {"touchpoints": args.touchpoints, "figures": [f.as_dict() for f in figures]}
        print(json.dumps(payload, indent=2))
    else:
        print_figures(figures, args.touchpoints)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m journeymapper.bench", description=__doc__)
    add_arguments(parser)
    return run_cli(parser.parse_args(argv))
