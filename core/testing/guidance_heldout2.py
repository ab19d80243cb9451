"""The second held-out set: 14 calls written with packs 2026.12.4 and never tuned on.

The first held-out set was studied to make matching generalise, so it is no longer unseen.
These calls were written before they were rendered or scored, in new wording with new names and
organisations (a credit union, a health centre, a broadband provider), compliant and violating,
and are labelled by what each rule *means* (was a debt discussed? was the caller offered a
supervisor?), not by whether a listed phrase was said. Nothing was changed after their first run.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

CARD2 = "5555 5555 5555 4444"  # a public test PAN (Mastercard)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hx-fin-00", "finance", [
            (a, "Hi, you're through to Harbour Credit Union, Priya speaking. Before we start, this call is "
                "being recorded."),
            (u, "Hiya, I had a text saying my car loan payment bounced."),
            (a, "Let me help. Can you give me your full name and the first line of your address?"),
            (u, "Kofi Mensah, fourteen Elm Road."),
            (a, "Thank you, that all matches. I can see the last payment was returned, so the loan is now "
                "past due."),
            (a, "I need to let you know this is an attempt to collect a debt and any information obtained "
                "will be used for that purpose."),
            (u, "Right. Can I clear it now with my debit card?"),
            (a, "Yes. To keep your details safe, please type the card number on your phone keypad now."),
            (u, "Okay, done that."),
            (a, "Perfect, that payment went through. Is there anything else I can do for you today?"),
            (u, "No, that's everything, thanks."),
            (a, "Thanks for calling, have a good evening.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("hx-fin-01", "finance", [
            (a, "Harbour Credit Union, Gareth here, how can I help?"),
            (u, "Hi, I want to pay off my credit card balance."),
            (a, "Sure, your balance is three hundred and twelve pounds."),
            (u, "Okay, can I pay that by card now?"),
            (a, "Go on then, read me the card number."),
            (u, f"It's {CARD2}."),
            (a, f"Thanks, I'll just repeat that, {CARD2}."),
            (u, "Yep."),
            (a, "Don't worry, I promise the late fee will be removed."),
            (a, "Anything else I can help with? Bye now."),
            (u, "No, bye.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=NA, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("hx-fin-02", "finance", [
            (a, "Good morning, Harbour Credit Union, calls are recorded for training. You're speaking "
                "with Jo."),
            (u, "Morning. I'm calling because I've fallen behind on my mortgage."),
            (a, "Okay. Could I take your name and date of birth to start?"),
            (u, "Olu Adeyemi, second of February, nineteen seventy eight."),
            (a, "Thanks for verifying. You are two payments behind, and the overdue amount is eighteen "
                "hundred pounds."),
            (u, "I was made redundant in March and money is really tight."),
            (a, "I'm sorry to hear that. We can look at a hardship arrangement and freeze the interest for "
                "three months."),
            (u, "And frankly I'm fed up with the letters you keep sending me."),
            (a, "I understand your frustration and I apologise for the letters, I'll make a note to stop "
                "them."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No, thank you.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=NA,
            hardship_support=M, long_silence=M, closing=M),
        scripted("hx-fin-03", "finance", [
            (a, "Harbour Credit Union, this call may be recorded, Sam speaking."),
            (u, "I've been charged an overdraft fee I never agreed to, this is a disgrace."),
            (a, "Fees are set out in your terms and conditions."),
            (u, "Then put me through to your manager."),
            (a, "The managers don't take calls, I'm afraid."),
            (u, "Give me a minute to find the letter.", 25.0),
            (u, "Right, I've got it here."),
            (a, "Okay. Bye.")],
            recording_notice=M, identity_before_account_details=NA, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=V, escalation_offered=V,
            hardship_support=NA, long_silence=V, closing=V),
        scripted("hx-fin-04", "finance", [
            (a, "Thank you for calling Harbour Credit Union. Just to let you know, this call is recorded. My "
                "name is Lee."),
            (u, "Hello, I'd like to make a payment towards my loan by card."),
            (a, "Of course. I'll pause the recording while you enter your card number on the keypad."),
            (u, "All right, typed in."),
            (a, "Thank you, that's gone through. Your reference number is 48291736."),
            (a, "Is there anything else I can help you with? Have a lovely day."),
            (u, "No, that's all, bye.")],
            recording_notice=M, identity_before_account_details=NA, mini_miranda=NA, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
    ]


def _healthcare() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hx-hc-00", "healthcare", [
            (a, "Lakeside Health Centre, this call may be recorded for quality purposes, Hannah speaking."),
            (u, "Hi Hannah, I'm ringing for my cholesterol results."),
            (a, "No problem. Can I take your full name please?"),
            (u, "Bea Thompson."),
            (a, "And can you confirm your date of birth?"),
            (u, "Eleventh of November nineteen sixty two."),
            (a, "Thank you. Your cholesterol test came back slightly high, so the doctor would like to see "
                "you."),
            (u, "Okay. Could you call me back with an appointment time?"),
            (a, "Yes, we'll call you on the number we have on file for you."),
            (a, "Is there anything else I can help with? Take care."),
            (u, "No, bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M),
        scripted("hx-hc-01", "healthcare", [
            (a, "Lakeside Health Centre, Raj speaking, how can I help?"),
            (u, "Hello, I want to check my medication was changed."),
            (a, "Yes, your dose of amlodipine was increased to ten milligrams last week."),
            (a, "While I have you, shall I read out all the notes from your last three visits?"),
            (u, "No thanks."),
            (a, "Okay, bye.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=NA, bereavement=NA, closing=V, long_silence=M),
        scripted("hx-hc-02", "healthcare", [
            (a, "Good afternoon, Lakeside Health Centre, calls are recorded. Raj speaking."),
            (u, "Hello, my father passed away on Sunday and I need to cancel his appointments."),
            (a, "I'm very sorry for your loss. I can cancel those for you."),
            (u, "Also, what did my own blood test show? My name is Ella Ward."),
            (a, "Your blood test showed low iron, Ella."),
            (u, "Could you ring me back tomorrow about iron tablets?"),
            (a, "Of course, we'll ring you on the number on your record."),
            (a, "Anything else I can help you with? Have a good afternoon."),
            (u, "No, bye.")],
            recording_notice=M, identity_before_phi=V, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=M, closing=M, long_silence=M),
        scripted("hx-hc-03", "healthcare", [
            (a, "Lakeside Health Centre, this call is being recorded, how can I help you?"),
            (u, "I'm not happy, I've been waiting three weeks for a referral letter."),
            (a, "I'm really sorry about the wait, I'll raise it with the practice manager today."),
            (a, "Can you give me your patient ID and your postcode?"),
            (u, "Patient ID is L K four four zero two, postcode B three one, two A B."),
            (a, "Thanks. Your referral to dermatology was sent yesterday."),
            (u, "Can someone call me back when the appointment is booked?"),
            (a, "Sure, somebody will phone you."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No, bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M),
        scripted("hx-hc-04", "healthcare", [
            (a, "Morning, Lakeside Health Centre, this call may be recorded."),
            (u, "I want to book a flu jab."),
            (a, "Let me look at the diary.", 26.0),
            (a, "We have Tuesday at nine."),
            (u, "Tuesday is fine. But honestly, the phone queue this morning was appalling."),
            (a, "Tuesday at nine it is then."),
            (a, "Bye.")],
            recording_notice=M, identity_before_phi=NA, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=V, bereavement=NA, closing=V, long_silence=V),
    ]


def _service() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hx-svc-00", "service", [
            (a, "Thanks for calling Brightline Broadband, my name is Femi, how can I help?"),
            (u, "Hi Femi, I'd like to cancel my contract, I found a cheaper deal."),
            (a, "I'm sorry to hear you're thinking of leaving. Before you go, I can offer you half price for "
                "the next six months."),
            (u, "Oh, that might work, let me think."),
            (a, "Is there anything else I can help you with today? Have a great day."),
            (u, "No thanks, bye.")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("hx-svc-01", "service", [
            (a, "Brightline, go ahead."),
            (u, "This is the fourth time my connection has dropped this week, I'm absolutely sick of it."),
            (a, "I'm sorry, that sounds really frustrating."),
            (u, "I'd like to speak to a supervisor."),
            (a, "No problem, I'll transfer you to my supervisor now."),
            (a, "Is there anything else before I put you through? Have a nice day.")],
            greeting=V, agent_name=V, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("hx-svc-02", "service", [
            (a, "Good morning, Brightline Broadband, you're speaking with Dana."),
            (u, "I want to cancel my account today."),
            (a, "Okay, I've cancelled it."),
            (u, "And I want to talk to your manager."),
            (a, "My manager is not available today."),
            (a, "Right, bye."),
            (u, "Bye.")],
            greeting=M, agent_name=M, cancellation_save=V, complaint_acknowledged=NA, escalation_offered=V,
            long_silence=M, agent_monologue=M, closing=V),
        scripted("hx-svc-03", "service", [
            (a, "Hello and welcome to Brightline Broadband, this is Kim."),
            (u, "My bill has gone up and nobody told me, it's not on."),
            (a, "I apologise for that, let me see what happened."),
            (a, "Bear with me while I check your account.", 25.0),
            (a, "Thanks for holding. I've put you back on your old price."),
            (a, "Anything else I can help with today? Enjoy your evening."),
            (u, "No, cheers.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=NA,
            long_silence=V, agent_monologue=M, closing=M),
    ]


def heldout2_calls() -> list[ScriptedCall]:
    """Fourteen unseen calls (5 finance, 5 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *_healthcare(), *_service()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"hx-caller-{k}"
    return calls
