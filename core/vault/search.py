"""Finding calls: by index fields, and by words of their redacted transcripts.

Transcripts are stored encrypted (the event stream of each recording), so a text search
decrypts each candidate's event stream in memory, matches, and keeps nothing. The search
itself is audited with the number of calls it opened and matched; the query is recorded as
a salted hash only (a search term can be sensitive).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

from ccedge.core.vault.errors import VaultError

if TYPE_CHECKING:
    from ccedge.core.vault.store import Vault


def search(
    v: Vault,
    text: str,
    actor: str,
    role: str,
    since: float | None = None,
    until: float | None = None,
    agent: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    v.require("search", actor, role, "transcripts")
    words = text.strip()
    if not words:
        raise VaultError("search text is empty")
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words.split())) + r"\b", re.IGNORECASE)
    results: list[dict[str, Any]] = []
    opened = 0
    for call in v.index.list_calls(since, until, agent):
        try:
            events = v.event_dicts(call["call_id"])
        except VaultError:
            continue  # unreadable streams are reported by verify, not by search
        opened += 1
        hits = [
            {
                "leg": e.get("leg", ""),
                "role": e.get("role", ""),
                "start_s": e.get("start_s", 0.0),
                "text": e.get("text", ""),
            }
            for e in events
            if e.get("type") == "utterance"
            and e.get("final", True)
            and pattern.search(str(e.get("text", "")))
        ]
        if hits:
            results.append(
                {"call_id": call["call_id"], "started": call["started"], "agent": call["agent"], "hits": hits}
            )
            if len(results) >= limit:
                break
    salt = v.keyring.public_key_raw()
    v.audit.append(
        actor,
        role,
        "search",
        "transcripts",
        {
            "query_sha256": hashlib.sha256(salt + words.lower().encode()).hexdigest()[:16],
            "opened": opened,
            "matched": len(results),
        },
    )
    return results


__all__ = ["search"]
