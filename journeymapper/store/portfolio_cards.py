"""Re-read what the portfolio holds of a few cards, after an edit of just those cards.

The portfolio names cards (their titles and stages, in its places, targets and pain
points) and follows the measurements of the cards it sets a target on. A live health
check (:mod:`journeymapper.analysis.health_live`) follows a card that was renamed, moved
or measured by re-reading these few rows instead of the whole portfolio: reading 200
opportunities again after each such edit cost more than the rest of the check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from journeymapper.model.document import Document
from journeymapper.store.portfolio_queries import (
    OpportunityRow,
    PainPointRef,
    PlaceRef,
    Portfolio,
)

Series = dict[int, list[tuple[dt.date, float]]]


def card_places(doc: Document, ids: set[int]) -> dict[int, tuple[int, str, str]] | None:
    """Per card id, its (stage id, stage name, title); None when one of them is gone."""
    marks = ", ".join("?" * len(ids))
    rows = doc.rows(
        "SELECT t.id, t.stage_id, s.name, t.title FROM touchpoint t "
        f"JOIN stage s ON s.id = t.stage_id WHERE t.id IN ({marks})",
        tuple(ids),
    )
    found = {r[0]: (r[1], r[2], r[3]) for r in rows}
    return found if len(found) == len(ids) else None


def with_cards(
    portfolio: Portfolio, places: dict[int, tuple[int, str, str]], naming: set[int]
) -> Portfolio:
    """``portfolio`` with the cards ``places`` names where they are now; ``naming``: the
    ids of the opportunities that name any of them (the other rows are the very rows they
    were)."""

    def place(p: PlaceRef) -> PlaceRef:
        if p.touchpoint_id not in places:
            return p
        stage_id, stage, title = places[p.touchpoint_id]
        return replace(p, stage_id=stage_id, stage=stage, title=title)

    def pain(p: PainPointRef) -> PainPointRef:
        if p.touchpoint_id not in places:
            return p
        stage_id, stage, _title = places[p.touchpoint_id]
        return replace(p, stage_id=stage_id, stage=stage)

    def opportunity(o: OpportunityRow) -> OpportunityRow:
        if o.id not in naming:
            return o
        return replace(
            o,
            places=[place(p) for p in o.places],
            pain_points=[pain(p) for p in o.pain_points],
            targets=[replace(t, place=place(t.place)) for t in o.targets],
        )

    return replace(portfolio, opportunities=[opportunity(o) for o in portfolio.opportunities])


def card_series(doc: Document, ids: set[int]) -> Series:
    """Per target on one of the cards ``ids``, its metric's dated values, oldest first (as
    :func:`.portfolio_queries.target_series` reads them for every target)."""
    marks = ", ".join("?" * len(ids))
    series: Series = {}
    for target_id, day, value in doc.rows(
        "SELECT t.id, m.measured_on, m.value FROM target t JOIN measurement m "
        "ON m.touchpoint_id = t.touchpoint_id AND m.metric_id = t.metric_id "
        f"WHERE t.touchpoint_id IN ({marks}) ORDER BY t.id, m.measured_on, m.id",
        tuple(ids),
    ):
        series.setdefault(target_id, []).append((dt.date.fromisoformat(day), float(value)))
    return series
