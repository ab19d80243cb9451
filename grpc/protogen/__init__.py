"""Generate the Python stubs of the gRPC contract (``python -m ccedge.rpc.protogen``).

The ``.proto`` files live under ``grpc/proto/ccedge/<domain>/v1/`` (buf layout: the folder
path is the proto package). ``grpc_tools.protoc`` is run with ``-I grpc/proto`` (never
``-I .``: ARCHITECTURE.md), which makes the generated modules import each other as
``ccedge.<domain>.v1``. Our one namespace puts them under ``ccedge.rpc.api.<domain>.v1``
(folder ``grpc/api/``), so the generated imports are rewritten to that prefix; protoc has no
Python import-prefix option (the same job protoletariat does, in one regex).

Why ``grpc/api/`` and not the ``grpc/`` root: the root folder must never hold an
``__init__.py`` (it would shadow grpcio when the repository root is on ``sys.path``), and
generated modules need regular packages to be listed in ``pyproject.toml``; every Python
folder of ``ccedge.rpc`` is therefore a sub-package (``api``, ``server``, ``discovery``,
``protogen``) and ``ccedge.rpc`` itself is an implicit namespace package.

``grpcio-tools`` is a development dependency (the ``test`` extra); the appliance never
imports this module. ``tests/rpc/test_stubs_current.py`` regenerates into a temporary folder
and fails when the checked-in stubs differ.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

GRPC_DIR = Path(__file__).resolve().parents[1]
PROTO_ROOT = GRPC_DIR / "proto"
API_DIR = GRPC_DIR / "api"
_IMPORT = re.compile(r"^from ccedge\.(\w+)\.v1 import ", re.M)
_INIT = '"""Generated from grpc/proto by ``python -m ccedge.rpc.protogen``; do not edit."""\n'


class ProtogenError(RuntimeError):
    """protoc failed or grpcio-tools is missing."""


def proto_files(root: Path = PROTO_ROOT) -> list[Path]:
    return sorted(root.glob("ccedge/*/v1/*.proto"))


def generate(out: Path = API_DIR, root: Path = PROTO_ROOT) -> list[Path]:
    """Write the stubs of every proto under ``root`` into ``out`` (replacing it); the files."""
    try:
        import grpc_tools
        from grpc_tools import protoc
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ProtogenError("grpcio-tools is missing: pip install -e '.[test]'") from e
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    with tempfile.TemporaryDirectory() as tmp:
        rels = [str(p.relative_to(root)) for p in proto_files(root)]
        rc = protoc.main([
            "grpc_tools.protoc", f"-I{root}", f"-I{well_known}",
            f"--python_out={tmp}", f"--pyi_out={tmp}", f"--grpc_python_out={tmp}", *rels,
        ])
        if rc != 0:
            raise ProtogenError(f"protoc failed with status {rc}")
        if out.exists():
            shutil.rmtree(out)
        written = []
        for src in sorted(Path(tmp, "ccedge").rglob("*.py*")):
            rel = src.relative_to(Path(tmp, "ccedge"))
            dst = out / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_text(_IMPORT.sub(r"from ccedge.rpc.api.\1.v1 import ", src.read_text()))
            written.append(dst)
        for folder in {out, *(p.parent for p in written), *(p.parent.parent for p in written)}:
            init = folder / "__init__.py"
            if not init.exists():
                init.write_text(_INIT)
                written.append(init)
    return sorted(written)


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else API_DIR
    for path in generate(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
