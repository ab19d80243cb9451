"""The [guidance] / [qm] config tables build the runtime's event stages, or fail with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccedge.core.compliance import compliance_stages
from ccedge.core.errors import CoreError
from ccedge.core.guidance import GuidanceStage
from ccedge.core.qm import QmStage


def test_stages_from_config(tmp_path: Path) -> None:
    assert compliance_stages({}, {}, tmp_path) == []
    g, q = compliance_stages({"policy": "healthcare"}, {"teams": {"ext 1": "front desk"}}, tmp_path)
    assert isinstance(g, GuidanceStage) and isinstance(q, QmStage)
    assert q.card.id == "healthcare" and q.rules is g and (tmp_path / "qm.sqlite").is_file()
    (only,) = compliance_stages({"policy": "service"}, {"enabled": False}, tmp_path)
    assert isinstance(only, GuidanceStage)


def test_config_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(CoreError, match=r"ccedge.toml: \[guidance\] unknown key 'polcy'"):
        compliance_stages({"polcy": "finance"}, {}, tmp_path, "ccedge.toml")
    with pytest.raises(CoreError, match="no such policy pack or file"):
        compliance_stages({"policy": "banking"}, {}, tmp_path)
    with pytest.raises(CoreError, match=r"\[qm\] teams"):
        compliance_stages({"policy": "finance"}, {"teams": ["a"]}, tmp_path)
