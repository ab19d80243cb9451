"""The telephone evaluation set: speech as a contact centre's recogniser hears it.

Three parts, each a list of :class:`LegAudio` (one leg of a call, transcribed whole, with its
reference text):

* ``conversation-<voice>``: two-party contact-centre dialogues the project writes (card and
  account talk, dates, names, numbers), rendered with the neural piper voice and with
  espeak-ng, each leg at 8 kHz through G.711 (µ-law or A-law), some with 2 % packet loss
  (concealed as a repeat of the last packet, as a PBX does), line noise or faster speech.
  Each leg holds silence while the other party talks, as a real leg does.
* ``impaired``: the shared LibriSpeech and jfk clips (``../shared/data/speech``, when present)
  resampled to 8 kHz and passed through G.711 µ-law, A-law, loss and noise.
* ``shared-8k``: the shared real 8 kHz recordings (Harvard list, Asterisk prompts).

Rendering is deterministic (seeded); the set is cached by the caller, not in git.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ccedge.core.simulate.voice import PIPER, speak
from ccedge.dsp.g711 import alaw_decode, alaw_encode, ulaw_decode, ulaw_encode
from ccedge.dsp.resample import resample

RATE = 8000
PACKET = 160  # 20 ms at 8 kHz


@dataclass(frozen=True, slots=True, eq=False)
class LegAudio:
    name: str
    part: str
    rate: int
    samples: npt.NDArray[np.int16]
    reference: str

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


@dataclass(frozen=True, slots=True)
class Impairment:
    codec: str = "ulaw"  # "ulaw" or "alaw"
    loss: float = 0.0  # share of 20 ms packets lost (concealed)
    noise_dbfs: float | None = None  # white line noise level
    wpm: int = 150  # speaking rate of the synthetic voices

    @property
    def tag(self) -> str:
        t = self.codec
        if self.loss:
            t += f"-loss{round(self.loss * 100)}"
        if self.noise_dbfs is not None:
            t += f"-noise{round(-self.noise_dbfs)}"
        if self.wpm != 150:
            t += f"-{self.wpm}wpm"
        return t


# Contact-centre dialogues: (role, text) turns. Numbers are written as a caller says them.
DIALOGUES: tuple[tuple[tuple[str, str], ...], ...] = (
    (("agent", "Thank you for calling First Harbor Bank, this call is on a recorded line. My name is Dana, "
               "how can I help you today?"),
     ("customer", "Hi Dana, I'd like to pay my credit card balance please."),
     ("agent", "Of course. Can I have your full name and your date of birth?"),
     ("customer", "Sure, it's Maria Lopez, and my date of birth is March fourth, nineteen eighty two."),
     ("agent", "Thank you Maria, you're verified. How much would you like to pay today?"),
     ("customer", "Four hundred and twelve dollars from my checking account."),
     ("agent", "All right, the payment of four hundred and twelve dollars is scheduled for tomorrow."),
     ("customer", "Great, thank you so much for your help."),
     ("agent", "You're welcome. Is there anything else I can help you with?"),
     ("customer", "No, that's all. Have a good day.")),
    (("agent", "Good morning, Riverside Medical Clinic, this is Sam speaking. How may I help you?"),
     ("customer", "Hello, I need to reschedule my appointment with Doctor Patel."),
     ("agent", "I can help with that. Can you confirm your date of birth and your member ID?"),
     ("customer", "My date of birth is July twenty second, nineteen seventy five. The member ID is "
                  "H as in hotel, four five two, nine nine one."),
     ("agent", "Thank you, I see your appointment on Tuesday at ten thirty. When would work better?"),
     ("customer", "Could we do Thursday afternoon instead, maybe around two o'clock?"),
     ("agent", "Thursday at two fifteen is available. Shall I book that for you?"),
     ("customer", "Yes please, that works for me."),
     ("agent", "Done. You'll get a reminder text the day before. Anything else today?"),
     ("customer", "No, thank you, goodbye.")),
    (("agent", "Thanks for calling Summit Insurance, my name is Alex. This call may be recorded for "
               "quality and training purposes."),
     ("customer", "Hi Alex, I was in a small accident yesterday and I need to file a claim."),
     ("agent", "I'm sorry to hear that. Is everyone all right?"),
     ("customer", "Yes, everyone is fine, it was just a fender bender in a parking lot."),
     ("agent", "Good. Can I have your policy number please?"),
     ("customer", "It's P as in Paul, seven seven three, four one eight, zero two."),
     ("agent", "Thank you. And what is the best phone number to reach you?"),
     ("customer", "You can call me at five five five, two one eight, six six four zero."),
     ("agent", "Perfect. An adjuster will call you within two business days."),
     ("customer", "Thanks, I appreciate it.")),
    (("agent", "Hello, you've reached customer support at Northwind Telecom. I'm Jordan."),
     ("customer", "Hi Jordan, I'm really frustrated. My internet has been down for three days."),
     ("agent", "I completely understand, and I apologise for the trouble. Let me look into it."),
     ("customer", "I've already called twice and nobody fixed it. I want to cancel my service."),
     ("agent", "I hear you. Before you cancel, let me escalate this to a supervisor right away."),
     ("customer", "Fine, but I expect a credit on my bill for this month."),
     ("agent", "I'll add a credit of thirty dollars and a technician will visit on Friday morning."),
     ("customer", "Okay, Friday morning works. Please make sure someone actually shows up."),
     ("agent", "You have my word. Your ticket number is in the email I just sent you."),
     ("customer", "All right, thank you.")),
    (("agent", "Thank you for calling Cedar Credit Union, this call is recorded. How can I help?"),
     ("customer", "I'd like to make a payment on my car loan using my debit card."),
     ("agent", "Sure. I'll need the card number when you're ready."),
     ("customer", "Okay, the card number is four five three two, one one two two, three three four "
                  "four, five five six six."),
     ("agent", "And the expiration date and the security code on the back?"),
     ("customer", "Expiry is twelve twenty six and the security code is four four two."),
     ("agent", "Thank you. The payment of two hundred and fifty dollars went through."),
     ("customer", "Can you read me the confirmation number?"),
     ("agent", "The confirmation number ends in eight one nine. Anything else?"),
     ("customer", "No, that's everything, thanks.")),
    (("agent", "Good afternoon, Lakeside Pharmacy, this is Chris. How can I help you?"),
     ("customer", "Hi, I'm calling to refill my blood pressure prescription."),
     ("agent", "Of course. Can I have your last name and your date of birth?"),
     ("customer", "Thompson, T H O M P S O N, born on the ninth of October, nineteen sixty."),
     ("agent", "Thank you Mister Thompson. I see the lisinopril ten milligrams. Same dose as before?"),
     ("customer", "Yes, same as before. Can I pick it up this evening?"),
     ("agent", "It will be ready after five o'clock today at the Main Street location."),
     ("customer", "Perfect, and is my insurance still on file?"),
     ("agent", "Yes, your insurance is on file and your copay is ten dollars."),
     ("customer", "Great, thanks for your help.")),
)


def _g711(x: npt.NDArray[np.int16], codec: str) -> npt.NDArray[np.int16]:
    if codec == "alaw":
        return alaw_decode(alaw_encode(x))
    return ulaw_decode(ulaw_encode(x))


def impair(x: npt.NDArray[np.int16], imp: Impairment, seed: int) -> npt.NDArray[np.int16]:
    """G.711 round trip, packet loss concealed by repeating the previous packet, line noise."""
    rng = np.random.default_rng(seed)
    y = x.astype(np.float64)
    if imp.noise_dbfs is not None:
        y = y + rng.normal(0.0, 32768.0 * 10 ** (imp.noise_dbfs / 20), len(y))
    out = _g711(np.clip(np.round(y), -32768, 32767).astype(np.int16), imp.codec)
    if imp.loss:
        lost = np.flatnonzero(rng.random(len(out) // PACKET) < imp.loss)
        for k in lost:
            if k > 0:
                out[k * PACKET:(k + 1) * PACKET] = out[(k - 1) * PACKET:k * PACKET]
    return out


# Every conversation is rendered with each voice under one of these (cycled).
CONVERSATION_IMPAIRMENTS = (
    Impairment("ulaw"),
    Impairment("alaw", noise_dbfs=-45.0),
    Impairment("ulaw", loss=0.02),
    Impairment("ulaw", wpm=180),
)


def conversation(index: int, voice: str, imp: Impairment, gap_s: float = 0.6) -> list[LegAudio]:
    """Both legs of dialogue ``index``: each turn on its speaker's leg, silence on the other."""
    turns = DIALOGUES[index]
    pieces: list[tuple[str, int, npt.NDArray[np.int16]]] = []
    cursor = int(0.5 * RATE)
    for role, text in turns:
        pcm = speak(text, rate=RATE, voice=voice, wpm=imp.wpm)
        pieces.append((role, cursor, pcm))
        cursor += len(pcm) + int(gap_s * RATE)
    n = cursor + int(0.5 * RATE)
    legs = []
    for k, role in enumerate(("agent", "customer")):
        track = np.zeros(n, np.int16)
        for r, at, pcm in pieces:
            if r == role:
                track[at:at + len(pcm)] = pcm
        ref = " ".join(t for r, t in turns if r == role)
        vname = "piper" if voice == PIPER else "espeak"
        name = f"conv{index}-{vname}-{imp.tag}-{role}"
        legs.append(LegAudio(name, f"conversation-{vname}", RATE,
                             impair(track, imp, seed=index * 10 + k), ref))
    return legs


def conversations(voices: Sequence[str] = (PIPER, "en-us"), limit: int | None = None) -> list[LegAudio]:
    out: list[LegAudio] = []
    for v, voice in enumerate(voices):
        for i in range(len(DIALOGUES) if limit is None else min(limit, len(DIALOGUES))):
            imp = CONVERSATION_IMPAIRMENTS[(i + v) % len(CONVERSATION_IMPAIRMENTS)]
            out.extend(conversation(i, voice, imp))
    return out


def _read_wav(path: Path) -> tuple[int, npt.NDArray[np.int16]]:
    import wave

    with wave.open(str(path), "rb") as w:
        rate, ch = w.getframerate(), w.getnchannels()
        x = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.int16)
    return rate, x.reshape(-1, ch)[:, 0].copy() if ch > 1 else x


CLIP_IMPAIRMENTS = (
    Impairment("ulaw"), Impairment("alaw"), Impairment("ulaw", loss=0.02),
    Impairment("ulaw", noise_dbfs=-40.0),
)


def impaired_clips(shared: Path) -> list[LegAudio]:
    """LibriSpeech and jfk through the telephone, one impairment each (cycled)."""
    sp = shared / "speech"
    if not sp.is_dir():
        return []
    clips: list[tuple[str, Path, str]] = []
    for line in (sp / "librispeech/trans.txt").read_text().splitlines():
        key, ref = line.split("\t", 1) if "\t" in line else line.split(" ", 1)
        clips.append((f"librispeech/{key}", sp / f"librispeech/{key}.wav", ref))
    clips.append(("jfk", sp / "jfk/jfk.wav", (sp / "jfk/jfk.txt").read_text().strip()))
    out = []
    for i, (name, path, ref) in enumerate(clips):
        rate, x = _read_wav(path)
        x8 = resample(x, rate, RATE) if rate != RATE else x
        for j, imp in enumerate(CLIP_IMPAIRMENTS):
            if (i + j) % 2 == 0:  # half the grid keeps the set small
                y = impair(x8, imp, seed=i * 7 + j)
                out.append(LegAudio(f"{name}-{imp.tag}", "impaired", RATE, y, ref))
    return out


def shared_8k(shared: Path) -> list[LegAudio]:
    sp = shared / "speech"
    if not sp.is_dir():
        return []
    out = []
    osr = json.loads((sp / "osr-harvard-8k/test_samples.json").read_text())[0]
    rate, x = _read_wav(sp / "osr-harvard-8k" / osr["filename"])
    out.append(LegAudio("osr-harvard-8k", "shared-8k", rate, x, osr["transcription"]))
    for line in (sp / "asterisk-prompts-8k/transcripts.tsv").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].endswith(".wav"):
            continue
        rate, x = _read_wav(sp / "asterisk-prompts-8k" / parts[0])
        out.append(LegAudio(f"asterisk/{parts[0][:-4]}", "shared-8k", rate, x, parts[2]))
    return out


def telephone_set(shared: Path | None, smoke: bool = False) -> list[LegAudio]:
    """The whole set (``smoke``: one conversation per voice, nothing from shared data)."""
    if smoke:
        return conversations(limit=1)
    legs = conversations()
    if shared is not None:
        legs += impaired_clips(shared) + shared_8k(shared)
    return legs


def iter_parts(legs: Sequence[LegAudio]) -> Iterator[tuple[str, list[LegAudio]]]:
    parts: dict[str, list[LegAudio]] = {}
    for leg in legs:
        parts.setdefault(leg.part, []).append(leg)
    yield from parts.items()


__all__ = ["DIALOGUES", "Impairment", "LegAudio", "conversation", "conversations", "impair",
           "impaired_clips", "iter_parts", "shared_8k", "telephone_set"]
