"""`ccedge init` records the default compliance policy and `ccedge run` builds its stages from it
when the run configuration has no [guidance] table (issue 13: init creates "the default policy")."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ccedge.core.commands.init import COMPLIANCE_FILE, default_compliance
from ccedge.core.compliance import compliance_stages
from ccedge.core.errors import CoreError

CCEDGE = [sys.executable, "-m", "ccedge.core.cli"]


def init(data: Path, *extra: str) -> str:
    env = {**os.environ, "CCEDGE_VAULT_PASSPHRASE": "test-passphrase-0123"}
    proc = subprocess.run([*CCEDGE, "init", "--data-dir", str(data), *extra], capture_output=True,
                          text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr[-1500:]
    return proc.stdout


@pytest.mark.parametrize(("extra", "pack"), [((), "finance"), (("--policy", "healthcare"), "healthcare"),
                                             (("--policy", "3"), "service"),
                                             (("--guidance", "service"), "service")])
def test_init_records_the_default_policy(tmp_path: Path, extra: tuple[str, ...], pack: str) -> None:
    data = tmp_path / "data"
    out = init(data, *extra)
    assert f"default policy: {pack}" in out
    path = data / COMPLIANCE_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    recorded = default_compliance(data)
    assert recorded is not None
    guidance, qm, source = recorded
    assert guidance["policy"] == pack and source == str(path)
    stages = compliance_stages(guidance, qm, data, source)
    assert [type(s).__name__ for s in stages] == ["GuidanceStage", "QmStage"]


def test_none_disables_and_absent_or_bad_file_is_clear(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init(data, "--guidance", "none")
    recorded = default_compliance(data)
    assert recorded is not None and compliance_stages(*recorded[:2], data, recorded[2]) == []
    assert default_compliance(tmp_path / "nowhere") is None
    (data / COMPLIANCE_FILE).write_text("guidance = 3\n")
    with pytest.raises(CoreError, match="must be tables"):
        default_compliance(data)
