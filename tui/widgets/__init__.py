"""Widgets of the console: each draws one kind of thing the API sends."""

from ccedge.tui.widgets.alerts import AlertsView
from ccedge.tui.widgets.calls_table import CallsTable
from ccedge.tui.widgets.health_strip import HealthStrip
from ccedge.tui.widgets.plot import LabelledSparkline
from ccedge.tui.widgets.transcript import TranscriptView

__all__ = ["AlertsView", "CallsTable", "HealthStrip", "LabelledSparkline", "TranscriptView"]
