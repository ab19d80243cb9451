"""The first held-out set: 12 calls written after the matcher was tuned (packs 2026.12.2).

Since packs 2026.12.4 it is no longer unseen: its transcripts were studied to find why matching
failed to generalise (``guidance_heldout2`` is the unseen set now).
"""

from __future__ import annotations

from ccedge.testing.guidance_script import CARD, NA, M, ScriptedCall, V
from ccedge.testing.guidance_script import scripted as _ho


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
