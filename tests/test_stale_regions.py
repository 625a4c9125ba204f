"""The waiting connectors' box lookup agrees with checking every box, through adds, re-adds
and removals (the lookup table is rebuilt lazily after each change)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journeymapper.ui.canvas.stale_regions import Box, StaleRegions, overlaps

coord = st.floats(-5000, 5000, allow_nan=False)


@st.composite
def boxes(draw: st.DrawFn) -> Box:
    x, y = draw(coord), draw(coord)
    return (x, y, x + draw(st.floats(0, 3000)), y + draw(st.floats(0, 3000)))


ops = st.lists(
    st.tuples(st.sampled_from(["add", "pop", "query"]), st.integers(0, 30), boxes()),
    max_size=60,
)


@given(ops)
def test_touching_is_every_overlapping_box(steps: list[tuple[str, int, Box]]) -> None:
    regions, plain = StaleRegions(), {}
    for op, conn_id, box in steps:
        if op == "add":
            regions.add(conn_id, box)
            plain[conn_id] = box
        elif op == "pop":
            assert regions.pop(conn_id) == (conn_id in plain)
            plain.pop(conn_id, None)
        else:
            want = {i for i, b in plain.items() if overlaps(b, box)}
            assert set(regions.touching(box)) == want
        assert len(regions) == len(plain)
        assert set(regions) == set(plain)
