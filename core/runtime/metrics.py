"""A Prometheus endpoint with the figures of ``Health`` (``[metrics] enabled``; off by default).

Served by ``prometheus_client`` on its own registry (only ccedge's gauges, no process
collectors of the library's own), bound to ``[metrics] address`` (loopback by default).
"""

from __future__ import annotations

from typing import Any

from ccedge.core.events import Health

_GAUGES = {
    "packets": "Packets read by the capture",
    "drops": "Packets the kernel or the capture could not keep",
    "damaged": "Damaged input records",
    "calls_active": "Calls in progress",
    "calls_total": "Calls seen since start",
    "speech_queue": "Utterances waiting for a speech worker",
    "speech_lag_s": "Oldest utterance wait in the speech queue (s)",
    "speech_shed": "Utterances shed by the speech queue",
    "speech_rtf": "Transcription decode seconds per audio second, recent batches",
    "holdback_lag_s": "Longest audio wait in the hold-back buffer (s)",
    "masked_lag_s": "Audio released masked because redaction was late (s)",
    "cpu_percent": "CPU of the process tree (percent of one core)",
    "rss_mb": "Resident memory of the process tree (MiB)",
    "events_lost": "Events dropped for slow live subscribers",
}


class Metrics:
    def __init__(self, address: str, port: int) -> None:
        from prometheus_client import CollectorRegistry, Gauge, start_http_server

        self.registry = CollectorRegistry(auto_describe=True)
        reg = self.registry
        self._g: dict[str, Any] = {k: Gauge(f"ccedge_{k}", doc, registry=reg) for k, doc in _GAUGES.items()}
        self._restarts = Gauge("ccedge_restarts", "Child processes restarted", ["child"], registry=reg)
        self.server, self.thread = start_http_server(port, addr=address, registry=self.registry)

    def update(self, h: Health) -> None:
        for k, g in self._g.items():
            g.set(float(getattr(h, k)))
        for child, n in h.restarts.items():
            self._restarts.labels(child=child).set(n)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


__all__ = ["Metrics"]
