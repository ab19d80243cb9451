"""The appliance's figures in one line at the top of the floor."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ccedge.tui.client import HealthSample


class HealthStrip(Static):
    """Latest health sample; red where a figure needs a look (drops, lag, shed events)."""

    DEFAULT_CLASSES = "health-strip"

    def show(self, h: HealthSample | None, lost: int = 0) -> None:
        if h is None:
            self.update(Text("waiting for the appliance's health figures…", style="dim"))
            return
        t = Text()

        def fig(label: str, value: str, bad: bool = False) -> None:
            if t:
                t.append("  ")
            t.append(f"{label} ", style="dim")
            t.append(value, style="bold red" if bad else "bold")

        fig("calls", str(h.calls_active))
        fig("pkt/s", f"{h.packets_per_s:,.0f}")
        fig("drops", str(h.drops), h.drops > 0)
        fig("lag", f"{h.speech_lag_s:.1f}s", h.speech_lag_s > 2.0)
        if h.realtime_factor is not None:
            fig("RTF", f"{h.realtime_factor:.2f}", h.realtime_factor > 1.0)
        fig("CPU", f"{h.cpu_percent:.0f}%", h.cpu_percent > 90)
        fig("mem", f"{h.rss_mb:,.0f}MB")
        if h.disk_free_gb is not None:
            fig("disk", f"{h.disk_free_gb:,.0f}GB", h.disk_free_gb < 5)
        if h.cert_expiry_days is not None:
            fig("cert", f"{h.cert_expiry_days:.0f}d", h.cert_expiry_days < 30)
        if lost or h.events_lost:
            fig("lost", str(lost + h.events_lost), True)
        self.update(t)
