"""The third held-out set: 12 calls written before the second held-out set's misses were studied.

Held-out 2 was studied (its misses fixed for their general causes), so it is no longer unseen.
These calls were written before that work, and before they were rendered or scored, in new
wording with new names and organisations (a building society, a dental practice, a parcel
courier), compliant and violating, and are labelled by what each rule *means* (was a debt
discussed? was the caller's callback number checked?), not by whether a listed phrase was said.
Nothing was changed after their first run. Their misses were then studied for packs 2026.12.6
(same meaning in other words, negation, general paraphrases), so this set is *seen* since then.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

CARD3 = "3782 822463 10005"  # a public test PAN (American Express)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hy-fin-00", "finance", [
            (a, "Good afternoon, Northgate Building Society, Marcus speaking. Please note our calls are "
                "recorded."),
            (u, "Hi Marcus, I got a letter saying I'm behind on my loan repayments."),
            (a, "I can look into that. First, can you tell me your full name and your date of birth?"),
            (u, "Dev Patel, ninth of June nineteen ninety."),
            (a, "Thanks Dev, you're verified. The account shows two missed repayments, four hundred and "
                "twenty pounds in total."),
            (a, "Please be aware we are a debt collector, this is an attempt to collect a debt, and any "
                "information you give us will be used for that purpose."),
            (u, "Can I pay it off today by card?"),
            (a, "Yes. For your security, please enter your card number using your telephone keypad."),
            (u, "Done."),
            (a, "That's been accepted. Is there anything else I can do for you?"),
            (u, "No, that's it."),
            (a, "Thank you for calling Northgate, goodbye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("hy-fin-01", "finance", [
            (a, "Northgate Building Society, you're through to Alice."),
            (u, "Hello, how much do I still owe on my personal loan?"),
            (a, "You have six thousand two hundred pounds outstanding and your next instalment is due "
                "on the fifth."),
            (u, "Can I pay this month's instalment by card?"),
            (a, "Sure, just say the card number out loud and I'll type it in."),
            (u, f"It's {CARD3}."),
            (a, f"So that's {CARD3}, correct?"),
            (u, "Yes."),
            (a, "Lovely. And I guarantee your application for a payment holiday will be approved."),
            (u, "Great, bye.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=NA, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=V),
        scripted("hy-fin-02", "finance", [
            (a, "Hello, Northgate Building Society, this call is recorded for quality. It's Tom speaking."),
            (u, "Hi Tom. I've lost my job and I'm worried I won't manage my mortgage payments next month."),
            (a, "I'm sorry to hear that. Can I have your name and postcode so I can look at your account?"),
            (u, "Grace Obi, L S six, four J P."),
            (a, "Thanks Grace. We have a support team for customers in financial difficulty, and we can "
                "pause your payments for three months while you get back on your feet."),
            (u, "That's a relief. Although I have to say, your website has been broken for days, it's "
                "ridiculous."),
            (a, "Anyway, I'll set up that payment pause now.", 24.0),
            (a, "All done. Is there anything else I can help with? Thanks for calling."),
            (u, "No, bye.")],
            recording_notice=M, identity_before_account_details=NA, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=V, escalation_offered=NA,
            hardship_support=M, long_silence=V, closing=M),
        scripted("hy-fin-03", "finance", [
            (a, "Northgate Building Society, calls are recorded for training and monitoring, Nadia "
                "speaking."),
            (u, "I was charged twice for the same transfer and nobody has sorted it out."),
            (a, "I'm so sorry about that, I've logged a complaint and I'll get the duplicate looked at."),
            (u, "I want to speak to someone senior about this."),
            (a, "Of course, I'll ask my team leader to call you back this afternoon."),
            (a, "Is there anything else I can do for you today? Thanks for your patience, goodbye."),
            (u, "Bye.")],
            recording_notice=M, identity_before_account_details=NA, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, long_silence=M, closing=M),
    ]


def _healthcare() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hy-hc-00", "healthcare", [
            (a, "Riverside Dental Practice, Chloe speaking. Just so you know, calls are recorded."),
            (u, "Hi, I'm calling about the X-ray from my check-up."),
            (a, "Sure, can I have your full name and your date of birth please?"),
            (u, "Sam Hughes, third of March nineteen eighty four."),
            (a, "Thank you Sam. The X-ray shows a small cavity in a lower molar that needs a filling."),
            (u, "Can you phone me back once the dentist has a slot?"),
            (a, "Yes, can I just check the best number is still the one ending four five one?"),
            (u, "Yes, that's right."),
            (a, "Great. Anything else I can help with? Thanks for calling."),
            (u, "No, bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M),
        scripted("hy-hc-01", "healthcare", [
            (a, "Riverside Dental, hello."),
            (u, "Hello, is my crown ready yet? It's for Ruth Clarke."),
            (a, "Yes Ruth, your crown is ready and your root canal treatment notes say the infection has "
                "cleared."),
            (a, "I can print your full dental history from the last ten years and post it to you if you "
                "like."),
            (u, "Okay, thanks."),
            (a, "Right, bye.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=NA, bereavement=NA, closing=V, long_silence=M),
        scripted("hy-hc-02", "healthcare", [
            (a, "Good morning, Riverside Dental Practice, this call is recorded, Omar speaking."),
            (u, "Morning. My husband died last week, and he had a check-up booked for Friday."),
            (a, "I'm so sorry to hear about your husband. I'll remove that appointment for you."),
            (u, "Thank you. Can someone ring me about the outstanding bill?"),
            (a, "Yes, someone from accounts will ring you."),
            (a, "Is there anything else I can do for you? Take care."),
            (u, "No, bye.")],
            recording_notice=M, identity_before_phi=NA, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=M, closing=M, long_silence=M),
        scripted("hy-hc-03", "healthcare", [
            (a, "Riverside Dental Practice, calls may be recorded, Ben speaking."),
            (u, "I've been in pain for a week and nobody has called me back, it's really not good "
                "enough."),
            (a, "I'm very sorry, that shouldn't have happened. Let me find you an emergency slot."),
            (a, "Can I take your full name and your address?"),
            (u, "Mia Long, twelve Park Lane."),
            (a, "Just a moment while I search.", 27.0),
            (a, "Thanks Mia, your notes say the abscess was treated with antibiotics, so we'll see you at "
                "two today."),
            (a, "Anything else I can help with? Bye for now.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=V),
    ]


def _service() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hy-svc-00", "service", [
            (a, "Good evening, Swift Parcels, my name's Arjun, how can I help?"),
            (u, "Hi, my parcel's been stuck at the depot for five days, it's a joke."),
            (a, "I'm really sorry about the delay, I understand how annoying that is. I'll chase the depot "
                "now."),
            (u, "I'd like to speak to your manager please."),
            (a, "Certainly, I'll pass you to my manager straight away."),
            (a, "Anything else before I transfer you? Thanks for waiting.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("hy-svc-01", "service", [
            (a, "Swift Parcels."),
            (u, "I want to close my business account."),
            (a, "Fine, it's closed."),
            (u, "And your driver threw my parcel over the fence, I'm furious."),
            (a, "Drivers follow the delivery instructions."),
            (a, "Bye.")],
            greeting=V, agent_name=V, cancellation_save=V, complaint_acknowledged=V, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=V),
        scripted("hy-svc-02", "service", [
            (a, "Hi there, thanks for calling Swift Parcels, you're speaking to Leah."),
            (u, "Hi Leah, I want to end my subscription, it's too expensive."),
            (a, "I understand. Before you go, I can give you three months free if you stay with us."),
            (u, "Alright, I'll stay then."),
            (a, "Great. Let me update your plan.", 25.0),
            (a, "That's done. Is there anything else I can help with? Have a nice evening."),
            (u, "No thanks.")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=V, agent_monologue=M, closing=M),
        scripted("hy-svc-03", "service", [
            (a, "Good morning, Swift Parcels, this is Nick."),
            (u, "Let me talk to a supervisor now."),
            (a, "There's no supervisor available, you'll have to deal with me."),
            (u, "Fine. Where is my delivery?"),
            (a, "It's out for delivery and should reach you by six."),
            (a, "Is there anything else I can help you with? Thank you for calling.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=NA, escalation_offered=V,
            long_silence=M, agent_monologue=M, closing=M),
    ]


def heldout3_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *_healthcare(), *_service()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"hy-caller-{k}"
    return calls
