"""The builder shared by the labelled guidance sets (``ccedge.testing.guidance_calls``).

A ``ScriptedCall`` is a script (role, text, pause) with the expected status of each labelled
rule, which follows from the script, not from the engine under test. ``clean_lines`` gives the
script as transcript lines with estimated times; ``synthetic_call`` renders it as SIP + G.711 RTP
(espeak-ng or the piper voice) for the real speech engine. Inbound calls: the callee is the agent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ccedge.core.guidance import Line, evaluate, load_policy
from ccedge.core.simulate import SyntheticCall, Turn

WORD_S = 0.4  # espeak-ng at 150 words a minute
PAUSE_S = 0.6
START_S = 1.0  # INVITE -> first word (ring + lead-in)
CARD = "4111 1111 1111 1111"  # the public test PAN


@dataclass
class ScriptedCall:
    call_id: str
    pack: str
    turns: list[tuple[str, str, float]] = field(default_factory=list)  # (role, text, pause after)
    expected: dict[str, str] = field(default_factory=dict)  # rule id -> met / violated / not_applicable
    agent: str = "agent-1"
    caller_key: str = ""
    held_out: bool = False  # written after the matcher was tuned (``heldout_calls``)

    def say(self, role: str, text: str, pause: float = PAUSE_S) -> None:
        self.turns.append((role, text, pause))

    def expect(self, **statuses: str) -> None:
        self.expected.update({k.replace("_", "-"): v for k, v in statuses.items()})


M, V, NA = "met", "violated", "not_applicable"


def clean_lines(call: ScriptedCall) -> list[dict[str, object]]:
    """The script as ``utterance``-shaped JSON lines with estimated times."""
    t = START_S
    out: list[dict[str, object]] = []
    for role, text, pause in call.turns:
        dur = WORD_S * len(text.split())
        out.append({"call_id": call.call_id, "role": role, "leg": "callee" if role == "agent" else "caller",
                    "start_s": round(t, 2), "end_s": round(t + dur, 2), "text": text})
        t += dur + pause
    return out


def synthetic_call(call: ScriptedCall, voice: str = "en-us", start: float = 0.0) -> SyntheticCall:
    """The script as an inbound call (caller = customer, callee = agent) for ``write_capture``."""
    turns = [Turn("callee" if role == "agent" else "caller", text, pause=pause)
             for role, text, pause in call.turns]
    return SyntheticCall(call.call_id, turns, voice=voice, start=start, caller="customer", callee="agent")


def scripted(call_id: str, pack: str, turns: list[tuple[str, str] | tuple[str, str, float]],
             **expected: str) -> ScriptedCall:
    """A held-out call from its turns (role, text[, pause]) and expected statuses."""
    c = ScriptedCall(call_id, pack, held_out=True)
    for t in turns:
        c.say(*t)
    c.expect(**expected)
    return c


def rule_status(pack: str, rule: str, lines: list[tuple[str, str]]) -> str:
    """The status of ``rule`` of ``pack`` over ``(role, text)`` lines, 3 s each, one every 4 s."""
    t, out = 1.0, []
    for role, text in lines:
        out.append(Line(role, t, t + 3.0, text))
        t += 4.0
    return {r.id: r.status for r in evaluate(load_policy(pack), out)[1]}[rule]
