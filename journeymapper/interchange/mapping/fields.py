"""The fields a column can hold, per importer, and the names spreadsheets give them.

A column is mapped to one field key: the key the importer itself reads
(``touchpoint``, ``recommend`` …), ``metric:KEY`` for a metric's value in a
touchpoints file, or :data:`IGNORE`. Header names are compared in
:func:`sniff.normalise` form, so ``Q2_NPS`` and ``q2 nps`` are one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeymapper.interchange.sniff import normalise, without_unit

IGNORE = "ignore"
METRIC_PREFIX = "metric:"


@dataclass(frozen=True)
class Field:
    """One thing a column can hold, as the importer names it, with its words."""

    key: str
    label: str
    #: Whole header names (normalised) in English, German, French, Italian, Spanish.
    names: tuple[str, ...] = ()
    #: Words that, found inside a longer header or question text, suggest this field.
    words: tuple[str, ...] = ()


_TOUCHPOINT_NAMES = (
    "touchpoint", "touchpoint title", "touchpoint name", "title", "card", "titel",
    "kontaktpunkt", "berührungspunkt", "titre", "point de contact", "titolo",
    "punto di contatto", "título", "titulo", "punto de contacto",
)  # fmt: skip
_STAGE_NAMES = (
    "stage", "phase", "journey stage", "step", "etappe", "stufe", "schritt", "étape",
    "etape", "fase", "tappa", "etapa",
)  # fmt: skip
_LANE_NAMES = (
    "lane", "channel", "swimlane", "swim lane", "channel name", "kanal", "canal", "canale",
    "bahn",
)  # fmt: skip

FIELDS: dict[str, Field] = {
    f.key: f
    for f in (
        Field("touchpoint", "Touchpoint (title)", _TOUCHPOINT_NAMES, ("touchpoint",)),
        Field("title", "Title", _TOUCHPOINT_NAMES),
        Field("stage", "Stage", _STAGE_NAMES, ("stage",)),
        Field("lane", "Lane", _LANE_NAMES),
        Field(
            "channel kind",
            "Channel kind (online/offline)",
            (
                "channel kind",
                "channel type",
                "kanaltyp",
                "type de canal",
                "tipo di canale",
                "tipo de canal",
                "online offline",
            ),
        ),  # fmt: skip
        Field(
            "description",
            "Description",
            (
                "description",
                "details",
                "notes",
                "beschreibung",
                "descrizione",
                "descripción",
                "descripcion",
            ),
        ),  # fmt: skip
        Field("interaction", "Interaction", ("interaction", "interaktion", "interazione")),
        Field(
            "owner",
            "Owner",
            (
                "owner",
                "responsible",
                "team",
                "verantwortlich",
                "zuständig",
                "besitzer",
                "responsable",
                "propriétaire",
                "responsabile",
                "proprietario",
            ),
        ),  # fmt: skip
        Field("evidence", "Evidence", ("evidence", "evidenz", "beleg", "preuve", "evidenza")),
        # A service blueprint's layer and step fields (touchpoints CSV).
        Field("layer", "Blueprint layer", ("layer", "blueprint layer", "service layer", "ebene")),
        Field("system", "System (step)", ("system", "tool", "it system", "système", "sistema")),
        Field("duration min", "Duration (minutes)", ("duration", "duration min", "dauer")),
        Field("wait min", "Wait (minutes)", ("wait", "wait min", "waiting time", "wartezeit")),
        Field("failure point", "Failure point (yes/no)", ("failure point", "fail point")),
        Field(
            "emotion",
            "Emotion (−2…+2)",
            (
                "emotion",
                "emotion score",
                "feeling",
                "sentiment",
                "mood",
                "gefühl",
                "stimmung",
                "émotion",
                "emozione",
                "emoción",
            ),
        ),  # fmt: skip
        Field(
            "date",
            "Date",
            (
                "date",
                "day",
                "datum",
                "tag",
                "data",
                "fecha",
                "timestamp",
                "zeitstempel",
                "horodatage",
                "submitted",
                "submitted at",
                "submission date",
                "completed at",
                "response date",
                "end date",
                "recorded date",
                "start date",
                "enddate",
                "startdate",
                "measured on",
                "erstellt am",
                "abgeschickt",
            ),
            ("date", "datum", "timestamp", "zeitstempel", "submitted"),
        ),  # fmt: skip
        Field(
            "recommend",
            "NPS answer (0–10)",
            (
                "nps",
                "recommend",
                "likelihood to recommend",
                "net promoter score",
                "weiterempfehlung",
                "empfehlung",
                "recommandation",
                "raccomandazione",
                "recomendación",
                "recomendacion",
            ),
            (
                "nps",
                "recommend",
                "empfehlen",
                "weiterempfehl",
                "recommander",
                "raccomand",
                "recomendar",
            ),
        ),  # fmt: skip
        Field(
            "satisfaction",
            "CSAT answer (1–5)",
            (
                "csat",
                "satisfaction",
                "bewertung",
                "zufriedenheit",
                "note",
                "valutazione",
                "soddisfazione",
                "satisfacción",
                "satisfaccion",
                "valoración",
                "rating",
            ),
            ("csat", "satisf", "zufrieden", "soddisf", "bewertung"),
        ),  # fmt: skip
        Field(
            "effort",
            "CES answer (1–7)",
            ("ces", "effort", "customer effort", "aufwand", "effort client", "sforzo", "esfuerzo"),
            ("ces", "effort", "easy", "aufwand", "einfach", "facile", "esfuerzo", "sforzo"),
        ),  # fmt: skip
        Field(
            "metric",
            "Metric (key or name)",
            ("metric", "kpi", "measure", "kennzahl", "métrique", "metrica", "métrica"),
        ),
        Field("value", "Value", ("value", "score", "result", "wert", "valeur", "valore", "valor")),
        Field(
            "sample size",
            "Sample size",
            (
                "sample size",
                "n",
                "sample",
                "responses",
                "respondents",
                "base",
                "anzahl",
                "stichprobe",
                "échantillon",
                "campione",
                "muestra",
            ),
        ),  # fmt: skip
        Field("source", "Source", ("source", "data source", "quelle", "fonte", "fuente")),
    )
}

#: The fields each importer reads (its ``kind`` in the registry).
IMPORTER_FIELDS: dict[str, tuple[str, ...]] = {
    "survey": ("touchpoint", "stage", "lane", "date", "recommend", "satisfaction", "effort"),
    "measurements": (
        "touchpoint", "stage", "lane", "metric", "value", "date", "sample size", "source",
    ),
    "touchpoints": (
        "stage", "lane", "channel kind", "title", "description", "interaction", "emotion",
        "evidence", "owner", "layer", "system", "duration min", "wait min", "failure point",
        "date",
    ),
}  # fmt: skip
#: Fields whose empty or "N/A" cells are answers skipped (and counted), not problems.
ANSWER_FIELDS = frozenset({"recommend", "satisfaction", "effort", "value"})
#: Fields whose cells name touchpoints (or stages) and take part in value matching.
LABEL_FIELDS = ("touchpoint", "title")

_ALIASES = {"nps": "recommend", "csat": "satisfaction", "ces": "effort", "sample": "sample size"}
_NOT_ANSWERED = {
    "", "n/a", "na", "n.a.", "-", "–", "—", "k.a.", "k. a.", "keine angabe", "nd", "n.d.",
    "s.o.", "sans objet", "non applicabile", "no aplica", "null", "none",
}  # fmt: skip


def not_answered(text: str) -> bool:
    """Blank or an "N/A" in any of the usual spellings: skipped, counted, never a problem."""
    return text.strip().casefold() in _NOT_ANSWERED


def fields_for(kind: str) -> tuple[str, ...]:
    return IMPORTER_FIELDS[kind]


def label(key: str) -> str:
    if key == IGNORE:
        return "Ignore"
    if key.startswith(METRIC_PREFIX):
        return f"Metric value: {key[len(METRIC_PREFIX) :]}"
    return FIELDS[key].label


def parse_field(text: str, kind: str) -> str:
    """A field key from what a user typed (``nps``, ``CSAT``, ``metric:csat``, ``ignore``)."""
    raw = " ".join(text.strip().lower().replace("_", " ").split())
    raw = _ALIASES.get(raw, raw)
    if raw == IGNORE:
        return IGNORE
    if raw.startswith(METRIC_PREFIX) and kind == "touchpoints" and raw[len(METRIC_PREFIX) :]:
        return METRIC_PREFIX + raw[len(METRIC_PREFIX) :].strip()
    allowed = fields_for(kind)
    if raw in allowed:
        return raw
    extra = ", metric:KEY" if kind == "touchpoints" else ""
    raise ValueError(f"{text!r} is not a field: use one of {', '.join(allowed)}{extra} or ignore.")


def name_match(header: str, kind: str) -> str | None:
    """The field a header names outright (any listed language), or None."""
    names = {normalise(header), without_unit(header)}
    names |= {re.sub(r"^q\d+\s*", "", n) for n in names}  # Q2_NPS -> nps
    for key in fields_for(kind):
        if names & {normalise(n) for n in FIELDS[key].names}:
            return key
    return None


def word_match(text: str, kind: str) -> str | None:
    """The field a longer header or question text suggests by a word in it, or None."""
    low = text.casefold()
    if "how likely" in low and "recommend" in low:
        return "recommend" if "recommend" in fields_for(kind) else None
    for key in fields_for(kind):
        for word in FIELDS[key].words:
            if re.search(rf"(?<![a-z]){re.escape(word)}", low):
                return key
    return None
