"""The operator's side: systemd notifications, JSON logs without content, the metrics endpoint."""

from __future__ import annotations

import json
import logging
import socket
import urllib.request
from pathlib import Path

import pytest

from ccedge.core.events import Health
from ccedge.core.runtime.logs import JsonFormatter
from ccedge.core.runtime.metrics import Metrics
from ccedge.core.runtime.systemd import notify


def test_notify_sends_to_the_socket_systemd_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.bind(str(path))
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        assert notify("READY=1") and notify("WATCHDOG=1")
        assert s.recv(100) == b"READY=1" and s.recv(100) == b"WATCHDOG=1"
    monkeypatch.delenv("NOTIFY_SOCKET")
    assert not notify("READY=1")


def test_log_lines_are_json_and_never_carry_a_digit_run() -> None:
    rec = logging.LogRecord("ccedge.x", logging.ERROR, __file__, 1, "failed on %s",
                            ("4111 1111 1111 1111",), None)
    line = JsonFormatter().format(rec)
    obj = json.loads(line)
    assert obj["level"] == "error" and obj["logger"] == "ccedge.x" and "[DIGITS]" in obj["msg"]
    assert "1111" not in line


def test_metrics_endpoint_serves_the_health_figures() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    m = Metrics("127.0.0.1", port)
    try:
        m.update(Health(call_id="", t=1.0, packets=1234, calls_active=3, restarts={"speech": 2}))
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    finally:
        m.close()
    assert "ccedge_packets 1234.0" in body and "ccedge_calls_active 3.0" in body
    assert 'ccedge_restarts{child="speech"} 2.0' in body
