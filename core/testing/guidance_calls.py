"""A labelled set of scripted contact-centre calls for guidance and QM.

Each call is built from blocks whose effect on every labelled rule is known (a recording
notice said or not, identity verified before or after the balance, a payment with or without
the secure script, a complaint acknowledged or not, …), so the expected status of each rule
follows from the script, not from the engine under test. ``clean_lines`` gives the script as
transcript lines with estimated times; ``synthetic_call`` renders it as SIP + G.711 RTP
(espeak-ng or the piper voice) for the real speech engine. Inbound calls: the callee is the agent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

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


def _finance(i: int, rng: random.Random) -> ScriptedCall:
    c = ScriptedCall(f"fin-{i:02d}", "finance")
    notice = i % 5 != 1
    if notice:
        c.say("agent", "Thank you for calling Northwind Bank. This call is recorded for training and quality "
                       "purposes. My name is Sam, how can I help you today?")
    else:
        c.say("agent", "Thank you for calling Northwind Bank. My name is Sam, how can I help you today?")
    c.expect(recording_notice=M if notice else V)
    flow = ["verified", "unverified", "none"][i % 3]
    if flow != "none":
        c.say("customer", "Hello, I would like to check the balance on my current account please.")
        if flow == "verified":
            c.say("agent", "Of course. Can you confirm your full name and your date of birth?")
            c.say("customer", "Yes, it is Jane Smith and I was born on the fourth of July.")
            c.say("agent", "Thank you for verifying. Your current balance is two hundred and fifty pounds.")
        else:
            c.say("agent", "Sure. Your current balance is two hundred and fifty pounds.")
            c.say("customer", "Great, thank you.")
        c.expect(identity_before_account_details=M if flow == "verified" else V)
    else:
        c.expect(identity_before_account_details=NA)
    debt = i % 4 in (0, 3)
    if debt:
        c.say("agent", "I also need to talk to you about the overdue balance on your loan.")
        miranda = i % 8 != 3
        if miranda:
            c.say("agent", "This is an attempt to collect a debt and any information obtained will be used "
                           "for that purpose.", 0.6)
        c.say("customer", "I know, I have been meaning to sort it out.")
        c.expect(mini_miranda=M if miranda else V)
    else:
        c.expect(mini_miranda=NA)
    pay = i % 3 != 2
    if pay:
        c.say("customer", "I would like to make a payment by card today.")
        script = i % 6 != 4
        if script:
            c.say("agent", "Certainly. For your security, please enter your card number using your "
                           "keypad now.")
            c.say("customer", "Okay, I have typed it in.")
        else:
            c.say("agent", "Certainly, go ahead and tell me the card details when you are ready.")
            c.say("customer", f"It is {CARD}.")
        readback = i % 7 == 5
        if readback:
            c.say("agent", f"Let me read your card number back, {CARD}, is that right?")
            c.say("customer", "Yes that is right.")
        c.say("agent", "Thank you, the payment has gone through.")
        c.expect(payment_script=M if script else V, no_full_pan_readback=V if readback else M)
    else:
        c.expect(payment_script=NA, no_full_pan_readback=M)
    complaint = i % 4 == 2 or i % 5 == 3
    if complaint:
        c.say("customer", "Honestly this is ridiculous, I was charged a late fee twice and nobody fixed it.")
        ack = i % 8 != 2
        if ack:
            c.say("agent", "I am sorry to hear that, I understand your frustration and I will log a "
                           "complaint for you right away.")
        else:
            c.say("agent", "Let me look at the fees on the account.")
        esc = i % 3 == 0
        if esc:
            c.say("customer", "I want to speak to a manager about this.")
            offered = i % 6 != 3
            c.say("agent", "Of course, I will transfer you to my supervisor now." if offered
                  else "They are all busy, there is nothing more to be done today.")
            c.expect(escalation_offered=M if offered else V)
        else:
            c.expect(escalation_offered=NA)
        c.expect(complaint_acknowledged=M if ack else V)
    else:
        c.expect(complaint_acknowledged=NA, escalation_offered=NA)
    hardship = i % 5 == 4
    if hardship:
        c.say("customer", "The thing is I lost my job last month and I am struggling to pay my bills.")
        helped = i % 10 != 9
        c.say("agent", "I understand. We can set up a payment plan with a reduced payment for a few months."
              if helped else "I see. The full amount is still due on the first.")
        c.expect(hardship_support=M if helped else V)
    else:
        c.expect(hardship_support=NA)
    promise = i % 6 == 1
    if promise:
        c.say("agent", "Do not worry, I guarantee you will definitely be approved for the new card.")
    c.expect(no_outcome_promise=V if promise else M)
    silence = i % 9 == 7
    if silence:
        c.say("customer", "Let me find my reading glasses, one moment.", 24.0)
        c.say("customer", "Okay, I am back.")
    c.expect(long_silence=V if silence else M)
    closing = i % 7 != 6
    if closing:
        c.say("agent", "Is there anything else I can help you with today? Have a great day.")
    else:
        c.say("agent", "Okay, bye.")
    c.say("customer", "Thanks, goodbye.")
    c.expect(closing=M if closing else V)
    return c


def _healthcare(i: int, rng: random.Random) -> ScriptedCall:
    c = ScriptedCall(f"hc-{i:02d}", "healthcare")
    notice = i % 5 != 2
    c.say("agent", "Good morning, Riverside Clinic, this call may be recorded. This is Pat speaking, how "
                   "can I help?" if notice else "Good morning, Riverside Clinic, this is Pat speaking, how "
                   "can I help?")
    c.expect(recording_notice=M if notice else V)
    c.say("customer", "Hi, I am calling about my blood test from last week.")
    flow = ["two-ids", "one-id", "phi-first", "no-phi"][i % 4]
    if flow in ("two-ids", "one-id"):
        c.say("agent", "I can help with that. Can you confirm your full name?")
        c.say("customer", "It is Maria Lopez.")
        if flow == "two-ids":
            c.say("agent", "Thank you. And what is your date of birth?")
            c.say("customer", "The second of March, nineteen eighty.")
    if flow != "no-phi":
        c.say("agent", "Thanks. Your lab results came back normal and your prescription for metformin "
                       "is ready.")
        if flow == "phi-first":
            c.say("customer", "Oh good.")
            c.say("agent", "Just for our records, can you confirm your full name and your date of birth?")
            c.say("customer", "Maria Lopez, the second of March.")
        c.expect(identity_before_phi=M if flow == "two-ids" else V)
    else:
        c.say("agent", "The lab is still processing it, it should be ready on Friday.")
        c.expect(identity_before_phi=NA)
    whole = i % 6 == 5
    if whole:
        c.say("agent", "If you like I can read you your whole medical history while we are at it.")
        c.say("customer", "No, that is fine.")
    c.expect(minimum_necessary=V if whole else M)
    callback = i % 3 == 1
    if callback:
        c.say("customer", "I am at work now, can you call me back this afternoon?")
        verified = i % 6 != 4
        c.say("agent", "Yes, I will call you back on the number we have on file at three." if verified
              else "Sure, someone will ring you later today.")
        c.expect(callback_verification=M if verified else V)
    else:
        c.expect(callback_verification=NA)
    complaint = i % 4 == 3
    if complaint:
        c.say("customer", "I want to make a complaint, I waited forty minutes on hold last time.")
        ack = i % 8 != 7
        c.say("agent", "I apologise for that wait, I will log a complaint with the practice manager." if ack
              else "We are very busy on Mondays.")
        c.expect(complaint_acknowledged=M if ack else V)
    else:
        c.expect(complaint_acknowledged=NA)
    bereaved = i % 7 == 4
    if bereaved:
        c.say("customer", "Also, my husband passed away last month, so please update his records.")
        c.say("agent", "I am so sorry for your loss. I will update the records today.")
        c.expect(bereavement=M)
    else:
        c.expect(bereavement=NA)
    closing = i % 5 != 4
    c.say("agent", "Is there anything else I can help you with? Have a good day." if closing
          else "Okay then, bye.")
    c.say("customer", "Thank you, bye.")
    c.expect(closing=M if closing else V, long_silence=M)
    return c


def _service(i: int, rng: random.Random) -> ScriptedCall:
    c = ScriptedCall(f"svc-{i:02d}", "service")
    greet = i % 4 != 1
    c.say("agent", "Good afternoon, thank you for calling Acme Telecom, my name is Alex." if greet
              else "Acme Telecom, what do you need?")
    c.expect(greeting=M if greet else V, agent_name=M if greet else V)
    cancel = i % 3 == 0
    if cancel:
        c.say("customer", "Hi, I want to cancel my subscription, it is too expensive.")
        saved = i % 6 != 3
        c.say("agent", "Before you go, I can offer you a discount of twenty percent for six months." if saved
              else "Okay, I will process that now.")
        c.say("customer", "Let me think about it.")
        c.expect(cancellation_save=M if saved else V)
    else:
        c.say("customer", "Hi, my internet keeps dropping every evening.")
        c.say("agent", "Let me run a line test for you, it takes a few seconds.")
        c.expect(cancellation_save=NA)
    complaint = i % 4 == 2 or i % 5 == 0
    if complaint:
        c.say("customer", "This is unacceptable, it is the third time I have called about this.")
        ack = i % 8 != 2
        c.say("agent", "I am sorry about that, I understand your frustration." if ack
              else "It says here the line is fine.")
        esc = i % 2 == 0
        if esc:
            c.say("customer", "Then I want to speak to a supervisor.")
            offered = i % 4 != 0 or i % 8 == 0
            c.say("agent", "Of course, I will put you through to a supervisor." if offered
                  else "There is no one else available, sorry.")
            c.expect(escalation_offered=M if offered else V)
        else:
            c.expect(escalation_offered=NA)
        c.expect(complaint_acknowledged=M if ack else V)
    else:
        c.expect(complaint_acknowledged=NA, escalation_offered=NA)
    silence = i % 7 == 3
    if silence:
        c.say("agent", "Let me check the system, bear with me.", 23.0)
        c.say("agent", "Thanks for waiting.")
    c.expect(long_silence=V if silence else M, agent_monologue=M)
    closing = i % 5 != 2
    c.say("agent", "Is there anything else I can help you with today? Have a lovely day." if closing
          else "That is all then.")
    c.say("customer", "No, bye.")
    c.expect(closing=M if closing else V)
    return c


def eval_calls(n_finance: int = 20, n_healthcare: int = 14, n_service: int = 14) -> list[ScriptedCall]:
    """The labelled set (48 calls by default), deterministic."""
    rng = random.Random(12)
    calls = [_finance(i, rng) for i in range(n_finance)]
    calls += [_healthcare(i, rng) for i in range(n_healthcare)]
    calls += [_service(i, rng) for i in range(n_service)]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"caller-{k % 17}"
    return calls


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


def _ho(call_id: str, pack: str, turns: list[tuple[str, str] | tuple[str, str, float]],
        **expected: str) -> ScriptedCall:
    c = ScriptedCall(call_id, pack, held_out=True)
    for t in turns:
        c.say(*t)
    c.expect(**expected)
    return c


def heldout_calls() -> list[ScriptedCall]:
    """Twelve held-out calls: the same rules in other words, written after the matcher was tuned.

    Nobody tuned thresholds or paraphrase lists on these (packs 2026.12.2 as they stood); they
    measure how the matching generalises to phrasings it was not shaped on. Some phrasings are
    deliberately outside the packs' lists, as real agents' would be, and the labels follow what
    the rule *means* (was the caller told the call is recorded?), not whether a listed phrase was said.
    """
    a, u = "agent", "customer"
    calls = [
        _ho("ho-fin-00", "finance", [
            (a, "Morning, Northwind Bank, Chris speaking. Just so you know, calls are recorded for quality "
                "and training."),
            (u, "Hi Chris, I want to know how much I owe on my card."),
            (a, "No problem. Could I take your full name and your date of birth first?"),
            (u, "Tom Baker, twelfth of May nineteen seventy."),
            (a, "Lovely, you have passed security. Your account balance is six hundred and ten pounds."),
            (a, "I can also see you have missed payments on the loan this year."),
            (a, "I have to tell you we are attempting to collect a debt, and anything you tell us may be "
                "used for that purpose."),
            (u, "Fine, I would like to pay some of it with my card now."),
            (a, "When you are ready, please key in your card number, I will not hear the tones."),
            (u, "Done."),
            (a, "That has gone through. Anything else I can help with today? Take care."),
            (u, "No, cheers.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        _ho("ho-fin-01", "finance", [
            (a, "Northwind Bank, Chris here, what can I do for you?"),
            (u, "Hello, I think I was charged twice for the same shop."),
            (a, "Okay. Your account shows two payments of forty pounds on Tuesday."),
            (u, "I am really unhappy about this, it keeps happening."),
            (a, "I am sorry for the trouble, I will raise a complaint and get it refunded."),
            (u, "I would rather talk to someone more senior about it."),
            (a, "Of course, I will get a supervisor for you now."),
            (a, "Right then, bye.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, long_silence=M, closing=V),
        _ho("ho-fin-02", "finance", [
            (a, "Good afternoon, you are through to Northwind Bank, this call is being recorded. How can I "
                "help?"),
            (u, "I got a letter about my loan."),
            (a, "Before we go on, can I take your name and your date of birth?"),
            (u, "Ann Lee, third of June."),
            (a, "Thanks for confirming those details. Your account is three months in arrears, the balance "
                "is four hundred pounds."),
            (u, "I know. I am out of work at the moment and I cannot afford the payments."),
            (a, "We can put you on a payment plan and give you some breathing space."),
            (a, "And I promise you will get the late fees taken off."),
            (a, "Is there anything else I can help you with? Bye for now."),
            (u, "Thank you, bye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, long_silence=M, closing=M),
        _ho("ho-fin-03", "finance", [
            (a, "Northwind Bank, calls may be recorded, you are speaking with Dee."),
            (u, "I need to pay my credit card bill with my debit card."),
            (a, "No problem, just read the long number out to me."),
            (u, f"It is {CARD}."),
            (a, f"So that is {CARD}, correct?"),
            (u, "Yes. And this is the worst service I have ever had, the app never works."),
            (a, "Okay. Anything else?"),
            (u, "Hang on, I need to find my reference.", 24.0),
            (u, "Got it, never mind."),
            (a, "Is there anything else I can help you with today? Goodbye."),
            (u, "Bye.")],
            recording_notice=M, identity_before_account_details=NA, mini_miranda=NA, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=V, escalation_offered=NA,
            hardship_support=NA, long_silence=V, closing=M),
        _ho("ho-hc-00", "healthcare", [
            (a, "Riverside Clinic, please note this call may be recorded, Sam speaking."),
            (u, "Hello, I had a scan on Monday and wanted to hear how it went."),
            (a, "Sure. Can I have your first and last name please?"),
            (u, "Peter Grant."),
            (a, "And your date of birth please?"),
            (u, "First of January sixty five."),
            (a, "Thank you. Your scan showed nothing to worry about."),
            (u, "Great. Can you ring me back when the letter is ready?"),
            (a, "Yes, I will call you back on the number we have on your record."),
            (a, "Anything else I can help with? Have a good afternoon."),
            (u, "No, thanks, bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M),
        _ho("ho-hc-01", "healthcare", [
            (a, "Clinic, Sam here."),
            (u, "Hi, is my repeat prescription ready?"),
            (a, "Yes, your prescription for lisinopril went to the pharmacy this morning."),
            (a, "Can you confirm your full name for me?"),
            (u, "Lucy Chen."),
            (a, "I can also go through everything in your record if that helps."),
            (u, "No. And I am not happy with how long this has taken, it has been two weeks."),
            (a, "I apologise for the delay, I will let the practice manager know."),
            (a, "Okay, bye then.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=M, bereavement=NA, closing=V, long_silence=M),
        _ho("ho-hc-02", "healthcare", [
            (a, "Good afternoon, Riverside Clinic, this call is recorded, how can I help?"),
            (u, "Hi, I am waiting to hear about my heart referral."),
            (a, "Can you confirm your address for me?"),
            (u, "Ten Mill Lane."),
            (a, "Thanks. Your referral to cardiology has been approved."),
            (u, "Good. Also my mother died last week, she was a patient here too."),
            (a, "I am so sorry to hear about your mother. I will mark her records today."),
            (u, "Could you give me a call back tomorrow about her appointments?"),
            (a, "Yes, someone will ring you tomorrow."),
            (a, "Is there anything else I can help you with? Take care."),
            (u, "No, bye.")],
            recording_notice=M, identity_before_phi=V, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=M, closing=M, long_silence=M),
        _ho("ho-hc-03", "healthcare", [
            (a, "Good morning, Riverside Clinic, this call may be recorded, how can I help?"),
            (u, "I want to complain about the way I was spoken to at reception."),
            (a, "Right, the receptionist is new."),
            (u, "Well, also I need my test results."),
            (a, "What is your member number?"),
            (u, "It is A B seven seven."),
            (a, "And your date of birth?"),
            (u, "Ninth of September."),
            (a, "Let me pull up your chart.", 24.0),
            (a, "Your test results are all within the normal range."),
            (a, "Anything else I can help you with today? Bye now."),
            (u, "Bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=V, bereavement=NA, closing=M, long_silence=V),
        _ho("ho-svc-00", "service", [
            (a, "Hello and welcome to Acme Telecom, you are speaking with Robin."),
            (u, "Hi Robin, I would like to close my account, I am moving abroad."),
            (a, "Before you go, we could take a third off your bill for a year if you keep the line."),
            (u, "I will think about it."),
            (a, "Anything else I can help you with today? Have a great evening."),
            (u, "No, bye.")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        _ho("ho-svc-01", "service", [
            (a, "Acme, yeah?"),
            (u, "I am fed up, the router has failed again."),
            (a, "Sorry about that, I understand how annoying that must be."),
            (u, "Can I speak to your manager please?"),
            (a, "Sure, I will transfer you now."),
            (a, "Is there anything else I can help you with before I do? Have a nice day."),
            (u, "No.")],
            greeting=V, agent_name=V, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=M, closing=M),
        _ho("ho-svc-02", "service", [
            (a, "Good evening, Acme Telecom."),
            (u, "I want to cancel my broadband contract."),
            (a, "Fine, that is done."),
            (u, "This is not good enough, I was promised an engineer and nobody came."),
            (a, "The engineer slots are all full this week."),
            (a, "Okay, that is it."),
            (u, "Bye.")],
            greeting=M, agent_name=V, cancellation_save=V, complaint_acknowledged=V, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=V),
        _ho("ho-svc-03", "service", [
            (a, "Good morning, Acme Telecom, my name is Jo."),
            (u, "My bill is wrong again and this is unacceptable."),
            (a, "I am sorry about that, let me fix it for you."),
            (u, "I want to escalate this."),
            (a, "There is nothing anyone else can do."),
            (a, "Let me go through your bill line by line.", 24.0),
            (a, "Right, I have removed the extra charge."),
            (a, "Is there anything else I can help you with today? Have a lovely day."),
            (u, "No, bye.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=V,
            long_silence=V, agent_monologue=M, closing=M),
    ]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"ho-caller-{k}"
    return calls


def sentiment_calls() -> list[ScriptedCall]:
    """Six calls labelled for ``customer-frustration`` only (rising frustration, recovered or not).

    violated: the customer grows angry and is still angry at the end; met: frustration rose and
    the call recovered it; not_applicable: no rising frustration (calm calls, a sad but not
    frustrated caller, a problem stated politely). Written after tuning, like ``heldout_calls``.
    """
    a, u = "agent", "customer"
    calls = [
        _ho("ho-sent-00", "service", [
            (a, "Good morning, Acme Telecom, my name is Jo."),
            (u, "My internet has been down for three days."),
            (a, "Let me check the line."),
            (u, "This is terrible, I work from home and I am losing money every single day."),
            (a, "The next engineer visit is in two weeks."),
            (u, "Two weeks? That is awful. You are useless, I am absolutely furious."),
            (a, "That is the earliest slot."),
            (u, "Unbelievable. I hate this company, worst service ever.")],
            customer_frustration=V),
        _ho("ho-sent-01", "service", [
            (a, "Good afternoon, Acme Telecom, my name is Jo."),
            (u, "I was charged twice this month and I am really angry about it."),
            (a, "I am sorry about that, let me look."),
            (u, "This is the second time, it is a disgrace and a total mess."),
            (a, "I have refunded both charges and added a credit to your account."),
            (u, "Oh, that is great, thank you so much, I really appreciate your help."),
            (a, "You are welcome, have a lovely day."),
            (u, "Thanks, you have been brilliant, bye.")],
            customer_frustration=M),
        _ho("ho-sent-02", "finance", [
            (a, "Northwind Bank, this call is recorded, my name is Sam."),
            (u, "Hi, I would like to order a new cheque book please."),
            (a, "Of course, it will arrive within five working days."),
            (u, "Lovely, thank you very much."),
            (a, "Is there anything else I can help you with today? Have a great day."),
            (u, "No, that is all, thanks, bye.")],
            customer_frustration=NA),
        _ho("ho-sent-03", "finance", [
            (a, "Northwind Bank, this call is recorded, my name is Sam."),
            (u, "I am furious, my card was declined at the shop and it was so embarrassing."),
            (a, "I am sorry, let me check. There was a fraud check on it."),
            (u, "That is ridiculous, this is a terrible way to treat people, I am so angry."),
            (a, "I understand your frustration. I have cleared the block, the card works again now."),
            (u, "Okay, good, thank you, that is a relief."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No, thanks, that is great, bye.")],
            customer_frustration=M),
        _ho("ho-sent-04", "healthcare", [
            (a, "Riverside Clinic, this call may be recorded, how can I help?"),
            (u, "Hello, I need to book a follow up appointment with Doctor Patel."),
            (a, "Sure, there is a slot on Thursday at ten."),
            (u, "Thursday at ten is perfect, thank you."),
            (a, "Anything else I can help you with? Have a good day."),
            (u, "No, thank you, goodbye.")],
            customer_frustration=NA),
        _ho("ho-sent-05", "healthcare", [
            (a, "Riverside Clinic, this call may be recorded, how can I help?"),
            (u, "I have been waiting a month for my results, this is absolutely awful."),
            (a, "Let me see. The lab has not sent them yet."),
            (u, "That is ridiculous, I am so angry and worried, nobody ever calls me back."),
            (a, "I can chase the lab next week."),
            (u, "Next week? This is a disgrace, I am sick of this terrible clinic.")],
            customer_frustration=V),
    ]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"ho-sent-caller-{k}"
    return calls
