"""Every detector: positives, and near misses that must stay as they are."""

from __future__ import annotations

from collections.abc import Callable

import pytest

One = Callable[[str], str]
Texts = Callable[..., list[str]]


@pytest.mark.parametrize(
    "text",
    [
        "my card number is 4111 1111 1111 1111",
        "it's 4111111111111111",
        "card: 5555-5555-5555-4444 thanks",
        "the number is 378282246310005",
        "four one one one one one one one one one one one one one one one",
        "four one one one, double one one one, one one one one, triple one one",
        "6011 1111 1111 1117",
    ],
)
def test_pan_positive(one: One, text: str) -> None:
    out = one(text)
    assert "[PAN]" in out
    assert "1111" not in out and "4444" not in out and "0005" not in out and "1117" not in out


@pytest.mark.parametrize(
    "text",
    [
        "your order number is 4111 1111 1111 1112",  # Luhn-invalid
        "tracking 7111111111111111 is on its way",  # no issuer
        "call me at 555 201 4567",  # a phone number is not a card
        "the total is $1,234.56 for 12 items",  # amounts
        "meet at 10:30 on 12/05",  # times
        "that is nineteen eighty four",
    ],
)
def test_pan_near_misses(one: One, text: str) -> None:
    assert "[PAN]" not in one(text)


def test_pan_over_several_utterances_and_fillers(texts: Texts) -> None:
    out = texts(
        [
            ("callee", "Can I have the long number on the card?"),
            ("caller", "Yes it's 4111 1111"),
            ("callee", "Okay."),
            ("caller", "um 1111"),
            ("caller", "1111."),
        ]
    )
    assert out[1] == "Yes it's [PAN]"
    assert out[2] == "Okay."
    assert "[PAN]" in out[3] and "[PAN]" in out[4]


def test_pan_read_back_by_agent(texts: Texts) -> None:
    out = texts(
        [
            ("caller", "my card is 5555 5555 5555 4444"),
            ("callee", "let me read that back: 5555 5555 5555 4444, correct?"),
        ]
    )
    assert "4444" not in out[0] and "4444" not in out[1]


def test_pan_luhn_invalid_in_card_context_fails_closed(one: One) -> None:
    assert "[PAN]" in one(
        "my credit card number is four one one one one one one one one one one one one one one two"
    )


@pytest.mark.parametrize(
    ("turns", "kind"),
    [
        (
            [("callee", "What's the three digit security code on the back?"), ("caller", "one two three")],
            "CVV",
        ),
        ([("callee", "and the CVV please"), ("caller", "it's 737")], "CVV"),
        ([("callee", "What is the expiry date?"), ("caller", "oh nine twenty seven")], "EXPIRY"),
        ([("callee", "expiration?"), ("caller", "12/25")], "EXPIRY"),
        ([("callee", "and when does it expire"), ("caller", "September twenty twenty six")], "EXPIRY"),
        ([("callee", "please say your PIN"), ("caller", "four four two one")], "PIN"),
        ([("callee", "What's your social security number?"), ("caller", "123 45 6780")], "SSN"),
        ([("caller", "my SSN is 078-05-1123")], "SSN"),
        ([("callee", "last four of your social?"), ("caller", "six two one five")], "SSN"),
        ([("callee", "date of birth?"), ("caller", "April fifteenth, nineteen eighty nine")], "DOB"),
        ([("callee", "date of birth?"), ("caller", "zero four one five one nine eight nine")], "DOB"),
        ([("caller", "I was born on 04/15/1989")], "DOB"),
        (
            [
                ("callee", "Could I have your medical record number?"),
                ("caller", "seven seven three four one two"),
            ],
            "MRN",
        ),
        ([("caller", "my member ID is XYZ123456789")], "MEMBER"),
        ([("callee", "What's your policy number?"), ("caller", "five six eight seven two")], "POLICY"),
        ([("caller", "the routing number is 021000021")], "ROUTING"),
        ([("caller", "my checking account number is 123456789012")], "ACCOUNT"),
        ([("caller", "call me back on 555 201 4567")], "PHONE"),
        ([("caller", "it's (415) 555-0199")], "PHONE"),
        ([("caller", "send it to jane.doe@example.com please")], "EMAIL"),
        ([("caller", "it's jane dot doe at example dot com")], "EMAIL"),
        ([("caller", "I live at 42 Wallaby Way, Sydney.")], "ADDRESS"),
        ([("caller", "Hi, my name is Abigail Robinson.")], "NAME"),
    ],
)
def test_detector_positive(texts: Texts, turns: list[tuple[str, str]], kind: str) -> None:
    out = texts(turns)
    assert f"[{kind}]" in out[-1], out


@pytest.mark.parametrize(
    ("turns", "kind"),
    [
        ([("caller", "it costs one hundred and twenty three dollars")], "CVV"),
        ([("caller", "I have three kids and 123 is my house number")], "CVV"),
        ([("caller", "order 123 45 6789 is late")], "SSN"),  # 123-45-6789 is never issued; no context
        ([("caller", "the code is 666-12-3456")], "SSN"),  # area 666 is never issued
        ([("caller", "parcel 021000021 shipped")], "ROUTING"),  # checksum fine, but no bank words
        ([("caller", "I'll call at 10:30 tomorrow")], "PHONE"),
        ([("caller", "I have 2 dogs and 3 cats")], "PHONE"),
        ([("caller", "my appointment is April fifteenth")], "DOB"),
        ([("caller", "May I ask a question?")], "DOB"),
        ([("caller", "I'm having trouble with my bill")], "NAME"),
        ([("caller", "meet me at the station")], "EMAIL"),
    ],
)
def test_detector_near_miss(texts: Texts, turns: list[tuple[str, str]], kind: str) -> None:
    out = texts(turns)
    assert f"[{kind}]" not in out[-1], out


def test_card_expiry_and_code_in_one_breath(one: One) -> None:
    out = one("card number 4111 1111 1111 1111, expiry 12 25, security code 123")
    assert out.count("[PAN]") == 1 and "[EXPIRY]" in out and "[CVV]" in out
    assert not any(c.isdigit() for c in out)


def test_name_remembered_for_the_call(texts: Texts) -> None:
    out = texts([("caller", "my name is Abigail Robinson"), ("callee", "Thanks Abigail, how can I help?")])
    assert "Abigail" not in out[0] and "Abigail" not in out[1]


def test_aba_checksum() -> None:
    from ccedge.core.redact.bank import aba_valid

    assert aba_valid("021000021") and aba_valid("011401533")
    assert not aba_valid("021000022") and not aba_valid("991000021") and not aba_valid("12345678")


def test_ssn_rules() -> None:
    from ccedge.core.redact.ssn import ssn_valid

    assert ssn_valid("078051123")
    for bad in ("000123456", "666123456", "900123456", "123001234", "123450000", "078051120", "111111111"):
        assert not ssn_valid(bad), bad


def test_digit_homophone_next_to_a_card_number_is_masked(one: One) -> None:
    assert one("my card is for 111 1111 1111 1111") == "my card is [PAN]"
    assert one("yes it is for 4111 1111 1111 1111.") == "yes it is [PAN]."
