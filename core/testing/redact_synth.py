"""Labelled synthetic payment and clinic conversations, in the styles callers use.

Each ``Case`` is a list of turns (leg, text) or DTMF keys, with the kind the sensitive turns
hold. Used by the tests, the benchmark and (spoken through espeak-ng) the end-to-end run.
Only well-known public test card numbers are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ccedge.core.redact.speakable import STYLES, say_digits

TEST_PANS = (
    "4111111111111111",
    "5555555555554444",
    "378282246310005",
    "6011111111111117",
    "4012888888881881",
    "5105105105105100",
    "371449635398431",
    "3530111333300000",
)
TEST_SSNS = ("078051123", "219091234", "512246789", "401321987")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ORD = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty first",
    "twenty second",
    "twenty third",
    "twenty fourth",
    "twenty fifth",
)

AGENT, CUSTOMER = "callee", "caller"


@dataclass(slots=True)
class Case:
    name: str
    turns: list[tuple[str, str, str]]  # (leg, text, kind or "" for non-sensitive)
    dtmf: list[tuple[str, str]] = field(default_factory=list)  # (digit, kind)


def _year(y: int, style: int) -> str:
    if style == 0:
        return str(y)
    hi, lo = divmod(y, 100)
    return f"{say_digits(str(hi), 'pairs')} {say_digits(f'{lo:02d}', 'pairs')}"


def cases() -> list[Case]:
    out: list[Case] = []
    ask_pan = "Can I take the long number on the front of the card please?"
    for i, pan in enumerate(TEST_PANS):
        for style in STYLES:
            out.append(
                Case(
                    f"pan-{i}-{style}",
                    [(AGENT, ask_pan, ""), (CUSTOMER, f"Sure, it's {say_digits(pan, style)}.", "PAN")],
                )
            )
        half = len(pan) // 2
        out.append(
            Case(
                f"pan-{i}-split",
                [
                    (AGENT, ask_pan, ""),
                    (CUSTOMER, say_digits(pan[:half], "words", [4, 4]) + ".", "PAN"),
                    (AGENT, "Okay.", ""),
                    (CUSTOMER, say_digits(pan[half:], "words", [4, 4]) + ".", "PAN"),
                ],
            )
        )
        out.append(
            Case(
                f"pan-{i}-readback",
                [
                    (CUSTOMER, f"My card number is {say_digits(pan, 'grouped')}", "PAN"),
                    (AGENT, f"Let me read that back, {say_digits(pan, 'words')}, is that right?", "PAN"),
                ],
            )
        )
        out.append(
            Case(
                f"pan-{i}-dtmf",
                [(AGENT, "Please key in your card number followed by hash.", "")],
                [(d, "PAN") for d in pan] + [("#", "DTMF")],
            )
        )
    for i, cvv in enumerate(("123", "737", "4321", "009")):
        for style in ("grouped", "words", "oh", "double"):
            out.append(
                Case(
                    f"cvv-{i}-{style}",
                    [
                        (AGENT, "And the three digit security code on the back?", ""),
                        (CUSTOMER, f"It's {say_digits(cvv, style, [len(cvv)])}.", "CVV"),
                    ],
                )
            )
    for i, (m, y) in enumerate(((9, 27), (12, 25), (1, 30), (6, 28))):
        forms = (
            f"{m:02d}/{y}",
            f"{say_digits(f'{m:02d}', 'oh', [2])} {say_digits(str(y), 'pairs')}",
            f"{MONTHS[m - 1]} twenty {say_digits(str(y), 'pairs')}",
        )
        for k, f in enumerate(forms):
            out.append(
                Case(f"exp-{i}-{k}", [(AGENT, "What is the expiry date?", ""), (CUSTOMER, f"{f}.", "EXPIRY")])
            )
    for i, ssn in enumerate(TEST_SSNS):
        for style in STYLES:
            out.append(
                Case(
                    f"ssn-{i}-{style}",
                    [
                        (AGENT, "Can I have your social security number please?", ""),
                        (CUSTOMER, f"Yes, it's {say_digits(ssn, style)}.", "SSN"),
                    ],
                )
            )
        out.append(
            Case(
                f"ssn-{i}-split",
                [
                    (AGENT, "What's your social security number?", ""),
                    (CUSTOMER, say_digits(ssn[:5], "words", [3, 2]), "SSN"),
                    (CUSTOMER, say_digits(ssn[5:], "words", [4]), "SSN"),
                ],
            )
        )
    for i, (m, d, y) in enumerate(((4, 15, 1989), (11, 2, 1975), (7, 21, 2001), (1, 9, 1960))):
        dforms = (
            f"{MONTHS[m - 1]} {ORD[d - 1]}, {_year(y, 1)}",
            f"{m:02d}/{d:02d}/{y}",
            say_digits(f"{m:02d}{d:02d}{y}", "words", [2, 2, 4]),
            f"the {ORD[d - 1]} of {MONTHS[m - 1]} {y}",
        )
        for k, f in enumerate(dforms):
            out.append(
                Case(
                    f"dob-{i}-{k}",
                    [(AGENT, "And can you confirm your date of birth?", ""), (CUSTOMER, f"It's {f}.", "DOB")],
                )
            )
    neutral = (
        "The total comes to forty two dollars and fifty cents.",
        "I called at ten thirty yesterday and waited twenty minutes.",
        "I have two kids and three dogs.",
        "My order had twelve items and four were missing.",
        "Thank you for calling, how can I help you today?",
        "It was delivered on the third of March.",
        "We have been customers for fifteen years.",
        "Can you send it by Friday?",
        "The package weighed about five pounds.",
        "Room two hundred and twelve on the second floor.",
    )
    for i, text in enumerate(neutral):
        out.append(Case(f"neutral-{i}", [(CUSTOMER, text, "")]))
    return out
