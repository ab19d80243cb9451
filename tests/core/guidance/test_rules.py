"""Each rule kind on small hand-written calls: time windows, ordering, N/A, live prompts."""

from __future__ import annotations

from ccedge.core.guidance import Line, evaluate, parse_policy

HEAD = '[policy]\nid = "t"\nversion = "1"\n'


def policy(body: str):  # type: ignore[no-untyped-def]
    return parse_policy(HEAD + body, "test.toml")


def status(body: str, lines: list[Line], dtmf=(), end_s=None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, res = evaluate(policy(body), lines, dtmf, end_s=end_s)
    return {r.id: r.status for r in res}


NOTICE = """
[[rules]]
id = "notice"
kind = "required"
within_s = 30
message = "say it"
phrases = ["this call is recorded"]
"""


def test_required_within_window() -> None:
    assert status(NOTICE, [Line("agent", 5, 8, "Hello, this call is recorded.")]) == {"notice": "met"}
    late = [Line("agent", 5, 8, "Hello."), Line("agent", 31, 34, "By the way this call is recorded.")]
    assert status(NOTICE, late) == {"notice": "violated"}
    assert status(NOTICE, [Line("agent", 5, 8, "Hello.")]) == {"notice": "violated"}


def test_required_role_matters() -> None:
    said_by_customer = [Line("customer", 2, 4, "is this call is recorded?")]
    assert status(NOTICE, said_by_customer) == {"notice": "violated"}


def test_required_survives_asr_errors_but_not_other_phrases() -> None:
    asr = [Line("agent", 2, 6, "Thank you for calling, this coal is recorded for training.")]
    assert status(NOTICE, asr) == {"notice": "met"}
    body = NOTICE.replace('"this call is recorded"', '"i would like to make a complaint"').replace(
        'kind = "required"\nwithin_s = 30', 'kind = "forbidden"'
    )
    assert status(body, [Line("agent", 2, 6, "I would like to make a payment.")]) == {"notice": "met"}
    assert status(body, [Line("agent", 2, 6, "I would like to make a complant.")]) == {"notice": "violated"}


PAYMENT = """
[markers.payment]
phrases = ["make a payment"]

[[rules]]
id = "script"
kind = "required"
when = "payment"
before = "dtmf"
within_s = 60
message = "read the script"
phrases = ["enter your card number on the keypad"]
"""


def test_required_when_and_before_event() -> None:
    ask = Line("customer", 10, 12, "I want to make a payment.")
    script = Line("agent", 13, 16, "Please enter your card number on the keypad.")
    assert status(PAYMENT, [Line("agent", 1, 2, "Hello.")]) == {"script": "not_applicable"}
    assert status(PAYMENT, [ask, script], dtmf=[(17.0, 17.1, "customer")]) == {"script": "met"}
    # the key presses came before the script: the script was too late
    assert status(PAYMENT, [ask, script], dtmf=[(12.5, 12.6, "customer")]) == {"script": "violated"}
    # the window runs from the payment request, not from the call start
    late = Line("agent", 75, 78, "Please enter your card number on the keypad.")
    assert status(PAYMENT, [ask, late]) == {"script": "violated"}


FORBIDDEN = """
[[rules]]
id = "no-readback"
kind = "forbidden"
message = "no"
masks = ["PAN"]
phrases = ["let me read your card number back"]
"""


def test_forbidden_phrase_and_mask() -> None:
    assert status(FORBIDDEN, [Line("agent", 1, 3, "Thanks, that is done.")]) == {"no-readback": "met"}
    assert status(FORBIDDEN, [Line("agent", 1, 3, "So that is [PAN], right?")]) == {"no-readback": "violated"}
    assert status(FORBIDDEN, [Line("customer", 1, 3, "It is [PAN].")]) == {"no-readback": "met"}
    _, res = evaluate(policy(FORBIDDEN), [Line("agent", 4, 6, "So that is [PAN], right?")])
    assert res[0].evidence[0].t0 == 4 and res[0].evidence[0].phrase == "[PAN]"


TRIGGER = """
[[rules]]
id = "complaint"
kind = "trigger"
message = "acknowledge"
phrases = ["i want to make a complaint"]
respond = ["i am sorry to hear"]
respond_within_s = 30

[[rules]]
id = "lawyer"
kind = "trigger"
message = "legal procedure"
phrases = ["my lawyer"]
"""


def test_trigger_response_window_and_prompt_only() -> None:
    c = Line("customer", 10, 13, "I want to make a complaint.")
    ok = Line("agent", 14, 16, "I'm sorry to hear that.")
    late = Line("agent", 50, 52, "I'm sorry to hear that.")
    assert status(TRIGGER, [c, ok]) == {"complaint": "met", "lawyer": "not_applicable"}
    assert status(TRIGGER, [c, late])["complaint"] == "violated"
    assert status(TRIGGER, [Line("agent", 1, 2, "Hi.")])["complaint"] == "not_applicable"
    assert status(TRIGGER, [Line("customer", 1, 3, "My lawyer says so.")])["lawyer"] == "met"


ORDER = """
[markers.name]
role = "agent"
phrases = ["confirm your full name"]
[markers.dob]
role = "agent"
phrases = ["your date of birth"]
[markers.address]
role = "agent"
phrases = ["confirm your address"]
[markers.phi]
role = "agent"
phrases = ["your lab results"]

[[rules]]
id = "ids-first"
kind = "ordering"
first = ["name", "dob", "address"]
first_min = 2
then = "phi"
message = "verify first"
"""


def test_ordering_two_of_three_before() -> None:
    name = Line("agent", 2, 4, "Can you confirm your full name?")
    dob = Line("agent", 6, 8, "And your date of birth?")
    phi = Line("agent", 10, 12, "Your lab results are normal.")
    assert status(ORDER, [name, dob, phi]) == {"ids-first": "met"}
    assert status(ORDER, [name, phi]) == {"ids-first": "violated"}
    assert status(ORDER, [phi, Line("agent", 14, 16, "Confirm your full name and your date of birth.")]) == {
        "ids-first": "violated"
    }
    assert status(ORDER, [name, dob]) == {"ids-first": "not_applicable"}
    # arrival order does not matter, only times: the legs may be transcribed out of order
    assert status(ORDER, [phi, dob, name]) == {"ids-first": "met"}


TALK = """
[[rules]]
id = "silence"
kind = "talk"
metric = "silence"
max_s = 10
message = "check in"

[[rules]]
id = "monologue"
kind = "talk"
metric = "monologue"
max_s = 20
message = "let them speak"
"""


def test_talk_statistics_from_utterances() -> None:
    a = [Line("agent", 0, 5, "a"), Line("customer", 6, 8, "b"), Line("agent", 9, 12, "c")]
    assert status(TALK, a) == {"silence": "met", "monologue": "met"}
    gap = [Line("agent", 0, 5, "a"), Line("customer", 17, 19, "b")]
    assert status(TALK, gap)["silence"] == "violated"
    mono = [Line("agent", t, t + 4.5, "x") for t in range(0, 30, 5)]
    assert status(TALK, mono)["monologue"] == "violated"


SENT = """
[[rules]]
id = "frustration"
kind = "sentiment"
below = -0.3
message = "de-escalate"
"""


def test_sentiment_trend_fires_and_recovers() -> None:
    calm = [Line("customer", 1, 3, "Hi, I'd like to check my order please.")]
    assert status(SENT, calm) == {"frustration": "not_applicable"}
    angry = [
        Line("customer", 1, 3, "This is ridiculous, I am furious, terrible awful service."),
        Line("customer", 5, 7, "I hate this, it is a disgrace."),
    ]
    assert status(SENT, angry) == {"frustration": "violated"}
    recovered = [
        *angry,
        *(
            Line(
                "customer",
                9 + 3 * k,
                11 + 3 * k,
                "Thank you so much, that is great, perfect, really helpful.",
            )
            for k in range(4)
        ),
    ]
    assert status(SENT, recovered) == {"frustration": "met"}


def test_live_prompts_open_clear_and_violate() -> None:
    prompts, _ = evaluate(
        policy(NOTICE + TRIGGER),
        [
            Line("customer", 10, 13, "I want to make a complaint."),
            Line("agent", 14, 16, "I'm sorry to hear that, and this call is recorded."),
        ],
    )
    seen = [(p.rule, p.state) for p in prompts]
    assert ("complaint", "open") in seen and ("complaint", "cleared") in seen
    assert ("notice", "cleared") in seen  # was open (due 30 s) from the first step
    opened = next(p for p in prompts if p.rule == "complaint" and p.state == "open")
    assert opened.due_by == 13 + 30
    prompts, _ = evaluate(policy(NOTICE), [Line("agent", 40, 42, "Hello.")])
    assert [(p.rule, p.state) for p in prompts][-1] == ("notice", "violated")


OVERTALK = """
[[rules]]
id = "overtalk"
kind = "talk"
metric = "overtalk"
max_s = 3
message = "stop talking over"
"""


def test_overtalk_sums_overlaps() -> None:
    lines = [Line("agent", 0, 5, "a"), Line("customer", 4, 6, "b"), Line("agent", 10, 14, "c"),
             Line("customer", 12, 13, "d")]
    assert status(OVERTALK, lines)["overtalk"] == "met"  # 1 s + 1 s
    more = [*lines, Line("customer", 20, 24, "e"), Line("agent", 21, 23, "f")]
    _, res = evaluate(policy(OVERTALK), more)
    assert res[0].status == "violated" and res[0].evidence[0].phrase == "overtalk 4.0 s"


def test_healthcare_caller_dob_mask_counts_as_identifier() -> None:
    # the agent's question is garbled ("what is your day, Thadworth") but the redactor masked the
    # caller's answer as a date of birth: name asked + [DOB] answered = two identifiers before PHI
    from ccedge.core.guidance import load_policy

    pol = load_policy("healthcare")
    base = [Line("agent", 1, 3, "Can you confirm your full name?"), Line("customer", 4, 5, "It is [NAME].")]
    garbled = [Line("agent", 6, 8, "Thank you and what is your day, Thadworth"),
               Line("customer", 9, 10, "[DOB]")]
    phi = [Line("agent", 11, 14, "Your lab results came back normal.")]

    def got(lines: list[Line]) -> str:
        return {r.id: r.status for r in evaluate(pol, lines, ())[1]}["identity-before-phi"]

    assert got(base + garbled + phi) == "met"
    assert got(base + garbled[:1] + phi) == "violated"  # no date of birth given: one identifier
    late = [Line(x.role, x.start_s + 10, x.end_s + 10, x.text) for x in garbled]
    assert got(base + phi + late) == "violated"  # given after the PHI
