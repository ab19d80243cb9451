"""Reader for CTranslate2's ``model.bin``: a versioned list of named variables plus aliases.

Layout (CTranslate2 ``src/models/model.cc``, binary versions 1-6), little-endian:

    uint32 binary_version
    if version >= 2: string spec_name, uint32 spec_revision
    uint32 n_variables
    n_variables x { string name, uint8 rank, uint32 dims[rank],
                    (version >= 4: uint8 dtype code | else uint8 item size), uint32 n_bytes, bytes }
    if version >= 3: uint32 n_aliases, n_aliases x { string alias, string target }

where ``string`` is a uint16 length (including a trailing NUL) followed by the bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ccedge.core.speech.errors import SpeechError

# CTranslate2 ``DataType`` enum (include/ctranslate2/types.h).
_DTYPES: dict[int, np.dtype] = {
    0: np.dtype("<f4"),
    1: np.dtype("i1"),
    2: np.dtype("<i2"),
    3: np.dtype("<i4"),
    4: np.dtype("<f2"),
}
# Versions before 4 carry an item size instead of a type code; floats were the only 4-byte type.
_ITEM_SIZES: dict[int, np.dtype] = {1: np.dtype("i1"), 2: np.dtype("<f2"), 4: np.dtype("<f4")}


@dataclass
class Ct2Model:
    """The variables of one CTranslate2 model, by name (aliases resolved on lookup)."""

    binary_version: int
    spec: str
    spec_revision: int
    variables: dict[str, npt.NDArray[np.generic]]
    aliases: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> npt.NDArray[np.generic]:
        name = self.aliases.get(name, name)
        try:
            return self.variables[name]
        except KeyError:
            raise SpeechError(f"CTranslate2 model has no variable {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.aliases.get(name, name) in self.variables


class _Cursor:
    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.off = 0

    def take(self, n: int, what: str) -> bytes:
        if n < 0 or self.off + n > len(self.buf):
            raise SpeechError(f"CTranslate2 model.bin is truncated in {what}")
        out = self.buf[self.off : self.off + n]
        self.off += n
        return out

    def unpack(self, fmt: str, what: str) -> tuple[int, ...]:
        size = struct.calcsize("<" + fmt)
        return struct.unpack("<" + fmt, self.take(size, what))

    def string(self, what: str) -> str:
        (n,) = self.unpack("H", what + " length")
        raw = self.take(n, what)
        if not raw.endswith(b"\0"):
            raise SpeechError(f"CTranslate2 model.bin has an unterminated {what}")
        try:
            return raw[:-1].decode("utf-8")
        except UnicodeDecodeError:
            raise SpeechError(f"CTranslate2 model.bin has a non-UTF-8 {what}") from None


def parse_ct2(buf: bytes) -> Ct2Model:
    """Parse the bytes of a ``model.bin``; raises :class:`SpeechError` naming the bad field."""
    cur = _Cursor(buf)
    (version,) = cur.unpack("I", "binary version")
    if not 1 <= version <= 6:
        raise SpeechError(f"CTranslate2 model.bin has unsupported binary version {version}")
    spec, revision = "", 1
    if version >= 2:
        spec = cur.string("spec name")
        (revision,) = cur.unpack("I", "spec revision")
    (n_vars,) = cur.unpack("I", "variable count")
    variables: dict[str, npt.NDArray[np.generic]] = {}
    for _ in range(n_vars):
        name = cur.string("variable name")
        (rank,) = cur.unpack("B", "variable rank")
        dims = cur.unpack("I" * rank, "variable dims") if rank else ()
        (code,) = cur.unpack("B", "variable dtype")
        table = _DTYPES if version >= 4 else _ITEM_SIZES
        if code not in table:
            raise SpeechError(f"CTranslate2 variable {name!r} has unsupported dtype code {code}")
        dtype = table[code]
        (n_bytes,) = cur.unpack("I", "variable byte count")
        count = int(np.prod(dims, dtype=np.int64)) if dims else 1
        if count * dtype.itemsize != n_bytes:
            raise SpeechError(f"CTranslate2 variable {name!r} byte count does not match its dims")
        raw = cur.take(n_bytes, f"variable {name!r} data")
        variables[name] = np.frombuffer(raw, dtype=dtype).reshape(dims)
    aliases: dict[str, str] = {}
    if version >= 3:
        (n_alias,) = cur.unpack("I", "alias count")
        for _ in range(n_alias):
            alias = cur.string("alias name")
            aliases[alias] = cur.string("alias target")
    if cur.off != len(buf):
        raise SpeechError("CTranslate2 model.bin has trailing bytes after the alias table")
    return Ct2Model(version, spec, revision, variables, aliases)


def read_ct2(path: Path) -> Ct2Model:
    return parse_ct2(Path(path).read_bytes())


def encode_ct2(model: Ct2Model) -> bytes:
    """Serialise a model back to ``model.bin`` bytes (binary version 6); used by tests."""
    codes = {dt: code for code, dt in _DTYPES.items()}

    def s(text: str) -> bytes:
        raw = text.encode() + b"\0"
        return struct.pack("<H", len(raw)) + raw

    out = [struct.pack("<I", 6), s(model.spec), struct.pack("<I", model.spec_revision)]
    out.append(struct.pack("<I", len(model.variables)))
    for name, arr in model.variables.items():
        a = np.asarray(arr, order="C")  # ascontiguousarray would make 0-d arrays 1-d
        out += [s(name), struct.pack("<B", a.ndim), struct.pack("<" + "I" * a.ndim, *a.shape)]
        out += [struct.pack("<BI", codes[a.dtype.newbyteorder("<")], a.nbytes), a.tobytes()]
    out.append(struct.pack("<I", len(model.aliases)))
    for alias, target in model.aliases.items():
        out += [s(alias), s(target)]
    return b"".join(out)
