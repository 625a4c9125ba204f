"""Qt-free analysis of a journey: stage aggregates, survey maths, health check, heatmap colours.

Everything here reads a :class:`~journeymapper.store.journey_data.JourneyData` snapshot (one
read of the whole map), so the charts, the canvas, the PDF and the CLI share the numbers.
"""
