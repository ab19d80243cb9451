"""The chunked AEAD format: round trip, truncation, bit flips, reordering, wrong keys, crash tails."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.vault.errors import IntegrityError, KeyUnavailableError, VaultError
from ccedge.core.vault.format import HEADER_LEN, KIND_AUDIO, KIND_EVENTS, ChunkReader, ChunkWriter, seal_tail

KEY = bytes(range(32))


def write(path: Path, chunks: list[bytes], close: bool = True, key: bytes = KEY) -> ChunkWriter:
    w = ChunkWriter(path, key, KIND_AUDIO, chunk_size=4096)
    for c in chunks:
        w.write(c)
        w.flush()
    if close:
        w.close()
    else:
        w.abandon()
    return w


def read(data: bytes, key: bytes = KEY) -> tuple[list[bytes], ChunkReader]:
    r = ChunkReader(io.BytesIO(data), key)
    return list(r), r


def offsets(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each chunk record (length field included)."""
    out, pos = [], HEADER_LEN
    while pos < len(data):
        (n,) = struct.unpack_from(">I", data, pos)
        out.append((pos, pos + 4 + n))
        pos += 4 + n
    return out


@pytest.fixture
def chunks() -> list[bytes]:
    return [os.urandom(1000 + 300 * i) for i in range(5)]


def test_round_trip_and_mode(tmp_path: Path, chunks: list[bytes]) -> None:
    p = tmp_path / "r.audio"
    w = write(p, chunks)
    assert (p.stat().st_mode & 0o777) == 0o600
    got, r = read(p.read_bytes())
    assert b"".join(got) == b"".join(chunks)
    assert r.complete and not r.recovered and r.chunks == 6 == w.index  # five + the (empty) final chunk
    assert w.size == p.stat().st_size


def test_large_writes_are_cut_into_chunks(tmp_path: Path) -> None:
    p = tmp_path / "big"
    data = os.urandom(50_000)
    w = ChunkWriter(p, KEY, KIND_AUDIO, chunk_size=4096)
    w.write(data)
    w.close()
    got, r = read(p.read_bytes())
    assert b"".join(got) == data and r.chunks == 13


def test_truncation_at_a_chunk_boundary_is_not_complete(tmp_path: Path, chunks: list[bytes]) -> None:
    p = tmp_path / "t"
    write(p, chunks)
    data = p.read_bytes()
    cut = offsets(data)[-1][0]  # drop the final chunk
    got, r = read(data[:cut])
    assert not r.complete and r.lost_bytes == 0 and len(got) == 5


def test_truncation_mid_chunk_reports_lost_bytes(tmp_path: Path, chunks: list[bytes]) -> None:
    p = tmp_path / "t"
    write(p, chunks)
    data = p.read_bytes()
    start, _end = offsets(data)[3]
    got, r = read(data[: start + 100])
    assert [*got] == chunks[:3] and not r.complete and r.lost_bytes == 100


@pytest.mark.parametrize("where", ["header", "length", "nonce-area", "ciphertext", "tag", "final"])
def test_bit_flip_anywhere_fails(tmp_path: Path, chunks: list[bytes], where: str) -> None:
    p = tmp_path / "f"
    write(p, chunks)
    data = bytearray(p.read_bytes())
    offs = offsets(bytes(data))
    pos = {
        "header": 20,
        "length": offs[1][0] + 3,
        "nonce-area": 30,
        "ciphertext": offs[2][0] + 50,
        "tag": offs[2][1] - 1,
        "final": offs[-1][1] - 1,
    }[where]
    data[pos] ^= 0x01
    with pytest.raises(VaultError):
        _got, r = read(bytes(data))
        assert r.complete  # a flip that shortened the stream still leaves it incomplete
        pytest.fail("flipped byte went unnoticed")


def test_chunk_swap_is_detected(tmp_path: Path, chunks: list[bytes]) -> None:
    p = tmp_path / "s"
    write(p, chunks)
    data = p.read_bytes()
    (a0, a1), (b0, b1) = offsets(data)[1], offsets(data)[2]
    swapped = data[:a0] + data[b0:b1] + data[a0:a1] + data[b1:]
    with pytest.raises(IntegrityError, match="chunk 1"):
        read(swapped)


def test_splice_from_another_file_is_detected(tmp_path: Path, chunks: list[bytes]) -> None:
    write(tmp_path / "a", chunks)
    write(tmp_path / "b", chunks)
    a, b = (tmp_path / "a").read_bytes(), (tmp_path / "b").read_bytes()
    (s0, s1) = offsets(a)[2]
    spliced = a[:s0] + b[offsets(b)[2][0] : offsets(b)[2][1]] + a[s1:]
    with pytest.raises(IntegrityError, match="chunk 2"):
        read(spliced)


def test_wrong_key_is_refused_at_the_header(tmp_path: Path, chunks: list[bytes]) -> None:
    p = tmp_path / "k"
    write(p, chunks)
    with pytest.raises(KeyUnavailableError):
        read(p.read_bytes(), key=bytes(32))


def test_kind_mismatch(tmp_path: Path) -> None:
    p = tmp_path / "e"
    w = ChunkWriter(p, KEY, KIND_EVENTS)
    w.close()
    with pytest.raises(IntegrityError, match="events"):
        ChunkReader(io.BytesIO(p.read_bytes()), KEY, kind=KIND_AUDIO)


def test_seal_tail_keeps_whole_chunks_and_closes(tmp_path: Path, chunks: list[bytes]) -> None:
    p = tmp_path / "c"
    write(p, chunks, close=False)
    with p.open("ab") as f:
        f.write(b"\x00\x00\x10\x10partial")  # a chunk the writer died in
    kept, lost = seal_tail(p, KEY)
    assert (kept, lost) == (5, 11)
    got, r = read(p.read_bytes())
    assert got[:5] == chunks and r.complete and r.recovered
    assert seal_tail(p, KEY) == (6, 0)  # closed files are left alone


def test_writer_refuses_to_overwrite(tmp_path: Path) -> None:
    p = tmp_path / "x"
    p.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        ChunkWriter(p, KEY, KIND_AUDIO)
    assert p.read_bytes() == b"old"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.integers(0, 399), st.integers(0, 255))
def test_fuzz_reader_only_raises_vault_errors(junk: bytes, pos: int, val: int) -> None:
    w_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"fuzz-{os.getpid()}"
    w_path.unlink(missing_ok=True)
    w = ChunkWriter(w_path, KEY, KIND_AUDIO, chunk_size=64)
    w.write(b"x" * 150)
    w.close()
    data = bytearray(w_path.read_bytes())
    w_path.unlink()
    for candidate in (bytes(junk), bytes(data[: pos % (len(data) + 1)]) + junk):
        mutated = bytearray(candidate)
        if mutated:
            mutated[pos % len(mutated)] = val
        try:
            got, _r = read(bytes(mutated))
        except VaultError:
            continue
        # accepted: then it is a prefix of what was written, never different content
        assert b"".join(got) == (b"x" * 150)[: len(b"".join(got))]
