"""Hostile and damaged files: flipped and truncated bytes of a real workspace, and
mangled CSV and JSON imports, end in a clean open or a clear refusal — never another
exception, never a hang, never a write to the damaged file."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError, JourneyMapperError
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.templates import create_workspace

DATA = Path(__file__).parent / "data"
TIME_BUDGET_S = 6.0
CASE_TIMEOUT_S = 10.0


def run_with_timeout(fn: Callable[[], object], timeout: float = CASE_TIMEOUT_S) -> object:
    """Run ``fn`` in a thread; fail on a hang; re-raise what it raised."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        pytest.fail(f"hung for more than {timeout} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def real_workspace(path: Path) -> bytes:
    """A workspace with every kind of row, closed; its bytes."""
    with create_workspace(path, "blank") as doc:
        data = load_journey(doc, journey_ids(doc)[0][0])
        lanes = [ln for ln in data.lanes if ln.kind == "channel"]
        for i in range(60):
            stage = data.stages[i % len(data.stages)]
            tp = editing.add_touchpoint(
                doc, stage.id, lanes[i % len(lanes)].id, f"Touchpoint {i} ✓", owner="Ops"
            ).created_id
            editing.set_measurement(doc, tp, "csat", 1 + i % 5, "2024-03-01")
            if i % 7 == 0:
                editing.add_annotation(doc, "pain_point", f"Pain {i}", touchpoint_id=tp)
    return path.read_bytes()


def open_and_read(path: Path) -> str:
    """What the app does with a file: open it and read every journey."""
    doc = Document.open(path)
    try:
        for journey_id, _name in journey_ids(doc):
            load_journey(doc, journey_id)
        doc.workspace()
        return "opened"
    finally:
        doc.close()


def mutations(original: bytes, rng: random.Random) -> tuple[str, bytes]:
    data = bytearray(original)
    kind = rng.choice(["flip", "flip", "header", "truncate", "zero_page", "page_garbage"])
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == "header":
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(100)] = rng.randrange(256)
    elif kind == "truncate":
        del data[rng.randrange(len(data)) :]
    else:
        page = int.from_bytes(original[16:18], "big") or 65536
        start = rng.randrange(len(data) // page) * page
        fill = bytes(page) if kind == "zero_page" else rng.randbytes(page)
        data[start : start + page] = fill
    return kind, bytes(data)


def test_damaged_workspaces_open_cleanly_or_are_refused(tmp_path: Path) -> None:
    original = real_workspace(tmp_path / "real.jmap")
    rng = random.Random(20240615)
    outcomes: Counter[str] = Counter()
    start = time.monotonic()
    case = 0
    while time.monotonic() - start < TIME_BUDGET_S:
        kind, damaged = mutations(original, rng)
        path = tmp_path / f"case{case % 50}.jmap"
        path.write_bytes(damaged)
        try:
            outcomes[f"{kind}: {run_with_timeout(lambda p=path: open_and_read(p))}"] += 1
        except DocumentError:
            outcomes[f"{kind}: refused"] += 1
        except Exception as exc:
            pytest.fail(f"case {case} ({kind}) raised {type(exc).__name__}: {exc}")
        # Opening a damaged file never writes to it, and leaves nothing beside it.
        if path.read_bytes() != damaged:
            pytest.fail(f"case {case} ({kind}): the damaged file was written to")
        extra = [p.name for p in tmp_path.iterdir() if p.name.startswith(path.name + "-")]
        assert not extra, f"case {case} ({kind}) left {extra}"
        case += 1
    print(f"{case} damaged files: {dict(sorted(outcomes.items()))}")
    assert case >= 200
    assert any(k.endswith("refused") for k in outcomes)


CLI_COMMANDS = (
    ["info"],
    ["info", "--json"],
    ["check"],
    ["export", "pdf", "-o", "{out}.pdf"],
    ["export", "json", "-o", "{out}.json"],
    ["export", "csv", "-o", "{out}.csv"],
)


def test_no_traceback_reaches_the_cli_for_any_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command on every damaged file: output or one line on stderr, exit 0 or 1."""
    from journeymapper.cli import main

    original = real_workspace(tmp_path / "real.jmap")
    rng = random.Random(20260614)
    start = time.monotonic()
    case = 0
    while time.monotonic() - start < 2 * TIME_BUDGET_S or case < 24:
        kind, damaged = mutations(original, rng)
        path = tmp_path / f"cli{case % 10}.jmap"
        path.write_bytes(damaged)
        command = CLI_COMMANDS[case % len(CLI_COMMANDS)]
        argv = [a.format(out=tmp_path / "out") for a in command]
        argv.insert(2 if argv[0] == "export" else 1, str(path))
        try:
            code = run_with_timeout(lambda a=argv: main(a))
        except BaseException as exc:  # noqa: BLE001 - the point of the test
            pytest.fail(f"case {case} ({kind}) {argv[:2]} raised {type(exc).__name__}: {exc}")
        out, err = capsys.readouterr()
        assert code in (0, 1), (case, kind, argv, code)
        assert "Traceback" not in out + err, (case, kind, argv)
        if code == 1:
            assert len(err.strip().splitlines()) == 1, (case, kind, argv, err)
        case += 1


# -- importers ---------------------------------------------------------------------------
interchange = pytest.importorskip("journeymapper.interchange")

SAMPLES = sorted((DATA / "csv").glob("*")) if (DATA / "csv").is_dir() else []


def mangle(data: bytes, seed: int, how: str) -> bytes:
    rng = random.Random(seed)
    raw = bytearray(data)
    if not raw:
        return bytes(rng.randbytes(rng.randint(0, 64)))
    if how == "flip":
        for _ in range(rng.randint(1, 6)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
    elif how == "truncate":
        del raw[rng.randrange(len(raw)) :]
    elif how == "insert":
        at = rng.randrange(len(raw))
        raw[at:at] = rng.choice([b'"', b"\x00", b";;;", b"\n\n", b"\xff\xfe", b"{", b"]", b"9e999"])
    return bytes(raw)


def _import_outcome(run: Callable[[], object], target: Path) -> None:
    try:
        run_with_timeout(run)
    except JourneyMapperError:
        assert not target.exists(), "a refused import left a workspace behind"
    except Exception as exc:
        pytest.fail(f"import raised {type(exc).__name__}: {exc}")
    else:
        doc = Document.open(target)
        doc.close()
        target.unlink()
    leftovers = [p.name for p in target.parent.iterdir() if "importing" in p.name]
    assert not leftovers, leftovers


@pytest.fixture(scope="module")
def json_export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("json")
    real_workspace(folder / "real.jmap")
    with Document.open(folder / "real.jmap") as doc:
        return interchange.workspace_json.dumps(
            interchange.workspace_json.export_workspace(doc)
        ).encode("utf-8")


@pytest.mark.skipif(not SAMPLES, reason="no CSV samples in tests/data/csv")
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sample=st.sampled_from(SAMPLES),
    seed=st.integers(0, 2**32),
    how=st.sampled_from(["flip", "truncate", "insert", "none"]),
)
def test_mangled_csv_imports_cleanly_or_is_refused(
    tmp_path: Path, sample: Path, seed: int, how: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(mangle(sample.read_bytes(), seed, how) if how != "none" else b"")
    before = source.read_bytes()
    target = tmp_path / "out.jmap"
    target.unlink(missing_ok=True)
    _import_outcome(lambda: interchange.import_csv_file(source, target), target)
    assert source.read_bytes() == before


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 2**32),
    how=st.sampled_from(["flip", "truncate", "insert"]),
)
def test_mangled_json_imports_cleanly_or_is_refused(
    tmp_path: Path, json_export: bytes, seed: int, how: str
) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(mangle(json_export, seed, how))
    target = tmp_path / "out.jmap"
    target.unlink(missing_ok=True)
    _import_outcome(lambda: interchange.import_json_file(source, target), target)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_as_csv_or_json(tmp_path: Path, raw: bytes) -> None:
    for name, run in (
        ("in.csv", interchange.import_csv_file),
        ("in.json", interchange.import_json_file),
    ):
        source = tmp_path / name
        source.write_bytes(raw)
        target = tmp_path / "out.jmap"
        target.unlink(missing_ok=True)
        _import_outcome(lambda s=source, r=run, t=target: r(s, t), target)
