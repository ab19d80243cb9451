"""Fixtures for the speech tests: a built model (the data directory's, else one built here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccedge.core.speech.build import build_model, default_model_path, is_built


def _model(tmp_path_factory: pytest.TempPathFactory, quant: str) -> Path:
    path = default_model_path(quant).resolve()
    if is_built(path, verify=False):
        return path
    out = tmp_path_factory.mktemp("models") / f"ggml-tiny.en-{quant}.bin"
    build_model(out, quant)
    return out


@pytest.fixture(scope="session")
def q8_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _model(tmp_path_factory, "q8_0")


@pytest.fixture(scope="session")
def q8_engine(q8_model: Path):  # type: ignore[no-untyped-def]
    from ccedge.core.speech.engine import WhisperCppEngine

    engine = WhisperCppEngine(q8_model)
    yield engine
    engine.close()
