"""Shared fixtures: where the shared test data lives, and skips when it does not."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("CCEDGE_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` when present; tests that use it skip cleanly when it is not."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared test data not present at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def pcaps(shared_data: Path) -> Path:
    return shared_data / "pcaps"


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install {name})")
    return path


def require_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root (network namespaces / raw sockets)")


@pytest.fixture(scope="session")
def q8_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The q8_0 transcription model: the data directory's (``.ci/setup`` builds it), else one built here."""
    from ccedge.core.speech.build import build_model, default_model_path, is_built

    path = default_model_path("q8_0").resolve()
    if is_built(path, verify=False):
        return path
    out = tmp_path_factory.mktemp("models") / "ggml-tiny.en-q8_0.bin"
    build_model(out, "q8_0")
    return out
