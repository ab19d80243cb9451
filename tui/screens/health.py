"""Health: capture, transcription, CPU, memory, disk and certificate figures over the last hour."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Footer

from ccedge.tui.client import ConsoleError, HealthSample
from ccedge.tui.screens.base import ConsoleScreen
from ccedge.tui.widgets import HealthStrip, LabelledSparkline

PLOTS: tuple[tuple[str, str, str], ...] = (
    ("packets_per_s", "capture packets/s", ""),
    ("drops", "capture drops", ""),
    ("calls_active", "active calls", ""),
    ("speech_lag_s", "transcription lag", " s"),
    ("realtime_factor", "real-time factor", ""),
    ("cpu_percent", "CPU", " %"),
    ("rss_mb", "memory", " MB"),
    ("disk_free_gb", "disk free", " GB"),
    ("cert_expiry_days", "certificate expiry", " d"),
)


class HealthScreen(ConsoleScreen):
    def compose(self) -> ComposeResult:
        yield HealthStrip(id="health-strip")
        with Grid(id="health-grid"):
            for key, title, unit in PLOTS:
                yield LabelledSparkline(title, unit, id=f"plot-{key.replace('_', '-')}")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.load_history()

    @work(exclusive=True, group="health-history")
    async def load_history(self) -> None:
        if self.client is None:
            return
        try:
            history = await self.client.health_history()
        except ConsoleError as e:
            self.refused(e)
            return
        have = {h.t for h in self.state.health}
        older = [h for h in history if h.t not in have]
        if older:
            merged = sorted([*older, *self.state.health], key=lambda h: h.t)
            self.state.health.clear()
            self.state.health.extend(merged)
            self.state.version += 1

    def redraw(self) -> None:
        samples: list[HealthSample] = list(self.state.health)
        self.query_one(HealthStrip).show(samples[-1] if samples else None, self.state.lost)
        for key, _title, _unit in PLOTS:
            values = [float(v) for h in samples if (v := getattr(h, key)) is not None]
            self.query_one(f"#plot-{key.replace('_', '-')}", LabelledSparkline).set_data(values)
