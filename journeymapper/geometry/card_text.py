"""What a card and an insight note say, fitted to their width: one answer for every renderer.

The layout sizes cards to their content, so the text is fitted here, once, with the
bundled DejaVu metrics (the canvas draws with DejaVu too, in pixel sizes equal to map
units, and the PDF in points): the canvas, the PDF and the images draw these very lines.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from journeymapper.geometry import palette
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.step_text import owner_line
from journeymapper.geometry.text_fit import ellipsize, wrap_text
from journeymapper.paths import FONTS

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

TITLE_LH = 16.0
BODY_LH = 14.0
BADGE_H = 15.0
FOOTER_GAP = 5.0
GLYPH_W = 16.0
#: Least space between a channel glyph and the title.
GLYPH_GAP = 4.0
NOTE_NUMBER_W = 22.0
NOTE_LH = 14.0
MARKER_STEP = 20.0

EVIDENCE_WORDS = {"observed": "Observed", "assumed": "Assumed", "proposed": "Proposed"}
ARROWS = {1: "▲", -1: "▼", 0: "▬"}

#: Channel glyphs by a word in the lane's name (DejaVu has all of them).
_GLYPHS = (
    (("web", "site", "online", "search", "ads", "ad ", "landing", "page"), "◎"),
    (("app", "mobile"), "▣"),
    (("social",), "☺"),
    (("email", "mail", "newsletter"), "✉"),
    (("store", "shop", "branch", "office", "till", "desk", "room", "restaurant", "home"), "⌂"),
    (("phone", "call", "support", "chat", "service", "helpline", "care"), "☎"),
    (("event",), "★"),
    (("delivery", "post", "courier", "parcel"), "⚑"),
)


def channel_glyph(lane_name: str) -> str:
    """A symbol for a channel lane (a dot when the name says nothing known)."""
    name = lane_name.lower() + " "
    for words, glyph in _GLYPHS:
        if any(w in name for w in words):
            return glyph
    return "●"


@functools.lru_cache(maxsize=4)
def _face(font: str) -> object:
    """The parsed font file (parsing takes a fifth of a second: once per font)."""
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(font, str(FONTS / f"{font}.ttf")).face


@functools.lru_cache(maxsize=16)
def measure(font: str, size: float) -> Callable[[str], float]:
    """Width of a string in DejaVu ``font`` at ``size`` map units (per-character cache)."""
    face = _face(font)
    widths, default = face.charWidths, face.defaultWidth  # type: ignore[attr-defined]
    scale = size / 1000.0
    cache: dict[str, float] = {}

    def width(text: str) -> float:
        try:
            return sum(map(cache.__getitem__, text)) * scale
        except KeyError:
            for c in text:
                if c not in cache:
                    cache[c] = widths.get(ord(c), default)
            return sum(map(cache.__getitem__, text)) * scale

    return width


def glyph_slot(glyph: str) -> float:
    """Room the channel glyph takes before the title: :data:`GLYPH_W`, or more for a wide
    glyph (☎, ☺), so it never touches the title's first letter."""
    if not glyph:
        return 0.0
    return max(GLYPH_W, measure(REGULAR, ts.CARD_TITLE)(glyph) + GLYPH_GAP)


@dataclass(frozen=True, slots=True)  # slots: a 10,000-card map holds 40,000 of them
class Badge:
    """One footer item: the evidence pill, a metric badge or the vote count."""

    kind: str  # "evidence", "metric", "votes"
    text: str
    x: float  # relative to the card
    y: float
    w: float
    tone: str = ""  # evidence key, or "good" / "bad" / "" for metrics
    label: str = ""  # a metric's short name (the PDF legend lists the ones shown)


@dataclass(frozen=True, slots=True)
class CardText:
    """A card's fitted text and its height; x/y of each part relative to the card."""

    glyph: str
    title: list[str]
    description: str
    owner: str
    badges: list[Badge] = field(default_factory=list)
    height: float = 0.0
    title_x: float = ts.CARD_PAD

    @property
    def title_y(self) -> float:
        return ts.CARD_PAD

    @property
    def body_y(self) -> float:
        return ts.CARD_PAD + len(self.title) * TITLE_LH


def _trend(latest: float, previous: float | None) -> str:
    if previous is None:
        return ""
    return ARROWS[(latest > previous) - (latest < previous)]


#: Health bands (good, bad) for metrics where higher is better / lower is better.
_HIGHER_BETTER = {"csat": (4.0, 3.0), "nps": (30.0, 0.0)}
_LOWER_BETTER = {"ces": (3.0, 5.0), "drop_off_rate": (20.0, 40.0)}


def _tone(key: str, value: float, previous: float | None) -> str:
    """Good or bad against fixed health bands, else against the previous value."""
    lower = _LOWER_BETTER.get(key)
    if lower is not None:
        return "good" if value <= lower[0] else "bad" if value >= lower[1] else ""
    higher = _HIGHER_BETTER.get(key)
    if higher is not None:
        return "good" if value >= higher[0] else "bad" if value <= higher[1] else ""
    if previous is None or previous == value:
        return ""
    return "good" if value > previous else "bad"


def metric_badges(tp: object, limit: int = 3) -> list[tuple[str, str, str]]:
    """(short label, text, tone) of a card's newest metric values with trend arrows."""
    latest = getattr(tp, "latest", {})
    previous = getattr(tp, "previous", {})
    found = []
    for key, label in palette.BADGE_METRICS:
        m = latest.get(key)
        if m is None:
            continue
        prev = previous.get(key)
        tone = _tone(key, m.value, prev)
        arrow = _trend(m.value, prev)
        mark = "⚠ " if tone == "bad" else ""
        found.append((label, f"{mark}{label} {m.value:.3g}{' ' + arrow if arrow else ''}", tone))
        if len(found) == limit:
            break
    return found


def _footer(
    tp: object, width: float, top: float, metric_items: tuple[tuple[str, str, str], ...]
) -> tuple[list[Badge], float]:
    """Lay the footer items in rows from ``top``; return them and the bottom."""
    small = measure(BOLD, ts.BADGE)
    evidence = getattr(tp, "evidence", "")
    items = [("evidence", EVIDENCE_WORDS.get(evidence, "?"), evidence, "")]
    items += [("metric", text, tone, label) for label, text, tone in metric_items]
    votes = getattr(tp, "votes", 0)
    if votes:
        items.append(("votes", f"● {votes} vote{'s' if votes != 1 else ''}", "", ""))
    badges: list[Badge] = []
    x, y, right = ts.CARD_PAD, top, width - ts.CARD_PAD
    for kind, text, tone, label in items:
        w = min(small(text) + 10, right - ts.CARD_PAD)
        if x + w > right and x > ts.CARD_PAD:
            x, y = ts.CARD_PAD, y + BADGE_H + 3
        badges.append(Badge(kind, text, x, y, w, tone, label))
        x += w + 4
    return badges, y + BADGE_H


#: Fitted cards by content: a map repeats titles, widths and badges, and the PDF's page
#: fit lays the same map out dozens of times. Bounded; cleared when full.
_CARD_CACHE: dict[tuple[object, ...], CardText] = {}
_NOTE_CACHE: dict[tuple[str, float], NoteText] = {}
CACHE_MAX = 20000


def fit_card(
    tp: object, width: float, glyph: str = "", markers: int = 0, metrics: bool = True
) -> CardText:
    """The card's text fitted to ``width``: title up to 3 lines, description and owner elided.

    Cached by everything the result depends on (the texts, the badges, the width).
    """
    badges = tuple(metric_badges(tp)) if metrics else ()
    key = (
        tp.title,  # type: ignore[attr-defined]
        tp.description,  # type: ignore[attr-defined]
        tp.owner,  # type: ignore[attr-defined]
        tp.evidence,  # type: ignore[attr-defined]
        getattr(tp, "votes", 0),
        badges,
        width,
        glyph,
        markers,
        getattr(tp, "system", None),
        getattr(tp, "duration_min", None),
        getattr(tp, "wait_min", None),
        getattr(tp, "failure_point", False),
    )
    found = _CARD_CACHE.get(key)
    if found is None:
        if len(_CARD_CACHE) >= CACHE_MAX:
            _CARD_CACHE.clear()
        found = _CARD_CACHE[key] = _fit_card(tp, width, glyph, markers, badges)
    return found


def _fit_card(
    tp: object, width: float, glyph: str, markers: int, badges: tuple[tuple[str, str, str], ...]
) -> CardText:
    title_m = measure(BOLD, ts.CARD_TITLE)
    body_m = measure(REGULAR, ts.CARD_BODY)
    glyph_w = glyph_slot(glyph)
    room = width - 2 * ts.CARD_PAD - glyph_w - markers * MARKER_STEP
    title = wrap_text(
        (tp.title or "(untitled)")[:400], title_m, max(room, 20.0), ts.CARD_TITLE_LINES
    )  # type: ignore[attr-defined]
    body_room = width - 2 * ts.CARD_PAD - glyph_w
    desc = " ".join((tp.description or "")[:400].split())  # type: ignore[attr-defined]
    desc = ellipsize(desc, body_m, body_room) if desc else ""
    who = owner_line(tp)
    owner = ellipsize(who, body_m, body_room) if who else ""
    top = ts.CARD_PAD + len(title) * TITLE_LH + (BODY_LH if desc else 0) + (BODY_LH if owner else 0)
    footer, bottom = _footer(tp, width, top + FOOTER_GAP, badges)
    return CardText(glyph, title, desc, owner, footer, bottom + ts.CARD_PAD, ts.CARD_PAD + glyph_w)


@dataclass(frozen=True)
class NoteText:
    """An insight note's lines (up to 4, the last ellipsized) and its height."""

    lines: list[str]
    height: float


def fit_note(text: str, width: float) -> NoteText:
    """Up to four lines of ``text`` (cached by text and width)."""
    key = (text, width)
    found = _NOTE_CACHE.get(key)
    if found is None:
        if len(_NOTE_CACHE) >= CACHE_MAX:
            _NOTE_CACHE.clear()
        found = _NOTE_CACHE[key] = _fit_note(text, width)
    return found


def _fit_note(text: str, width: float) -> NoteText:
    lines = wrap_text(
        (text or "(empty)")[:800],
        measure(REGULAR, ts.INSIGHT_TEXT),
        width - 2 * ts.CARD_PAD - NOTE_NUMBER_W,
        ts.INSIGHT_LINES,
    )
    return NoteText(lines, 2 * ts.CARD_PAD + max(1, len(lines)) * NOTE_LH)
