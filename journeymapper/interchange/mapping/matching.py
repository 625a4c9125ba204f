"""Pair the survey's own labels with the map's touchpoint titles.

A survey says "Check-in desk" where the map says "Check-in at front desk":
each distinct label gets the closest titles (difflib), an exact title (any case
and spacing) is taken as is, and the user confirms, picks another, or skips it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from journeymapper.model.document import Document
from journeymapper.store.journey_data import journey_ids, load_journey

#: A suggestion this close (difflib ratio) is pre-selected; others are only offered.
PRESELECT = 0.6


@dataclass
class LabelMatch:
    label: str
    #: Rows that carry the label.
    count: int
    #: Closest titles, best first.
    candidates: list[str] = field(default_factory=list)
    #: The title chosen, or None: the label's rows are skipped.
    choice: str | None = None
    exact: bool = False


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _score(label: str, title: str) -> float:
    a, b = _key(label), _key(title)
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    words_a, words_b = set(a.split()), set(b.split())
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        ratio = max(ratio, 0.75)  # every word of one is in the other
    return ratio


def match_labels(labels: Iterable[str], titles: Sequence[str], n: int = 3) -> list[LabelMatch]:
    """Each distinct non-empty label with its closest titles, in first-seen order."""
    counts = Counter(t.strip() for t in labels if t.strip())
    by_key = {}
    for t in titles:
        by_key.setdefault(_key(t), t)
    out = []
    for label, count in counts.items():
        if (title := by_key.get(_key(label))) is not None:
            out.append(LabelMatch(label, count, [title], title, exact=True))
            continue
        scored = sorted(((_score(label, t), t) for t in by_key.values()), reverse=True)
        close = [t for s, t in scored[:n] if s >= 0.3]
        best = scored[0] if scored else (0.0, "")
        choice = best[1] if best[0] >= PRESELECT else None
        out.append(LabelMatch(label, count, close, choice))
    return out


def touchpoint_titles(doc: Document, journey_id: int | None) -> list[str]:
    """The titles labels can be matched with: one journey's cards, or every journey's."""
    ids = [journey_id] if journey_id is not None else [j for j, _ in journey_ids(doc)]
    titles: dict[str, None] = {}
    for jid in ids:
        data = load_journey(doc, jid)
        for tp in sorted(data.touchpoints.values(), key=lambda t: t.id):
            titles.setdefault(tp.title)
    return list(titles)


def unmatched(matches: Iterable[LabelMatch]) -> list[LabelMatch]:
    return [m for m in matches if m.choice is None]
