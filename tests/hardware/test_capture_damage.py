"""Damaged capture files (issue 9, "Damaged input, found by fuzzing"): every packet that decodes is kept,
the damage is named on stderr and counted in ``CaptureStats.damage`` under a stable key, and a pcapng with
a bad block length resynchronises on the next sound block."""

from __future__ import annotations

import gzip
import logging
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccedge.hardware.capture import CaptureError, open_capture
from ccedge.hardware.capture.files import CaptureReader
from ccedge.testing import capture_synth as synth

A4, B4 = "10.0.0.1", "10.0.0.2"
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _frames(n: int = 10) -> list[tuple[float, bytes]]:
    return [(float(i), synth.udp_frame(A4, B4, 4000, 5000 + i, b"payload %03d" % i)) for i in range(n)]


def _read(path: Path, **kw: int) -> tuple[list[int], CaptureReader]:
    reader = CaptureReader(path, **kw)
    ports = [r[5] for r in reader.read_all().records()]
    assert reader.stats.packets == reader.stats.accounted()
    return ports, reader


def _blocks(data: bytes) -> list[int]:
    """Offsets of the pcapng blocks of a sound little-endian file."""
    out, pos = [], 0
    while pos < len(data):
        out.append(pos)
        pos += struct.unpack_from("<I", data, pos + 4)[0]
    return out


@pytest.mark.parametrize("where", ["crc", "isize"])
def test_gzip_with_a_flipped_trailer_bit_keeps_every_packet(tmp_path: Path, where: str,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    raw = synth.write_pcap(tmp_path / "ok.pcap", _frames()).read_bytes()
    gz = bytearray(gzip.compress(raw))
    gz[-8 if where == "crc" else -2] ^= 0x10  # one bit of the CRC-32 or of ISIZE (RFC 1952 §2.3.1)
    p = tmp_path / "flipped.pcap.gz"
    p.write_bytes(bytes(gz))
    with caplog.at_level(logging.WARNING, logger="ccedge.capture"):
        ports, reader = _read(p)
    assert ports == list(range(5000, 5010))
    key = "gzip-crc-mismatch" if where == "crc" else "gzip-length-mismatch"
    assert reader.stats.damage == {key: 1} and reader.damaged and not reader.stats.truncated
    assert reader.stats.rejected == {}
    assert [r.getMessage() for r in caplog.records if key in r.getMessage()]


def test_gzip_cut_and_corrupt_members_keep_what_inflated(tmp_path: Path) -> None:
    frames = [(float(i), synth.udp_frame(A4, B4, 1, i % 65536, b"%d" % (i * 7919) * 20)) for i in range(3000)]
    raw = synth.write_pcap(tmp_path / "many.pcap", frames).read_bytes()
    gz = gzip.compress(raw)
    cut = tmp_path / "cut.pcap.gz"
    cut.write_bytes(gz[:-100])
    ports, reader = _read(cut)
    assert 0 < len(ports) < 3000 and ports == list(range(len(ports)))
    assert reader.stats.damage.get("gzip-truncated") == 1 and reader.stats.truncated
    # two members, the second followed by garbage: both members read, the garbage named
    two = tmp_path / "two.pcap.gz"
    half = 24 + 1500 * (16 + len(frames[0][1]))
    two.write_bytes(gzip.compress(raw[:half]) + gzip.compress(raw[half:]) + b"JUNK")
    ports, reader = _read(two)
    assert len(ports) == 3000 and reader.stats.damage == {"gzip-trailing-garbage": 1}
    # zero padding after the last member is not damage (tape/block devices add it)
    padded = tmp_path / "padded.pcap.gz"
    padded.write_bytes(gz + bytes(512))
    ports, reader = _read(padded)
    assert len(ports) == 3000 and reader.stats.damage == {}


def test_capture_cut_mid_packet_is_named(tmp_path: Path) -> None:
    data = synth.write_pcap(tmp_path / "full.pcap", _frames()).read_bytes()
    p = tmp_path / "cut.pcap"
    p.write_bytes(data[:-5])
    ports, reader = _read(p)
    assert ports == list(range(5000, 5009))
    assert reader.stats.damage == {"truncated-record": 1} and reader.stats.rejected == {"truncated-record": 1}


def test_pcapng_bad_block_length_resynchronises(tmp_path: Path) -> None:
    data = bytearray(synth.write_pcapng(tmp_path / "ok.pcapng", _frames()).read_bytes())
    blocks = _blocks(bytes(data))
    assert len(blocks) == 12  # SHB, IDB, 10 EPBs
    epb = blocks[2 + 4]  # the fifth packet
    data[epb + 4 : epb + 8] = struct.pack("<I", 0x0001_0004)  # a length far past the block's end
    p = tmp_path / "bad.pcapng"
    p.write_bytes(bytes(data))
    ports, reader = _read(p)
    assert ports == [5000, 5001, 5002, 5003, 5005, 5006, 5007, 5008, 5009]
    assert reader.stats.damage == {"pcapng-bad-block": 1, "pcapng-resync": 1}
    assert reader.stats.rejected == {"pcapng-bad-block": 1}
    # a length that is not a multiple of 4, and a trailing length that disagrees, tiny read chunks
    for off, value in ((4, 33), (-4, 1000)):
        bad = bytearray(data)
        bad[epb + 4 : epb + 8] = bytes(data[blocks[3] + 4 : blocks[3] + 8])  # restore (EPBs are equal-size)
        at = epb + off if off > 0 else blocks[2 + 5] + off
        bad[at : at + 4] = struct.pack("<I", value)
        p.write_bytes(bytes(bad))
        ports, reader = _read(p, batch_packets=3, chunk_bytes=4096)
        assert ports == [5000, 5001, 5002, 5003, 5005, 5006, 5007, 5008, 5009]
        assert reader.stats.damage == {"pcapng-bad-block": 1, "pcapng-resync": 1}


def test_pcapng_big_endian_section_resynchronises(tmp_path: Path) -> None:
    data = bytearray(synth.write_pcapng(tmp_path / "be.pcapng", _frames(), big_endian=True).read_bytes())
    blocks, pos = [], 0
    while pos < len(data):
        blocks.append(pos)
        pos += struct.unpack_from(">I", data, pos + 4)[0]
    data[blocks[6] + 4 : blocks[6] + 8] = struct.pack(">I", 0x0001_0004)
    p = tmp_path / "be_bad.pcapng"
    p.write_bytes(bytes(data))
    ports, reader = _read(p, batch_packets=3, chunk_bytes=4096)
    assert ports == [5000, 5001, 5002, 5003, 5005, 5006, 5007, 5008, 5009]
    assert reader.stats.damage == {"pcapng-bad-block": 1, "pcapng-resync": 1}


def test_pcapng_garbage_to_the_end_is_named(tmp_path: Path) -> None:
    data = synth.write_pcapng(tmp_path / "ok.pcapng", _frames()).read_bytes()
    blocks = _blocks(data)
    p = tmp_path / "tail.pcapng"
    p.write_bytes(data[: blocks[8]] + b"\xff" * 300)
    ports, reader = _read(p)
    assert ports == list(range(5000, 5006))
    assert set(reader.stats.damage) == {"pcapng-bad-block", "pcapng-resync"}


@pytest.mark.parametrize("kind", ["gzip-crc", "cut", "pcapng-block"])
def test_cli_names_the_damage_on_stderr(tmp_path: Path, kind: str) -> None:
    """The real command, its real stderr: one line naming the file and the damage, exit 0, calls kept."""
    if kind == "gzip-crc":
        gz = bytearray(gzip.compress(synth.write_pcap(tmp_path / "a.pcap", _frames()).read_bytes()))
        gz[-6] ^= 1
        path, key = tmp_path / "a.pcap.gz", "gzip-crc-mismatch"
        path.write_bytes(bytes(gz))
    elif kind == "cut":
        data = synth.write_pcap(tmp_path / "b.pcap", _frames()).read_bytes()
        path, key = tmp_path / "b.pcap", "truncated-record"
        path.write_bytes(data[:-3])
    else:
        data = bytearray(synth.write_pcapng(tmp_path / "c.pcapng", _frames()).read_bytes())
        epb = _blocks(bytes(data))[4]
        data[epb + 4 : epb + 8] = b"\x07\x00\x00\x00"
        path, key = tmp_path / "c.pcapng", "pcapng-bad-block"
        path.write_bytes(bytes(data))
    proc = subprocess.run([sys.executable, "-m", "ccedge.core", "tap", str(path), "--json", "--stats"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "damaged capture" in ln]
    assert lines and key in lines[0] and str(path) in lines[0]
    summary = proc.stderr.splitlines()[-1]
    assert f"capture.damage.{key}=1" in summary
    assert "capture.packets=10" in summary  # a packet lost to the damage is still counted


# ---- fuzzing the damage paths


@SETTINGS
@given(pos=st.integers(0, 7), bit=st.integers(0, 7), n=st.integers(1, 40))
def test_fuzz_gzip_trailer_flip_keeps_all(pos: int, bit: int, n: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        raw = synth.write_pcap(Path(d) / "x.pcap", _frames(n)).read_bytes()
        gz = bytearray(gzip.compress(raw))
        gz[len(gz) - 8 + pos] ^= 1 << bit
        p = Path(d) / "x.pcap.gz"
        p.write_bytes(bytes(gz))
        ports, reader = _read(p)
        assert ports == list(range(5000, 5000 + n))
        assert len(reader.stats.damage) == 1


@SETTINGS
@given(data=st.data(), n=st.integers(3, 30))
def test_fuzz_gzip_anywhere_never_raises_and_keeps_a_prefix(data: st.DataObject, n: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        raw = synth.write_pcap(Path(d) / "x.pcap", _frames(n)).read_bytes()
        gz = bytearray(gzip.compress(raw))
        for _ in range(data.draw(st.integers(1, 3))):
            gz[data.draw(st.integers(10, len(gz) - 1))] ^= 1 << data.draw(st.integers(0, 7))
        p = Path(d) / "x.pcap.gz"
        p.write_bytes(bytes(gz))
        try:
            ports, reader = _read(p)
        except CaptureError:
            return  # the damage reached the pcap file header
        assert all(isinstance(k, str) and v > 0 for k, v in reader.stats.damage.items())
        if ports == list(range(5000, 5000 + n)):
            return
        assert reader.stats.damage or reader.stats.rejected  # anything lost is accounted for


@SETTINGS
@given(block=st.integers(0, 9), value=st.integers(0, (1 << 32) - 1), trailing=st.booleans(),
       chunk=st.sampled_from([4096, 1 << 20]))
def test_fuzz_pcapng_one_bad_length_loses_one_packet(block: int, value: int, trailing: bool,
                                                      chunk: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        data = bytearray(synth.write_pcapng(Path(d) / "x.pcapng", _frames()).read_bytes())
        blocks = _blocks(bytes(data))
        start = blocks[2 + block]
        end = blocks[3 + block] if block < 9 else len(data)
        at = end - 4 if trailing else start + 4
        if struct.unpack_from("<I", data, at)[0] == value:
            return
        data[at : at + 4] = struct.pack("<I", value)
        p = Path(d) / "x.pcapng"
        p.write_bytes(bytes(data))
        ports, reader = _read(p, batch_packets=4, chunk_bytes=chunk)
        expected = [5000 + i for i in range(10) if i != block]
        assert ports == expected
        assert reader.stats.damage.get("pcapng-bad-block") == 1 or reader.stats.damage.get("truncated-record")


def test_open_capture_is_still_an_error_for_a_foreign_file(tmp_path: Path) -> None:
    p = tmp_path / "x.pcap.gz"
    p.write_bytes(gzip.compress(b"GIF89a" + bytes(100)))
    with pytest.raises(CaptureError, match="not a pcap or pcapng"):
        open_capture(p)
