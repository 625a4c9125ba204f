"""Test workspaces for the PDF tests, built from the blank template through the editing API."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace

UNICODE_TITLE = "Café Привет Καλημέρα"
LONG_TITLE = (
    "A very long touchpoint title that cannot possibly fit on one card of the printed map "
    "because it goes on and on about the details of the store visit and the checkout"
)


@dataclass
class Sample:
    path: Path
    journey_id: int
    titles: list[str]
    annotations: list[str]


def build_sample(folder: Path, per_cell: int = 1) -> tuple[Document, Sample]:
    """Blank template plus touchpoints in every channel lane, measurements and annotations."""
    path = folder / "sample.jmap"
    doc = create_workspace(path, "blank")
    journey_id = find_journey(doc, None)
    data = load_journey(doc, journey_id)
    channels = [ln for ln in data.lanes if ln.kind == "channel"]
    text_lane = next(ln for ln in data.lanes if ln.kind == "text")
    titles: list[str] = []
    notes: list[str] = []
    with doc.transaction() as s:
        for i, stage in enumerate(data.stages):
            for k, lane in enumerate(channels[:3]):
                for n in range(per_cell):
                    if i == k == n == 0:
                        title = UNICODE_TITLE
                    elif i == 1 and k == 0 and n == 0:
                        title = LONG_TITLE
                    else:
                        title = f"Visit {stage.name} via {lane.name} {n}"
                    tp = editing.perform(
                        s,
                        "add_touchpoint",
                        stage_id=stage.id,
                        lane_id=lane.id,
                        title=title,
                        interaction="indirect" if k == 1 else "direct",
                        evidence=("observed", "assumed", "proposed")[k],
                        emotion=(i + k) % 5 - 2,
                    ).created_id
                    titles.append(title)
                    for month, value in ((1, 3.0 + k * 0.5), (3, 3.5 + i * 0.2)):
                        editing.perform(
                            s,
                            "set_measurement",
                            touchpoint_id=tp,
                            metric="csat",
                            value=value,
                            measured_on=f"2025-0{month}-01",
                            sample_size=40,
                        )
                    if k == 2 and n == 0:
                        note = f"Pain at {stage.name}: the queue is long"
                        editing.perform(
                            s, "add_annotation", kind="pain_point", text=note, touchpoint_id=tp
                        )
                        notes.append(note)
            note = f"Opportunity for {stage.name}: simplify"
            editing.perform(s, "add_annotation", kind="opportunity", text=note, stage_id=stage.id)
            notes.append(note)
            editing.perform(
                s,
                "set_text_cell",
                stage_id=stage.id,
                lane_id=text_lane.id,
                text=f"The customer does things in {stage.name}",
            )
    return doc, Sample(path, journey_id, titles, notes)


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    """Text without whitespace: wrapped lines break titles at spaces."""
    return "".join(text.split())
