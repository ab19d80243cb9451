"""Sealed (uncleared) audio under the quarantine key: listing, compliance-only reads, rescan."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest

from ccedge.core.vault import AccessDenied, Vault, VaultError, quarantine_rescan, quarantine_spans

from .conftest import populate, tone


def leg_pcm(v: Vault, call_id: str, channel: int) -> np.ndarray:
    with wave.open(io.BytesIO(v.audio_wav(call_id, "c", "compliance"))) as w:
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, 2)[:, channel]


def test_sealed_spans_are_quarantined_and_only_compliance_reads_them(vault: Vault) -> None:
    populate(vault, calls=1, sealed_at=1.0)
    q = vault.quarantined()
    assert [(r["call_id"], r["spans"]) for r in q] == [("call-0", 1)] and "sealed-audio" in q[0]["flags"]
    assert vault.list_calls()[0]["quarantined"]
    # the recording itself holds the masked (silent) span, the quarantine stream the original
    assert not leg_pcm(vault, "call-0", 1)[8000:9600].any()
    with pytest.raises(AccessDenied):
        quarantine_spans(vault, "call-0", "sup", "supervisor")
    spans = quarantine_spans(vault, "call-0", "carol", "compliance")
    assert len(spans) == 1 and spans[0][0]["t0"] == 1.0 and np.array_equal(spans[0][1], tone(1600, 10))


def test_flagged_receipt_alone_is_listed(vault: Vault) -> None:
    populate(vault, calls=1, flagged=True)
    assert [r["flags"] for r in vault.quarantined()] == [["low-coverage"]]


def test_rescan_that_clears_releases_the_masked_span(vault: Vault) -> None:
    populate(vault, calls=1, sealed_at=1.0)
    old_path = vault.index.recordings("call-0")["audio"]["path"]

    def clear(meta: object, samples: np.ndarray) -> np.ndarray:
        out = samples.copy()
        out[:400] = 0  # "redaction found something in the first 50 ms"
        return out

    r = quarantine_rescan(vault, "call-0", clear, "carol", "compliance")
    assert r["outcome"] == "released"
    pcm = leg_pcm(vault, "call-0", 1)
    assert not pcm[8000:8400].any() and np.array_equal(pcm[8400:9600], tone(1600, 10)[400:])
    assert vault.quarantined() == [] and not (vault.data_dir / old_path).exists()
    assert "quarantine" not in {k for k, rec in vault.index.recordings("call-0").items() if rec["dek"]}
    with pytest.raises(VaultError):
        quarantine_rescan(vault, "call-0", clear, "carol", "compliance")


def test_rescan_that_cannot_clear_shreds_the_span(vault: Vault) -> None:
    populate(vault, calls=1, sealed_at=0.4)
    qpath = vault.data_dir / vault.index.recordings("call-0")["quarantine"]["path"]
    r = quarantine_rescan(vault, "call-0", lambda m, s: None, "carol", "compliance")
    assert r["outcome"] == "shredded" and not qpath.exists()
    assert not leg_pcm(vault, "call-0", 1)[3200:4800].any()  # still masked
    actions = [e["action"] for e in vault.index.audit_entries()]
    assert {"quarantine-opened", "quarantine-read", "quarantine-shredded"} <= set(actions)
