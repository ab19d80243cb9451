"""`ccedge enroll --role agent --agent LABEL`: the certificate carries the role and the label."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ccedge.core.pki import PkiPaths, identity_of
from ccedge.rpc.client import Bundle as ClientBundle

CCEDGE = [sys.executable, "-m", "ccedge.core.cli"]


def ccedge(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CCEDGE_DATA_DIR": ""}
    proc = subprocess.run([*CCEDGE, *args], capture_output=True, text=True, timeout=120, env=env)
    assert (proc.returncode == 0) == ok, proc.stderr[-1500:]
    return proc


@pytest.fixture(scope="module")
def appliance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("box") / "data"
    ccedge("init", "--data-dir", str(data))
    return data


def test_agent_enrolment_carries_role_and_label(appliance: Path, tmp_path: Path) -> None:
    out = tmp_path / "bo.json"
    done = ccedge("enroll", "--role", "agent", "--agent", "ext  101", "--name", "bo", "--out", str(out),
                  "--data-dir", str(appliance))
    assert "as agent (ext  101)" in done.stdout
    bundle = ClientBundle.load(out)
    ident = identity_of(bundle.cert_pem.encode())
    assert (ident.name, ident.role, ident.agent) == ("bo", "agent", "ext 101")  # spaces folded
    users = json.loads(PkiPaths.of(appliance).users.read_text())
    assert [(u["name"], u["role"], u.get("agent")) for u in users] == [("bo", "agent", "ext 101")]
    listed = ccedge("enroll", "--list", "--data-dir", str(appliance)).stdout
    assert "bo" in listed and "agent" in listed


@pytest.mark.parametrize("args", [
    ("--role", "agent", "--name", "cy"),  # an agent without a label would see nobody's calls
    ("--role", "supervisor", "--agent", "ext 102", "--name", "cy"),  # a label only for agents
])
def test_agent_label_required_for_agents_only(appliance: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    out = tmp_path / "cy.json"
    proc = ccedge("enroll", *args, "--out", str(out), "--data-dir", str(appliance), ok=False)
    assert "--agent LABEL is required for role agent and only for it" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and not out.exists()
