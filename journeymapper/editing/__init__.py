"""The editing API: every user-level change as one validated, committed transaction.

Each operation returns an :class:`EditResult` holding what changed and the
:class:`Edit` that undoes it. Applying that inverse returns the inverse of the
inverse, i.e. the redo, so an undo stack needs nothing but :func:`apply`.

This module is the face callers use (``editing.add_touchpoint(doc, …)``); the
work lives in one module per job:

- :mod:`.core` — Edit, Changes, EditResult, the registry, apply/perform/batch, ordering
- :mod:`.rules` — the validators and the field tables (the UI checks with them too)
- :mod:`.removal` — the one delete/restore mechanism every entity registers through
- :mod:`.structure` (workspace, settings, personas, journeys, stages, lanes),
  :mod:`.touchpoints` (cards, text cells), :mod:`.measurements` (metrics, values),
  :mod:`.annotations`, :mod:`.voting`, :mod:`.copy` (duplicate a journey),
  :mod:`.bulk` (the same rules for importers writing many rows)

Importing this package imports every entity module, so every operation is
registered before any recorded :class:`Edit` is applied.
"""

from journeymapper.editing import copy, rules
from journeymapper.editing.annotations import (
    add_annotation,
    delete_annotation,
    edit_annotation,
    reorder_annotation,
    restore_annotation,
)
from journeymapper.editing.bulk import (
    annotation_values,
    check_cell,
    delete_measurements,
    measurement_values,
    restore_measurements,
    text_cell_value,
    touchpoint_values,
)
from journeymapper.editing.core import (
    Changes,
    Edit,
    EditResult,
    Operation,
    apply,
    batch,
    operation,
    operation_names,
    perform,
)
from journeymapper.editing.measurements import (
    add_metric,
    delete_measurement,
    delete_metric,
    metric_by_key,
    restore_measurement,
    restore_metric,
    set_measurement,
)
from journeymapper.editing.rules import (
    MAX_LANE_HEIGHT,
    MAX_STAGE_WIDTH,
    MIN_LANE_HEIGHT,
    MIN_STAGE_WIDTH,
)
from journeymapper.editing.structure import (
    add_journey,
    add_lane,
    add_persona,
    add_stage,
    delete_journey,
    delete_lane,
    delete_persona,
    delete_stage,
    edit_journey,
    edit_lane,
    edit_persona,
    edit_stage,
    edit_workspace,
    rename_lane,
    rename_stage,
    reorder_journey,
    reorder_lane,
    reorder_stage,
    resize_lane,
    resize_stage,
    restore_journey,
    restore_lane,
    restore_persona,
    restore_stage,
    set_setting,
)
from journeymapper.editing.touchpoints import (
    add_touchpoint,
    delete_touchpoint,
    edit_touchpoint,
    move_touchpoint,
    restore_touchpoint,
    set_text_cell,
)
from journeymapper.editing.voting import (
    add_vote_round,
    delete_vote_round,
    restore_vote,
    restore_vote_round,
    set_vote_round_state,
    unvote,
    vote,
)

duplicate_journey = copy.duplicate_journey

__all__ = [
    "MAX_LANE_HEIGHT",
    "MAX_STAGE_WIDTH",
    "MIN_LANE_HEIGHT",
    "MIN_STAGE_WIDTH",
    "Changes",
    "Edit",
    "EditResult",
    "Operation",
    "add_annotation",
    "add_journey",
    "add_lane",
    "add_metric",
    "add_persona",
    "add_stage",
    "add_touchpoint",
    "add_vote_round",
    "annotation_values",
    "apply",
    "batch",
    "check_cell",
    "copy",
    "delete_annotation",
    "delete_journey",
    "delete_lane",
    "delete_measurement",
    "delete_measurements",
    "delete_metric",
    "delete_persona",
    "delete_stage",
    "delete_touchpoint",
    "delete_vote_round",
    "duplicate_journey",
    "edit_annotation",
    "edit_journey",
    "edit_lane",
    "edit_persona",
    "edit_stage",
    "edit_touchpoint",
    "edit_workspace",
    "measurement_values",
    "metric_by_key",
    "move_touchpoint",
    "operation",
    "operation_names",
    "perform",
    "rename_lane",
    "rename_stage",
    "reorder_annotation",
    "reorder_journey",
    "reorder_lane",
    "reorder_stage",
    "resize_lane",
    "resize_stage",
    "restore_annotation",
    "restore_journey",
    "restore_lane",
    "restore_measurement",
    "restore_measurements",
    "restore_metric",
    "restore_persona",
    "restore_stage",
    "restore_touchpoint",
    "restore_vote",
    "restore_vote_round",
    "rules",
    "set_measurement",
    "set_setting",
    "set_text_cell",
    "set_vote_round_state",
    "text_cell_value",
    "touchpoint_values",
    "unvote",
    "vote",
]
