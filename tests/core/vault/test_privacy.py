"""No plaintext audio or transcript anywhere in the data directory (known content and entropy)."""

from __future__ import annotations

import math
import os
import zlib
from collections import Counter

import numpy as np

from ccedge.core.vault import Vault

from .conftest import populate

SECRET_TEXT = "the quick zebra mentions ticket [PAN] at noon"


def entropy(b: bytes) -> float:
    counts = Counter(b)
    return -sum(c / len(b) * math.log2(c / len(b)) for c in counts.values())


def test_data_dir_holds_no_plaintext_audio_or_transcript(vault: Vault) -> None:
    sent = populate(vault, calls=2, seconds=4.0, text=SECRET_TEXT)
    vault.close()
    blobs = {p: p.read_bytes() for p in vault.data_dir.rglob("*") if p.is_file()}
    needles = [SECRET_TEXT.encode(), b"quick zebra", b"RIFF", b"WAVEfmt"]
    for leg in sent["call-0"].values():  # 40 ms runs of the actual audio, at several places
        raw = leg.astype("<i2").tobytes()
        needles += [raw[i : i + 640] for i in range(0, len(raw) - 640, 9600)]
    for path, data in blobs.items():
        for n in needles:
            assert n not in data, f"{path.name} holds plaintext"
    for path, data in blobs.items():
        if path.suffix in (".audio", ".events"):
            body = data[64:]
            # ciphertext has the byte entropy of random data of the same length
            assert entropy(body) > entropy(os.urandom(len(body))) - 0.3, path.name
            assert len(zlib.compress(body)) > 0.99 * len(body), path.name  # does not compress


def test_index_holds_no_transcript_text(vault: Vault) -> None:
    populate(vault, calls=1, text=SECRET_TEXT)
    vault.close()
    for p in vault.data_dir.glob("index.sqlite*"):
        assert b"zebra" not in p.read_bytes()
    assert np.dtype("<i2").itemsize == 2
