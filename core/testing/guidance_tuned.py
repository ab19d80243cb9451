"""The tuned labelled set: 48 calls built from blocks whose effect on each rule is known.

The matcher's thresholds and the packs' paraphrase lists were shaped looking at these calls'
transcripts, so their figures are the optimistic ones; ``guidance_heldout`` and
``guidance_heldout2`` hold the honest ones.
"""

from __future__ import annotations

import random

from ccedge.testing.guidance_script import CARD, NA, M, ScriptedCall, V


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
