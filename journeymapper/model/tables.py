"""SQLModel tables of a workspace file.

Ordering is explicit everywhere (``position`` columns, contiguous from 0 within
their parent, except a card's: a sparse order key within its cell, see
:mod:`journeymapper.store.order_keys`) so that the canvas, the PDF and undo can all
rely on it. Enum-like
columns are stored as short strings so that a file stays readable with any
SQLite tool; :mod:`journeymapper.model.enums` lists the allowed values.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Workspace(SQLModel, table=True):
    """The single row describing the workspace file itself."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = "Untitled workspace"
    author: str = ""
    description: str = ""
    created_at: str = ""


class Persona(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    description: str = ""
    goals: str = ""
    pains: str = ""
    colour: str = "#5b7db1"
    position: int = 0


class Journey(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    persona_id: int | None = Field(
        default=None, foreign_key="persona.id", index=True, ondelete="SET NULL"
    )
    state: str = "current"
    description: str = ""
    position: int = 0


class Stage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    name: str
    position: int = 0
    width: float = 340.0
    colour: str = "#e8eef7"
    description: str = ""
    #: The stage this one was copied from (future-state duplicate); no foreign key, so
    #: deleting the original neither cascades nor breaks undo. Same on lanes and cards.
    origin_id: int | None = None


class Lane(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    name: str
    kind: str = "channel"
    channel_kind: str | None = None
    is_support: bool = False
    position: int = 0
    height: float = 96.0
    origin_id: int | None = None


class Touchpoint(SQLModel, table=True):
    #: A cell's cards in order: a move reads its neighbours and counts through this index
    #: (a stage's index alone scans the whole stage), and it serves stage_id lookups too.
    __table_args__ = (Index("ix_touchpoint_cell", "stage_id", "lane_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE")
    lane_id: int = Field(foreign_key="lane.id", index=True, ondelete="CASCADE")
    position: int = 0
    title: str
    description: str = ""
    interaction: str = "direct"
    owner: str = ""
    emotion: int | None = None
    colour: str = ""
    evidence: str = "observed"
    origin_id: int | None = None
    #: Step fields (cards in blueprint layers); NULL on plain touchpoints.
    system: str | None = None
    duration_min: float | None = None
    wait_min: float | None = None
    failure_point: bool | None = None


class TextCell(SQLModel, table=True):
    __tablename__ = "text_cell"

    id: int | None = Field(default=None, primary_key=True)
    stage_id: int = Field(foreign_key="stage.id", index=True, ondelete="CASCADE")
    lane_id: int = Field(foreign_key="lane.id", index=True, ondelete="CASCADE")
    text: str = ""


class MetricDefinition(SQLModel, table=True):
    __tablename__ = "metric_definition"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    name: str
    unit: str = ""
    min_value: float
    max_value: float
    higher_is_better: bool = True
    builtin: bool = False
    position: int = 0


class Measurement(SQLModel, table=True):
    # The newest value per (touchpoint, metric) is read for every card: this index
    # answers it without sorting the whole table.
    __table_args__ = (
        Index("ix_measurement_latest", "touchpoint_id", "metric_id", "measured_on", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    touchpoint_id: int = Field(foreign_key="touchpoint.id", index=True, ondelete="CASCADE")
    metric_id: int = Field(foreign_key="metric_definition.id", index=True, ondelete="CASCADE")
    value: float
    measured_on: dt.date
    sample_size: int | None = None
    source: str = ""


class Annotation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    kind: str = "note"
    text: str = ""
    touchpoint_id: int | None = Field(
        default=None, foreign_key="touchpoint.id", index=True, ondelete="CASCADE"
    )
    stage_id: int | None = Field(
        default=None, foreign_key="stage.id", index=True, ondelete="CASCADE"
    )
    position: int = 0


class VoteRound(SQLModel, table=True):
    __tablename__ = "vote_round"

    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    name: str = "Round 1"
    dots_per_participant: int = 3
    state: str = "open"


class Vote(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="vote_round.id", index=True, ondelete="CASCADE")
    participant: str
    touchpoint_id: int | None = Field(
        default=None, foreign_key="touchpoint.id", index=True, ondelete="CASCADE"
    )
    annotation_id: int | None = Field(
        default=None, foreign_key="annotation.id", index=True, ondelete="CASCADE"
    )


class Opportunity(SQLModel, table=True):
    """A workspace-wide item of work answering pain points in any journey."""

    id: int | None = Field(default=None, primary_key=True)
    title: str
    description: str = ""
    owner: str = ""
    status: str = "idea"
    value: int = 3
    effort: int = 3
    confidence: str = "medium"
    due_on: dt.date | None = None
    started_on: dt.date | None = None
    position: int = 0


class Solution(SQLModel, table=True):
    """An idea to try under an opportunity, with its own owner and status."""

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    title: str
    description: str = ""
    owner: str = ""
    status: str = "idea"
    position: int = 0


class Target(SQLModel, table=True):
    """An expected metric change an opportunity promises (on a card or a stage aggregate)."""

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    metric_id: int = Field(foreign_key="metric_definition.id", index=True, ondelete="CASCADE")
    touchpoint_id: int | None = Field(
        default=None, foreign_key="touchpoint.id", index=True, ondelete="CASCADE"
    )
    stage_id: int | None = Field(
        default=None, foreign_key="stage.id", index=True, ondelete="CASCADE"
    )
    from_value: float | None = None
    to_value: float
    by_date: dt.date | None = None


class OpportunityLink(SQLModel, table=True):
    """One link of an opportunity: to a pain point, a touchpoint or a stage (exactly one)."""

    __tablename__ = "opportunity_link"

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    annotation_id: int | None = Field(
        default=None, foreign_key="annotation.id", index=True, ondelete="CASCADE"
    )
    touchpoint_id: int | None = Field(
        default=None, foreign_key="touchpoint.id", index=True, ondelete="CASCADE"
    )
    stage_id: int | None = Field(
        default=None, foreign_key="stage.id", index=True, ondelete="CASCADE"
    )


class Connector(SQLModel, table=True):
    """An arrow from one card to another (flow, hand-off or dependency), with a label."""

    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="touchpoint.id", index=True, ondelete="CASCADE")
    target_id: int = Field(foreign_key="touchpoint.id", index=True, ondelete="CASCADE")
    kind: str = "flow"
    label: str = ""


class Setting(SQLModel, table=True):
    """Per-workspace settings (health-check thresholds, last journey shown …)."""

    key: str = Field(primary_key=True)
    value: str = ""


#: Tables in dependency order (parents first); used by copy, restore and tests.
ALL_TABLES: tuple[type[SQLModel], ...] = (
    Workspace,
    Persona,
    Journey,
    Stage,
    Lane,
    Touchpoint,
    TextCell,
    MetricDefinition,
    Measurement,
    Annotation,
    VoteRound,
    Vote,
    Opportunity,
    Solution,
    Target,
    OpportunityLink,
    Connector,
    Setting,
)
