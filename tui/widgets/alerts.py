"""Alerts as they fire: guidance prompts that opened or were violated, newest first."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from ccedge.tui.client import Prompt
from ccedge.tui.widgets.format import SEVERITY_STYLE, call_time


class AlertsView(Static):
    DEFAULT_CLASSES = "alerts"

    def show(self, alerts: Iterable[Prompt], limit: int = 50) -> None:
        t = Text()
        for i, p in enumerate(alerts):
            if i >= limit:
                break
            if t:
                t.append("\n")
            t.append(f"{p.severity[:4].upper():<5}", style=SEVERITY_STYLE.get(p.severity, ""))
            t.append(f"{p.call_id[:10]:<11}", style="dim")
            t.append(f"{call_time(p.t)} ", style="dim")
            t.append(f"{p.rule}: ", style="bold")
            t.append(p.message)
            if p.state == "violated":
                t.append("  VIOLATED", style="bold red")
        self.update(t if t else Text("no alerts", style="dim"))
