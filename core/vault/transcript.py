"""Replacing a finished call's stored transcript with a better one (the second pass, issue 15).

The live transcript is what the call's event stream holds when it closes. When a second pass
(a larger model, after the call) has transcribed and redacted the call again, the utterance
events of that stream are replaced by the new ones; every other event (call, DTMF, talk
statistics, guidance, scores, the receipt) is kept as it was, in order. The new stream is
written whole under a fresh data key, the index is switched to it in one transaction, and only
then is the old file shredded: a crash leaves either the live transcript or the new one, never
a mix. Only redacted content is ever handed in (``UtteranceRedacted.to_json()``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ccedge.core.files import shred_file
from ccedge.core.vault.errors import VaultError
from ccedge.core.vault.format import KIND_EVENTS, ChunkWriter
from ccedge.core.vault.keys import new_dek

if TYPE_CHECKING:
    from ccedge.core.vault.store import Vault


def _line(e: Mapping[str, Any]) -> bytes:
    return json.dumps(e, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def replace_transcript(v: Vault, call_id: str, utterances: Sequence[Mapping[str, Any]], model: str) -> int:
    """Swap the call's stored utterance events for ``utterances``; returns how many were stored."""
    call = v.call(call_id)
    if call.get("state") != "complete":
        raise VaultError(f"call {call_id} is not complete; its transcript cannot be replaced yet")
    if any(u.get("type") != "utterance" or u.get("call_id") != call_id for u in utterances):
        raise VaultError("a replacement transcript holds only this call's utterance events")
    plain, _ = v.read_stream(call_id, "events")
    events = [json.loads(line) for line in plain.splitlines() if line.strip()]
    kept = [e for e in events if e.get("type") != "utterance"]
    new = sorted(utterances, key=lambda e: (float(e.get("t", 0.0)), str(e.get("leg", ""))))
    # The new utterances go where the live ones were: before the call's end, by time.
    ended = [e for e in kept if e.get("type") == "call_ended"]
    body = [e for e in kept if e.get("type") != "call_ended"]
    merged = sorted(body + list(new), key=lambda e: float(e.get("t", 0.0)))
    old = v.index.recordings(call_id)["events"]
    rel = str(old["path"]) + ".t"
    dek = new_dek()
    w = ChunkWriter(v.data_dir / rel, dek, KIND_EVENTS)
    for e in merged + ended:
        w.write(_line(e))
    w.close()
    words = sum(len(e.get("words") or str(e.get("text", "")).split()) for e in new)
    with v.index.transaction():
        v.index.update_recording(
            call_id, "events", path=rel, dek=v.keyring.wrap(dek, call_id), chunks=w.index, bytes=w.size
        )
        v.index.set_transcript(call_id, len(new), words, model)
        v.audit.append("appliance", "system", "transcript-replaced", call_id,
                       {"utterances": len(new), "words": words, "model": model})
    v.index.forget_keys()
    shred_file(v.data_dir / old["path"])
    return len(new)


__all__ = ["replace_transcript"]
