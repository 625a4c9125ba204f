"""Allowed values of the string-coded columns, and the built-in metrics."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class _Worded(StrEnum):
    """Choices whose label is the value in words: ``pain_point`` reads "Pain point"."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class JourneyState(StrEnum):
    CURRENT = "current"
    FUTURE = "future"


class LaneKind(StrEnum):
    CHANNEL = "channel"
    TEXT = "text"
    EMOTION = "emotion"
    #: Blueprint layers (service blueprint lanes; their cards are steps).
    PHYSICAL = "physical"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support_process"


#: Blueprint layer kinds, top to bottom as a blueprint reads them.
LAYER_KINDS: tuple[str, ...] = (
    LaneKind.PHYSICAL,
    LaneKind.FRONTSTAGE,
    LaneKind.BACKSTAGE,
    LaneKind.SUPPORT,
)
#: Lane kinds that hold cards: channel lanes (touchpoints) and layers (steps).
CARD_LANE_KINDS = frozenset({LaneKind.CHANNEL, *LAYER_KINDS})

LAYER_LABELS: dict[str, str] = {
    LaneKind.PHYSICAL: "Physical evidence",
    LaneKind.FRONTSTAGE: "Frontstage",
    LaneKind.BACKSTAGE: "Backstage",
    LaneKind.SUPPORT: "Support processes",
}


class ConnectorKind(StrEnum):
    FLOW = "flow"
    HANDOFF = "handoff"
    DEPENDENCY = "dependency"

    @property
    def label(self) -> str:
        return {"flow": "Flow", "handoff": "Hand-off", "dependency": "Dependency"}[self.value]


class JourneyView(StrEnum):
    """How a journey shows: a plain journey map, or a service blueprint with its layers."""

    JOURNEY = "journey"
    BLUEPRINT = "blueprint"


class ChannelKind(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"


class Interaction(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


class Evidence(StrEnum):
    OBSERVED = "observed"
    ASSUMED = "assumed"
    PROPOSED = "proposed"


class AnnotationKind(_Worded):
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"
    IDEA = "idea"
    NOTE = "note"


class RoundState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    HIDDEN = "hidden"


class OpportunityStatus(_Worded):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class SolutionStatus(StrEnum):
    IDEA = "idea"
    TESTING = "testing"
    ADOPTED = "adopted"
    REJECTED = "rejected"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


#: Value and effort of an opportunity are scores from 1 to 5.
SCORE_MIN = 1
SCORE_MAX = 5

EMOTION_MIN = -2
EMOTION_MAX = 2


@dataclass(frozen=True)
class BuiltinMetric:
    key: str
    name: str
    unit: str
    min_value: float
    max_value: float
    higher_is_better: bool


BUILTIN_METRICS: tuple[BuiltinMetric, ...] = (
    BuiltinMetric("engagement_rate", "Engagement rate", "%", 0, 100, True),
    BuiltinMetric("csat", "CSAT", "", 1, 5, True),
    BuiltinMetric("nps", "NPS", "", -100, 100, True),
    BuiltinMetric("conversion_rate", "Conversion rate", "%", 0, 100, True),
    BuiltinMetric("ces", "Customer Effort Score", "", 1, 7, False),
    BuiltinMetric("drop_off_rate", "Drop-off rate", "%", 0, 100, False),
)

#: Metrics that carry the customer's own voice (the health check looks for them).
FEEDBACK_METRICS = frozenset({"csat", "nps", "ces"})
