"""CI check: the checked-in gRPC stubs are what the .proto contract generates today."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccedge.rpc import protogen

pytest.importorskip("grpc_tools", reason="grpcio-tools (test extra) generates the stubs")


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def test_stubs_are_current(tmp_path: Path) -> None:
    protogen.generate(tmp_path / "api")
    fresh, checked_in = _tree(tmp_path / "api"), _tree(protogen.API_DIR)
    assert sorted(fresh) == sorted(checked_in), "stub files differ: run python -m ccedge.rpc.protogen"
    stale = [name for name in fresh if fresh[name] != checked_in[name]]
    assert not stale, f"stale stubs {stale}: run python -m ccedge.rpc.protogen"


def test_buf_style() -> None:
    """Service suffix, _UNSPECIFIED zero values, one request/response message per method."""
    import re

    for proto in protogen.proto_files():
        text = proto.read_text()
        assert proto.parent.name == "v1" and f"package ccedge.{proto.parent.parent.name}.v1;" in text
        for service in re.findall(r"^service (\w+)", text, re.M):
            assert service.endswith("Service"), service
        for enum, body in re.findall(r"^enum (\w+) \{(.*?)\}", text, re.M | re.S):
            first = re.search(r"(\w+) = 0;", body)
            snake = re.sub(r"(?<!^)(?=[A-Z])", "_", enum).upper()
            assert first and first.group(1) == f"{snake}_UNSPECIFIED", enum
        methods = re.findall(r"rpc (\w+)\((\w+)\) returns \((?:stream )?(\w+)\)", text)
        for name, req, resp in methods:
            assert (req, resp) == (f"{name}Request", f"{name}Response"), name
