"""Every folder with an __init__.py is a listed package; grpc/ never shadows grpcio."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROOTS = {"core": "ccedge.core", "core/testing": "ccedge.testing", "dsp": "ccedge.dsp",
         "hardware": "ccedge.hardware", "grpc": "ccedge.rpc", "tui": "ccedge.tui",
         "firmware": "ccedge.firmware"}


def _config() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_package_is_listed() -> None:
    cfg = _config()
    listed = set(cfg["packages"])
    found = set()
    for folder, package in ROOTS.items():
        base = REPO / folder
        for init in base.rglob("__init__.py"):
            nested = [f for f in ROOTS if f.startswith(folder + "/")]
            if any(init.is_relative_to(REPO / f) for f in nested):
                continue  # a nested root (core/testing) is its own package
            rel = init.parent.relative_to(base)
            found.add(".".join([package, *rel.parts]))
    missing = found - listed
    assert not missing, f"packages not listed in pyproject.toml: {sorted(missing)}"
    for name in listed:
        assert name in found, f"{name} is listed but has no __init__.py"


def test_package_dir_maps_fixed_folders() -> None:
    mapping = _config()["package-dir"]
    for package, folder in mapping.items():
        assert ROOTS[folder] == package


def test_grpc_root_has_no_init() -> None:
    assert not (REPO / "grpc" / "__init__.py").exists()


def test_namespace_imports() -> None:
    import ccedge.core
    import ccedge.dsp
    import ccedge.hardware

    assert ccedge.core.CoreError and ccedge.dsp.DspError and ccedge.hardware.HardwareError


def test_rpc_is_a_namespace_over_grpc_folder() -> None:
    """ccedge.rpc has no __init__.py (grpc/ root); its sub-packages are regular ones; and
    ``import grpc`` is grpcio even with the repository root on sys.path."""
    import grpc

    import ccedge.rpc.server

    assert "ccedge.rpc" not in _config()["packages"]
    assert getattr(grpc, "__file__", None) and "site-packages" in grpc.__file__
    assert Path(ccedge.rpc.server.__file__).resolve().parent.parent.name == "grpc"
