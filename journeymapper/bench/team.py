"""``bench --team URL``: the team-workspace figures on a real PostgreSQL server.

An edit through the editing service (lock, change log, NOTIFY, commit) against a raw psycopg
UPDATE + COMMIT of the same row; how long a change takes to reach another client; and many
clients editing at once, checked afterwards for lost edits and convergence. The workspace
is published fresh (named ``bench-…``) and left on the server for inspection.
"""

from __future__ import annotations

import random
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from journeymapper import editing
from journeymapper.bench.baselines import paired_median_ms
from journeymapper.team import server_schema, transfer
from journeymapper.team.address import TeamAddress
from journeymapper.team.connection import connect
from journeymapper.team.document import TeamDocument
from journeymapper.team.live import ChangeFeed
from journeymapper.templates import create_workspace


def _publish(address: TeamAddress) -> str:
    """A fresh workspace with 24 cards in 4 cells; its name."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.jmap"
        doc = create_workspace(path, "blank")
        stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")][:2]
        lanes = [r[0] for r in doc.rows("SELECT id FROM lane WHERE kind = 'channel'")][:2]
        for i in range(24):
            editing.add_touchpoint(doc, stages[i % 2], lanes[(i // 2) % 2], f"Card {i}")
        doc.close()
        name = f"bench-{time.strftime('%Y%m%d-%H%M%S')}"
        server_schema.init_workspace(address.conninfo, name)
        return transfer.publish(path, address, name)


def _ms(values: list[float], q: float = 0.5) -> float:
    values = sorted(values)
    return 1000 * values[min(len(values) - 1, int(q * len(values)))]


def raw_update_commit(doc: TeamDocument) -> tuple[Callable[[], object], Callable[[], None]]:
    """One raw psycopg UPDATE + COMMIT of a card, on a connection made as the service's is.

    Same address, socket, schema and options as the document's own connection
    (:func:`connect`); psycopg's default transaction handling (BEGIN, UPDATE, COMMIT).
    """
    conn = connect(doc.address, doc.entry.pg_schema)
    tp = doc.rows("SELECT id FROM touchpoint ORDER BY id LIMIT 1")[0][0]
    counter = [0]

    def run() -> object:
        counter[0] += 1
        conn.execute("UPDATE touchpoint SET owner = %s WHERE id = %s", (f"raw {counter[0]}", tp))
        conn.commit()
        return None

    return run, conn.close


def edit_steps(doc: TeamDocument) -> dict[str, Callable[[], object]]:
    """The three edits the budget names, each repeatable: move, rename, set measurement."""
    tp, stage, lane = doc.rows("SELECT id, stage_id, lane_id FROM touchpoint ORDER BY id")[0]
    other = doc.rows("SELECT id FROM stage WHERE id <> ? ORDER BY position", (stage,))[0][0]
    k = [0]

    def move() -> None:
        k[0] += 1
        editing.move_touchpoint(doc, tp, (other, stage)[k[0] % 2], lane, 0)

    def rename() -> None:
        k[0] += 1
        editing.edit_touchpoint(doc, tp, title=f"Service {k[0]}")

    def measure() -> None:
        k[0] += 1
        editing.set_measurement(doc, tp, "csat", 1 + k[0] % 4, "2026-06-01", sample_size=50)

    return {"move": move, "rename": rename, "set measurement": measure}


def commit_figures(doc: TeamDocument, repeat: int = 60) -> dict[str, tuple[float, float]]:
    """Per edit: medians (ms) of the service edit and a raw psycopg update + commit, timed
    turn about (one of each, ``repeat`` times) so that both meet the same server load."""
    raw, close = raw_update_commit(doc)
    try:
        return {name: paired_median_ms(raw, step, repeat) for name, step in edit_steps(doc).items()}
    finally:
        close()


def propagation(a: TeamDocument, b: TeamDocument, repeat: int = 100) -> list[float]:
    """Seconds from an edit in client A to client B holding the new value (feed + re-read)."""
    feed = ChangeFeed(b)
    tp = a.rows("SELECT id FROM touchpoint ORDER BY id LIMIT 1")[0][0]
    out = []
    try:
        for i in range(repeat):
            start = time.perf_counter()
            editing.edit_touchpoint(a, tp, title=f"Hop {i}")
            while not any(r.changes and tp in r.changes.of("touchpoint") for r in feed.poll(1)):
                pass
            assert b.rows("SELECT title FROM touchpoint WHERE id = ?", (tp,))[0][0] == f"Hop {i}"
            out.append(time.perf_counter() - start)
    finally:
        feed.close()
    return out


@dataclass
class _Client:
    doc: TeamDocument
    feed: ChangeFeed
    committed: int = 0
    refused: list[str] = field(default_factory=list)
    heard: set[int] = field(default_factory=set)


def load(url: str, clients: int, rate: float, seconds: float) -> dict[str, object]:
    """``clients`` editing ``rate`` times a second each for ``seconds``; then the checks."""
    crowd = [_Client(d, ChangeFeed(d)) for d in (TeamDocument.open(url) for _ in range(clients))]
    cells = crowd[0].doc.rows("SELECT DISTINCT stage_id, lane_id FROM touchpoint")
    cards = [r[0] for r in crowd[0].doc.rows("SELECT id FROM touchpoint")]
    first_seq = crowd[0].feed.last_seq
    stop = time.monotonic() + seconds

    def work(n: int, c: _Client) -> None:
        rng, tick = random.Random(n), time.monotonic()
        while tick < stop:
            try:
                if rng.random() < 0.5:
                    editing.edit_touchpoint(c.doc, rng.choice(cards), title=f"c{n} {c.committed}")
                else:
                    stage, lane = rng.choice(cells)
                    sql = "SELECT id FROM touchpoint WHERE stage_id = ? AND lane_id = ?"
                    mine = [r[0] for r in c.doc.rows(sql, (stage, lane))]
                    editing.move_touchpoint(c.doc, rng.choice(mine), stage, lane, rng.randint(0, 5))
                c.committed += 1
            except Exception as exc:  # noqa: BLE001 - counted and reported
                c.refused.append(str(exc))
            c.heard.update(r.seq for r in c.feed.poll(0))
            tick += 1 / rate
            time.sleep(max(0.0, tick - time.monotonic()))

    threads = [threading.Thread(target=work, args=(n, c)) for n, c in enumerate(crowd)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    logged = crowd[0].doc.rows("SELECT count(*) FROM jm_edit WHERE seq > ?", (first_seq,))[0][0]
    committed = sum(c.committed for c in crowd)
    end = time.monotonic() + 5
    for c in crowd:  # let the last notifications arrive
        while len(c.heard) < committed - c.committed and time.monotonic() < end:
            c.heard.update(r.seq for r in c.feed.poll(0.05))
    views = {
        tuple(
            c.doc.rows("SELECT id, stage_id, lane_id, position, title FROM touchpoint ORDER BY id")
        )
        for c in crowd
    }  # noqa: E501
    result = {
        "committed": committed,
        "logged": int(logged),
        "refused": sum(len(c.refused) for c in crowd),
        "heard_all": all(len(c.heard) == committed - c.committed for c in crowd),
        "converged": len(views) == 1,
        "ordered": _ordered(crowd[0].doc),
    }
    for c in crowd:
        c.feed.close()
        c.doc.close()
    return result


def _ordered(doc: TeamDocument) -> bool:
    """Whether every cell's cards have distinct order keys (see store/order_keys)."""
    groups: dict[tuple[int, int], list[int]] = {}
    for stage, lane, pos in doc.rows("SELECT stage_id, lane_id, position FROM touchpoint"):
        groups.setdefault((stage, lane), []).append(pos)
    return all(len(set(p)) == len(p) for p in groups.values())


def run_team(url: str, *, clients: int = 10, rate: float = 5.0, seconds: float = 60.0) -> int:
    address = TeamAddress.parse(url)
    name = _publish(address)
    ws_url = address.with_workspace(name).display()
    target = f"{address.conninfo}#{name}"
    a, b = TeamDocument.open(target), TeamDocument.open(target)
    try:
        edits = commit_figures(a)
        hops = propagation(a, b)
    finally:
        a.close()
        b.close()
    print(f"Team workspace {ws_url}")
    print("edit commit on the server against a raw psycopg update+commit (<= 3x), turn about:")
    worst = 0.0
    for name, (raw, service) in edits.items():
        worst = max(worst, service / raw)
        print(f"  {name:<16} {service:7.2f} ms   raw {raw:6.2f} ms   ratio {service / raw:.2f}x")
    print(f"change propagation p50       {_ms(hops):8.2f} ms")
    print(f"change propagation p95       {_ms(hops, 0.95):8.2f} ms   (<= 200 ms)")
    print(f"{clients} clients x {rate:g} edits/s x {seconds:g} s ...", flush=True)
    found = load(target, clients, rate, seconds)
    print("  " + ", ".join(f"{k} {v}" for k, v in found.items()))
    ok = found["committed"] == found["logged"] and found["converged"] and found["heard_all"]
    ok = ok and found["ordered"] and worst <= 3 and _ms(hops, 0.95) <= 200
    print("team budgets: " + ("met" if ok else "NOT met"))
    return 0 if ok else 1
