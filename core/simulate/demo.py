"""The bundled demo capture: three overlapping contact-centre calls made by our own generator.

The numbers spoken are public test values (Visa test PAN 4111 1111 1111 1111, the SSA's
advertising SSN 078-05-1120 and similar), never real ones. Regenerate the bundled file with
``python -m ccedge.core.simulate.demo``; it needs espeak-ng.

The demo speaks slowly with short gaps between words: espeak-ng at its default pace is hard
for the tiny.en model on an 8 kHz line.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

from ccedge.core.simulate import SyntheticCall, Turn, write_capture
from ccedge.core.simulate.callgen import CallTruth

DEMO_CALLS: tuple[SyntheticCall, ...] = (
    SyntheticCall(
        call_id="demo-bank-payment@ccedge.local",
        caller="customer-1",
        callee="agent-7",
        start=0.0,
        turns=(
            Turn("callee", "Thank you for calling First Harbor Bank. This call is recorded for quality "
                           "and training. How can I help you today?"),
            Turn("caller", "Hi, I would like to pay my credit card bill please."),
            Turn("callee", "Of course. Can I take the card number please?"),
            Turn("caller", "Sure, it is four one one one, one one one one."),
            Turn("caller", "one one one one, one one one one.", pause=0.8),
            Turn("callee", "And the security code on the back?"),
            Turn("caller", "seven three seven."),
            Turn("callee", "And the expiry date?"),
            Turn("caller", "oh nine twenty eight."),
            Turn("callee", "Thank you. Please key in your four digit PIN now."),
            Turn("caller", dtmf="2580", pause=0.6),
            Turn("callee", "The payment of two hundred dollars is complete. Is there anything else?"),
            Turn("caller", "No, that is all. Thank you, goodbye."),
        ),
    ),
    SyntheticCall(
        call_id="demo-clinic-intake@ccedge.local",
        caller="patient-2",
        callee="nurse-3",
        codec="PCMA",
        start=4.0,
        ended_by="callee",
        turns=(
            Turn("callee", "Riverside Clinic, this is the nurse line. Can I have your date of birth?"),
            Turn("caller", "My date of birth is March fourth, nineteen eighty two."),
            Turn("callee", "And your member ID?"),
            Turn("caller", "It is M R N five five two, double seven, one nine."),
            Turn("callee", "Thank you. And the last four of your social?"),
            Turn("caller", "My social security number is oh seven eight, oh five, one one two oh."),
            Turn("callee", "Thank you, I have your chart. How are you feeling today?"),
            Turn("caller", "I have had a headache for three days."),
        ),
    ),
    SyntheticCall(
        call_id="demo-insurance-hold@ccedge.local",
        caller="customer-4",
        callee="ivr-1",
        start=9.0,
        hold=(18.0, 22.0),
        turns=(
            Turn("callee", "Welcome to Blue Mutual Insurance. "
                           "For claims, press one. For billing, press two."),
            Turn("caller", inband="2", pause=0.8),
            Turn("callee", "Please hold while I find your policy.", pause=3.0),
            Turn("callee", "Thanks for holding. What is your policy number?"),
            Turn("caller", "My policy number is P L nine four four two one."),
            Turn("callee", "I have updated your billing address. Anything else today?"),
            Turn("caller", "No thanks.", info="5"),
        ),
    ),
)


DEMO_CALLS = tuple(replace(c, wpm=125, word_gap=4) for c in DEMO_CALLS)


def bundled_capture() -> Path:
    """Path of the demo capture shipped inside the package."""
    return Path(str(files("ccedge.core.simulate").joinpath("demo-calls.pcap.gz")))


def build(out: Path) -> list[CallTruth]:
    return write_capture(out, DEMO_CALLS)


def main() -> None:
    parser = argparse.ArgumentParser(description="Regenerate the bundled demo capture.")
    parser.add_argument("--out", type=Path, default=bundled_capture())
    args = parser.parse_args()
    truths = build(args.out)
    for t in truths:
        print(t.call_id, t.codec, f"{t.end_t:.1f}s", t.packets)


if __name__ == "__main__":
    main()
