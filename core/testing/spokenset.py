"""A realistic spoken test set for redaction: bank and clinic calls, two kinds of voice, impaired lines.

``calls(n)`` writes ``n`` scripted calls (deterministic for a seed): card payments with 15- and
16-digit public test card numbers read in different groupings and styles, split over turns,
asked for plainly, in paraphrase or not at all ("I'd like to pay my balance"); expiry dates
and security codes in many phrasings; clinic identity checks with dates of birth, SSNs (whole
or last four) and member IDs; and negatives that must stay audible: order numbers, amounts,
times, years, last-four read-backs (and phone numbers, which the policy masks as PHONE).
Every sensitive value is one customer turn whose ground truth is kind, digits and the turn's
time span on its leg (``Value``). Half the calls are spoken by espeak-ng, half by the neural
piper voice; some lines drop packets, carry noise or speak faster; both legs are G.711 RTP.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ccedge.core.redact.speakable import say_digits

PANS16 = ("4111111111111111", "5555555555554444", "6011111111111117", "4012888888881881",
          "5105105105105100", "3530111333300000", "4000056655665556", "5200828282828210")  # fmt: skip
PANS15 = ("378282246310005", "371449635398431", "378734493671000")
SSNS = ("512246789", "078051123", "219091234", "401321987", "623458912")
AGENT, CUSTOMER = "callee", "caller"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
ORD = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
       "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
       "eighteenth", "nineteenth", "twentieth", "twenty first", "twenty second", "twenty third",
       "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh", "twenty eighth")  # fmt: skip
ONES = ("oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")  # fmt: skip
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SENSITIVE = ("PAN", "EXPIRY", "CVV", "SSN", "DOB", "MEMBER")


@dataclass(slots=True)
class Line:
    """One turn of a script: who says what, and what it holds."""

    leg: str
    text: str
    kind: str = ""  # a SENSITIVE kind, a negative tag ("ORDER", "AMOUNT", …) or ""
    digits: str = ""  # the digits of the value said (sensitive kinds and negatives)


@dataclass(slots=True)
class Script:
    call_id: str
    domain: str  # "bank" or "clinic"
    lines: list[Line]
    voice: str = "en-us"
    wpm: int = 150
    loss_every: int = 0
    noise_rms: float = 6.0
    codec: str = "PCMU"


@dataclass(slots=True)
class Value:
    """Ground truth of one value said: kind, digits, leg and time span (call clock)."""

    call_id: str
    kind: str
    digits: str
    leg: str
    t0: float
    t1: float
    voice: str
    impaired: str = ""  # "loss", "noise", "fast" or ""


@dataclass(slots=True)
class SpokenSet:
    scripts: list[Script]
    values: list[Value] = field(default_factory=list)
    turns: list[dict[str, Any]] = field(default_factory=list)  # every spoken turn: call, leg, span, kind


def _pair(n: int) -> str:
    if n < 10:
        return "oh " + ONES[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])


def _year(y: int) -> str:
    if 2000 <= y < 2010:
        return "two thousand " + ONES[y - 2000] if y > 2000 else "two thousand"
    return _pair(y // 100) + " " + _pair(y % 100)


def _words(d: str) -> str:
    return " ".join(("zero", *ONES[1:])[int(c)] for c in d)


def _pan_turns(r: random.Random, pan: str) -> list[list[str]]:
    """The card number as the customer says it: one or two turns of text."""
    style = r.choice(("words", "oh", "double", "pairs", "words"))
    if len(pan) == 15:
        sizes = r.choice(([4, 6, 5], [5, 5, 5], [3, 4, 4, 4]))
    else:
        sizes = r.choice(([4, 4, 4, 4], [4, 4, 4, 4], [8, 8], [2, 2, 4, 4, 4]))
    said = say_digits(pan, style, sizes)
    parts = said.split(", ")
    if r.random() < 0.4 and len(parts) >= 2:
        k = len(parts) // 2
        return [[", ".join(parts[:k]) + "."], [", ".join(parts[k:]) + "."]]
    lead = r.choice(("", "Sure, it's ", "Okay, ", "Yes, it is "))
    return [[lead + said + "."]]


def _expiry(r: random.Random) -> tuple[str, str]:
    m, y = r.randint(1, 12), r.randint(25, 31)
    text = r.choice(
        (
            f"{_pair(m) if m >= 10 else 'oh ' + ONES[m]} {_pair(y)}",
            f"{_words(f'{m:02d}')} slash {_pair(y)}",
            f"{MONTHS[m - 1]} twenty {_pair(y)}",
            f"it expires {_pair(m) if m >= 10 else 'oh ' + ONES[m]}, {_pair(y)}",
            f"Expiry {_pair(m) if m >= 10 else ONES[m]} {_pair(y)}",
        )
    )
    return text[0].upper() + text[1:] + ".", f"{m:02d}{y:02d}"


def _cvv(r: random.Random, n: int) -> tuple[str, str]:
    d = "".join(str(r.randint(0, 9)) for _ in range(n))
    text = r.choice(
        (_words(d), f"It's {_words(d)}", f"The code is {_words(d)}", f"{say_digits(d, 'double', [n])}")
    )
    return text[0].upper() + text[1:] + ".", d


def _dob(r: random.Random) -> tuple[str, str]:
    m, d, y = r.randint(1, 12), r.randint(1, 28), r.randint(1940, 2004)
    text = r.choice(
        (
            f"{MONTHS[m - 1]} {ORD[d - 1]}, {_year(y)}",
            f"the {ORD[d - 1]} of {MONTHS[m - 1]}, {_year(y)}",
            f"{_words(f'{m:02d}')}, {_words(f'{d:02d}')}, {_year(y)}",
            f"It's {MONTHS[m - 1]} {ORD[d - 1]} {_year(y)}",
        )
    )
    return text[0].upper() + text[1:] + ".", f"{m:02d}{d:02d}{y}"


PAN_ASKS = (
    "Can I take the long number on the front of the card?",
    "What card would you like to use today?",
    "Please go ahead with the card number when you're ready.",
    "And what's the card number?",
    "Which card would you like to put that on? I'll need the number.",
    "Okay, read me the sixteen digits on the card.",
)
EXPIRY_ASKS = ("And the expiry date?", "When does the card expire?", "What's the expiration date?",
               "And the month and year on the card?")  # fmt: skip
CVV_ASKS = ("And the three digit security code on the back?", "What's the CVV?",
            "And the code on the back of the card?", "Lastly the security code, please.")  # fmt: skip
OPENERS = ("I'd like to pay my balance please.", "I want to make a payment on my account.",
           "Hi, I need to pay my bill.", "Can I pay with a card over the phone?")  # fmt: skip


def _negatives(r: random.Random, k: int) -> list[Line]:
    """Number talk that is not sensitive (and one phone number, which the policy masks)."""
    order = "".join(str(r.randint(0, 9)) for _ in range(r.choice((5, 6))))
    cents, dollars = r.randint(0, 99), r.randint(12, 480)
    hour, year = r.choice(((2, "two"), (3, "three"), (10, "ten"), (11, "eleven"))), r.randint(2009, 2023)
    last4 = "".join(str(r.randint(0, 9)) for _ in range(4))
    phone = "555" + "".join(str(r.randint(0, 9)) for _ in range(7))
    pool = [
        Line(CUSTOMER, f"My order number is {_words(order)}.", "ORDER", order),
        Line(
            AGENT, f"The balance is {dollars} dollars and {cents} cents.", "AMOUNT", f"{dollars}{cents:02d}"
        ),
        Line(CUSTOMER, f"Could you call me back tomorrow at {hour[1]} thirty?", "TIME", f"{hour[0]}30"),
        Line(CUSTOMER, f"I've been with you since {_year(year)}.", "YEAR", str(year)),
        Line(AGENT, f"I can see the card ending in {_words(last4)}.", "LAST4", last4),
        Line(
            CUSTOMER,
            f"You can reach me on {_words(phone[:3])}, {_words(phone[3:6])}, {_words(phone[6:])}.",
            "PHONE",
            phone,
        ),
        Line(AGENT, f"Your appointment is on the {ORD[r.randint(1, 27)]} at {hour[1]} o'clock.", "TIME", ""),
        Line(CUSTOMER, f"I ordered {ONES[r.randint(2, 9)]} items last week.", "AMOUNT", ""),
    ]
    r.shuffle(pool)
    return pool[:k]


def _bank(r: random.Random, i: int) -> list[Line]:
    pan = r.choice(PANS15) if i % 3 == 0 else r.choice(PANS16)
    lines = [
        Line(AGENT, "Thank you for calling. How can I help you today?"),
        Line(CUSTOMER, r.choice(OPENERS)),
    ]
    if r.random() < 0.5:
        lines += _negatives(r, 1)
    lines.append(Line(AGENT, r.choice(PAN_ASKS)))
    turns = _pan_turns(r, pan)
    if len(turns) == 1:
        lines.append(Line(CUSTOMER, turns[0][0], "PAN", pan))
    else:
        said = [t[0] for t in turns]
        k = len(pan) // 2
        # The split follows the spoken groups; the truth gives each turn the digits it said.
        first = "".join(c for c in _digits_of(said[0]))
        k = len(first) if 0 < len(first) < len(pan) else k
        lines += [
            Line(CUSTOMER, said[0], "PAN", pan[:k]),
            Line(AGENT, r.choice(("Okay.", "Mm-hmm, go on.", "Got it."))),
            Line(CUSTOMER, said[1], "PAN", pan[k:]),
        ]
    lines.append(Line(AGENT, r.choice(EXPIRY_ASKS)))
    text, d = _expiry(r)
    lines.append(Line(CUSTOMER, text, "EXPIRY", d))
    lines.append(Line(AGENT, r.choice(CVV_ASKS)))
    text, d = _cvv(r, 4 if len(pan) == 15 else 3)
    lines.append(Line(CUSTOMER, text, "CVV", d))
    lines.append(
        Line(AGENT, "Thank you, your payment has been processed. Is there anything else I can help you with?")
    )
    lines += _negatives(r, 1)
    lines.append(Line(CUSTOMER, "No, that's all. Thanks for your help."))
    return lines


def _clinic(r: random.Random, i: int) -> list[Line]:
    lines = [Line(AGENT, "Good morning, this is the clinic. How can I help?"),
             Line(CUSTOMER, "I need to move my appointment to next week.")]  # fmt: skip
    lines.append(Line(AGENT, r.choice(("Can I have your date of birth?", "What's your date of birth please?",
                                       "To verify, when were you born?"))))  # fmt: skip
    text, d = _dob(r)
    lines.append(Line(CUSTOMER, text, "DOB", d))
    ssn = r.choice(SSNS)
    if r.random() < 0.5:
        lines.append(Line(AGENT, "And your social security number?"))
        lines.append(Line(CUSTOMER, say_digits(ssn, r.choice(("words", "oh", "double")), [3, 2, 4]) + ".",
                          "SSN", ssn))  # fmt: skip
    else:
        lines.append(Line(AGENT, "And the last four of your social?"))
        lines.append(Line(CUSTOMER, f"It's {_words(ssn[-4:])}.", "SSN", ssn[-4:]))
    if r.random() < 0.6:
        member = "".join(str(r.randint(0, 9)) for _ in range(r.choice((7, 8, 9))))
        lines.append(
            Line(
                AGENT, r.choice(("And your member ID from the insurance card?", "What's your member number?"))
            )
        )
        lines.append(
            Line(CUSTOMER, f"It's {r.choice(('W', 'X Y Z', 'H'))} {_words(member)}.", "MEMBER", member)
        )
    lines.append(Line(AGENT, "Thank you, you're verified."))
    lines += _negatives(r, 2)
    lines.append(Line(CUSTOMER, "Great, thank you. Bye."))
    return lines


def _service(r: random.Random, i: int) -> list[Line]:
    """A call with number talk and nothing sensitive."""
    lines = [Line(AGENT, "Thanks for calling, how can I help?"),
             Line(CUSTOMER, r.choice(("I have a question about my order.", "I want to check my balance.",
                                      "I need to reschedule a visit.")))]  # fmt: skip
    lines += _negatives(r, 3)
    lines.append(Line(AGENT, "Is there anything else I can help you with?"))
    lines.append(Line(CUSTOMER, "No, thank you."))
    return lines


def _digits_of(text: str) -> str:
    words = text.lower().replace(",", " ").replace(".", " ").split()
    out = []
    units = {w: str(k) for k, w in enumerate(("zero", *ONES[1:]))} | {"oh": "0"}
    k = 0
    while k < len(words):
        w = words[k]
        if w in ("double", "triple") and k + 1 < len(words) and words[k + 1] in units:
            out.append(units[words[k + 1]] * (2 if w == "double" else 3))
            k += 2
            continue
        if w in units:
            out.append(units[w])
        elif w in TEENS:
            out.append(str(10 + TEENS.index(w)))
        elif w in TENS and w:
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if nxt in units and nxt not in ("oh", "zero"):
                out.append(str(TENS.index(w)) + units[nxt])
                k += 1
            else:
                out.append(str(TENS.index(w)) + "0")
        k += 1
    return "".join(out)


def scripts(n: int = 120, seed: int = 10) -> list[Script]:
    r = random.Random(seed)
    out = []
    for i in range(n):
        kind = ("bank", "clinic", "bank", "service", "clinic")[i % 5]
        lines = {"bank": _bank, "clinic": _clinic, "service": _service}[kind](r, i)
        out.append(
            Script(
                f"s{i:03d}-{kind}@spoken.test",
                "clinic" if kind == "clinic" else "bank",
                lines,
                voice="piper" if i % 2 else "en-us",
                wpm=185 if i % 4 == 3 else 150,
                loss_every=25 if i % 5 == 2 else 0,
                noise_rms=150.0 if i % 3 == 1 else 6.0,
                codec=("PCMU", "PCMA")[(i // 2) % 2],
            )
        )
    return out


def impairment(s: Script) -> str:
    return ",".join(
        x for x, on in (("loss", s.loss_every), ("noise", s.noise_rms > 50), ("fast", s.wpm > 160)) if on
    )


def render(path: Path, scr: list[Script]) -> SpokenSet:
    """Write the calls into one capture at ``path`` (with ``.truth.json`` beside it)."""
    from ccedge.core.simulate import SyntheticCall, Turn, write_capture

    calls = [
        SyntheticCall(
            s.call_id,
            [Turn(ln.leg, text=ln.text, pause=0.6) for ln in s.lines],
            codec=s.codec,
            start=k * 0.25,
            voice=s.voice,
            wpm=s.wpm,
            loss_every=s.loss_every,
            noise_rms=s.noise_rms,
        )
        for k, s in enumerate(scr)
    ]
    truths = write_capture(path, calls)
    out = SpokenSet(scr)
    for s, tr in zip(scr, truths, strict=True):
        speech = [t for t in tr.turns if t.kind == "speech"]
        for ln, t in zip(s.lines, speech, strict=True):
            out.turns.append({"call_id": s.call_id, "leg": t.leg, "t0": t.t0, "t1": t.t1, "kind": ln.kind,
                              "digits": ln.digits})  # fmt: skip
            if ln.kind in SENSITIVE:
                out.values.append(
                    Value(s.call_id, ln.kind, ln.digits, t.leg, t.t0, t.t1, s.voice, impairment(s))
                )
    return out


def build(cache: Path, n: int = 120, seed: int = 10) -> tuple[Path, SpokenSet]:
    """The capture of ``n`` calls, rendered once and cached under ``cache`` (keyed by content)."""
    scr = scripts(n, seed)
    key = hashlib.sha256(json.dumps([asdict(s) for s in scr], sort_keys=True).encode()).hexdigest()[:16]
    cache.mkdir(parents=True, exist_ok=True)
    cap, meta = cache / f"spoken-{n}-{key}.pcap", cache / f"spoken-{n}-{key}.json"
    if cap.is_file() and meta.is_file():
        d = json.loads(meta.read_text())
        return cap, SpokenSet(scr, [Value(**v) for v in d["values"]], d["turns"])
    tmp = cap.with_suffix(".part.pcap")
    sset = render(tmp, scr)
    meta.write_text(json.dumps({"values": [asdict(v) for v in sset.values], "turns": sset.turns}))
    tmp.rename(cap)
    return cap, sset
