"""The fourth held-out set: 13 calls written blind, before any run, and never tuned on.

Written by a helper engineer, 2026-12-05, without reading the packs' phrase lists or the
matcher (only the rules' ids, kinds, timings and the README's summary of what each rule means),
while the matcher was being changed by someone else, so that the wording owes nothing to it.
New organisations (a pension provider, a credit-card issuer's collections team, a pharmacy, a
physiotherapy clinic, an energy supplier, a mobile network), new names, and wording as agents and
customers speak on the phone. Compliant calls and violations of most rules; every rule of the
pack is labelled by what it *means* (was a debt being collected? did the agent offer condolences?
was the callback number checked against the record?), not by whether some phrase was said, as
in the third set. Nobody has rendered or scored these calls while writing them; nothing is to be
changed after their first run. Scored once unseen with packs 2026.12.6 (clean and spoken), then
studied for packs 2026.12.7 (their misses fixed for general causes), so this set is *seen* since then.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import CARD, NA, M, ScriptedCall, V, scripted

_MONOLOGUE = (  # about 215 words: well over a minute of the agent alone, at any voice's pace
    "Right, so there are a few things going on here, let me walk you through them. Back in October "
    "the price cap went up, which means the unit rate for your electricity went from about "
    "twenty-two pence to just under twenty-seven pence, and the standing charge went up as well, so "
    "even if you used exactly the same amount as last year you'd be paying more. On top of that, "
    "when we look at your usage over the last twelve months, it's higher than what we'd estimated "
    "when your direct debit was first set up, mostly over the winter, so your account has been "
    "slowly going into debit month by month. At the last review you were about a hundred and eighty "
    "pounds behind, and the system works out a new payment that clears that shortfall over the next "
    "year as well as covering what you're expected to use going forward. That's why it looks like "
    "such a big jump all at once. The other thing I can see is that your smart meter stopped "
    "sending readings in August, so since then we've been billing on estimates, and those estimates "
    "tend to be on the cautious side. If you can send us a photo of the meter, or read me the "
    "numbers, we can recalculate it and it may well come down quite a bit."
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hz-fin-00", "finance", [
            (a, "Morning, you've reached Brightwater Pensions, I'm Priya. Before we go any further, I "
                "need to let you know this conversation is being recorded."),
            (u, "Oh, hiya. I wanted to find out what my pension's worth at the moment, and whether I can "
                "take some of it early."),
            (a, "No problem at all. Could I get your full name, your date of birth and the first line of "
                "your address, please?"),
            (u, "It's Colin Ashworth, twenty-second of November, nineteen sixty-one, and it's forty-four "
                "Fernhill Road."),
            (a, "Lovely, thanks Colin, that all matches. Your pot is currently valued at eighty-one "
                "thousand three hundred pounds."),
            (u, "And if I take a lump sum now, can you promise me it'll be more than twenty grand after "
                "tax?"),
            (a, "I can't give you a figure like that, I'm afraid, it depends on your tax position and "
                "what the fund's worth on the day. What I can do is post you an illustration, and it's "
                "worth having a chat with Pension Wise as well, it's free."),
            (u, "Okay, that's fair enough."),
            (a, "Right, the illustration should reach you within ten working days. Is there anything "
                "else I can help you with today?"),
            (u, "No, that's everything, thanks."),
            (a, "You're welcome, Colin. Take care now, bye bye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("hz-fin-01", "finance", [
            (a, "Corrie Card Services, collections team, Jordan speaking."),
            (u, "Yeah hi, I got a text asking me to ring you about my credit card. Something about "
                "arrears?"),
            (a, "Right, let's get you through security first. What's your full name and date of birth?"),
            (u, "Shauna Pickering, fourth of April, eighty-eight."),
            (a, "And can you confirm the postcode on the account for me?"),
            (u, "D E four, one Q X."),
            (a, "Thanks Shauna. So the card's three payments behind, the overdue amount is two hundred "
                "and sixty-five pounds and the full balance is just over three thousand."),
            (u, "I know, I know. I can clear the overdue bit today if that helps."),
            (a, "That would stop any more late fees being added. Which card do you want to pay with?"),
            (u, f"My Visa debit. It's {CARD}, expiry oh nine twenty-eight."),
            (a, f"Okay, I've got {CARD}, expiring September twenty-eight. And the three digits on the "
                "back?"),
            (u, "Seven three seven."),
            (a, "Perfect, the two hundred and sixty-five has gone through, you'll get a confirmation "
                "text. Oh, I should've said at the start, calls to this line are recorded."),
            (u, "Okay, cheers."),
            (a, "Anything else I can do for you?"),
            (u, "No, that's it."),
            (a, "Have a good day then, Shauna, bye.")],
            recording_notice=V, identity_before_account_details=M, mini_miranda=V, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("hz-fin-02", "finance", [
            (a, "Brightwater Pensions, good afternoon. Just so you know, we record all our calls. You're "
                "speaking with Hamish."),
            (u, "Hi Hamish. Look, I asked for my pension to be transferred out back in March and it still "
                "hasn't happened. I've rung four times now. Honestly, it's shocking."),
            (a, "Can I take the policy number?"),
            (u, "B W seven seven three one nine."),
            (a, "And your surname and date of birth?"),
            (u, "Okonkwo, thirtieth of July, nineteen seventy-five."),
            (a, "Thanks. The transfer request is sitting with our payments team. Let me just pull up the "
                "notes.", 26.0),
            (a, "Okay, it's been signed off, and I can guarantee the money will be with your new provider "
                "by Friday."),
            (u, "You lot said that last month. I want this escalated to a manager."),
            (a, "To be honest a manager would only tell you the same thing I have."),
            (u, "Unbelievable. Fine."),
            (a, "Thanks for your patience, Mrs Okonkwo. Goodbye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=V, escalation_offered=V,
            hardship_support=NA, long_silence=V, closing=M),
        scripted("hz-fin-03", "finance", [
            (a, "Hello, Corrie Card Services, my name's Bethany and this call may be monitored or "
                "recorded."),
            (u, "Hi Bethany. My husband's been made redundant and, um, we're really struggling to keep "
                "up with everything at the moment, the card included."),
            (a, "Oh, I'm sorry to hear that. Can I take your account number?"),
            (u, "It's the account ending two two zero nine."),
            (a, "Okay, so the minimum payment this month is seventy-eight pounds and your balance is one "
                "thousand nine hundred and forty."),
            (u, "Yeah, that's the problem, I just can't find seventy-eight pounds this month."),
            (a, "I understand. We've got a specialist team who help customers going through money "
                "worries. They can look at freezing the interest and setting up a smaller plan you can "
                "actually afford, and I can give you the number for StepChange, a free money advice "
                "charity."),
            (u, "That would really help, thank you."),
            (a, "I'll transfer you to them now. Before I do, is there anything else I can help with? "
                "Thanks for calling, take care.")],
            recording_notice=M, identity_before_account_details=V, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, long_silence=M, closing=M),
        scripted("hz-fin-04", "finance", [
            (a, "Thanks for calling Corrie Card Services. I'm Raj, and all our calls are recorded in case "
                "we need to check anything later."),
            (u, "Hiya. I've had a letter saying my account's been passed to your recoveries team, and to "
                "be honest the letter was really threatening, it upset me."),
            (a, "I'm sorry the letter upset you, that's not how we want anyone to feel, I'll pass that "
                "feedback on. I'll need to confirm who I'm talking to first. Can you give me your name, "
                "date of birth and postcode?"),
            (u, "Tariq Mahmood, first of January nineteen ninety-two, M twenty, two P Q."),
            (a, "Thank you, Tariq. Before we talk about the balance, I have to tell you that we're acting "
                "as a debt collector here. We're trying to recover a debt, and anything you tell me may "
                "be used to help collect it. The outstanding balance is five hundred and twelve pounds."),
            (u, "I lost my job in the summer and I've been living off my savings. I honestly can't pay "
                "that in one go."),
            (a, "Well, the full amount is due now. If you can't pay all of it, how much can you pay "
                "today?"),
            (u, "I suppose I could do fifty."),
            (a, "Okay. I'm going to put you through to our automated line, so please tap the long number "
                "on your card into your phone keypad. I won't be able to see or hear it.", 9.0),
            (u, "Right, that's done."),
            (a, "Fifty pounds received, thank you. Is there anything else for today? All the best, "
                "goodbye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=NA,
            hardship_support=V, long_silence=M, closing=M),
    ]


def _healthcare() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hz-hc-00", "healthcare", [
            (a, "Cedar Road Pharmacy, Fiona speaking. This line is recorded, just so you're aware."),
            (u, "Hi Fiona, I'm ringing to check whether my repeat prescription has come through from the "
                "surgery."),
            (a, "I'll have a look for you. Can I have the patient's full name and date of birth?"),
            (u, "Yes, it's Eleanor Briggs, twelfth of February nineteen fifty-seven."),
            (a, "Thank you. Yes, the prescription for your blood pressure tablets arrived this morning, "
                "but the pharmacist wants a quick word about the new dose before it goes out."),
            (u, "Okay. Could she give me a ring when she's free? I'm out at the moment."),
            (a, "Of course. Shall she use the mobile we have on your record, the one ending two seven "
                "eight?"),
            (u, "Yes, that's the one."),
            (a, "Lovely, she'll call you on that within the hour. Anything else I can help with?"),
            (u, "No, that's all."),
            (a, "Thanks for calling, Eleanor, bye now.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M),
        scripted("hz-hc-01", "healthcare", [
            (a, "Elmfield Physio, hi."),
            (u, "Hi, it's Connor Doyle. I had my knee assessment on Tuesday and I wanted to know what the "
                "physio wrote up."),
            (a, "Yep, I can see it. She's noted a partial tear of the medial ligament and she wants you "
                "doing the strengthening exercises twice a day."),
            (u, "Right. Can she call me back to go over the exercises? My number's oh seven seven double "
                "oh, nine double oh, one two three."),
            (a, "Yeah, I'll pass that on and she'll ring you on that number."),
            (u, "Great, cheers."),
            (a, "No worries.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=NA, closing=V, long_silence=M),
        scripted("hz-hc-02", "healthcare", [
            (a, "Good afternoon, Cedar Road Pharmacy. Please be aware that calls to the pharmacy are "
                "recorded. It's Kwame here."),
            (u, "Hello. I'm calling because my mum passed away on Sunday, and she had a prescription "
                "waiting to be collected. I don't really know what to do with it."),
            (a, "Okay. What was her name?"),
            (u, "Margaret Ellis."),
            (a, "And her date of birth and address?"),
            (u, "Ninth of September nineteen thirty-eight, seven Orchard Close."),
            (a, "Right, I've got her. It was her morphine patches and her warfarin. I can read you "
                "everything else on her medication history too if you want, she's been with us twelve "
                "years."),
            (u, "No, that's fine. I'm actually a bit annoyed, nobody told us the patches had been changed "
                "last month and she was in a lot of pain."),
            (a, "I'm sorry the change wasn't explained to you, that shouldn't have happened. I'll raise it "
                "with our pharmacist manager so it's looked into properly."),
            (a, "You don't need to do anything with the prescription, we'll cancel it. Is there anything "
                "else I can help with today?"),
            (u, "No."),
            (a, "Okay, goodbye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=M, bereavement=V, closing=M, long_silence=M),
        scripted("hz-hc-03", "healthcare", [
            (a, "Hello, Elmfield Physiotherapy Clinic, this is Dan, how can I help?"),
            (u, "Hi Dan. I'm after my next appointment for my shoulder. And the last one started forty "
                "minutes late, which was pretty frustrating when I'd taken time off work."),
            (a, "Okay, let me bring up the diary. Can I have your name and your date of birth?"),
            (u, "Aisha Rahman, fifth of May, nineteen ninety-nine."),
            (a, "Bear with me, the system's really slow today.", 28.0),
            (a, "Thanks for holding. Oh, and I should mention this call's being recorded. Right, Aisha, "
                "your notes say the rotator cuff is healing well and you're down for six more sessions."),
            (u, "Great. Is Thursday morning possible?"),
            (a, "Thursday at nine fifteen with Gemma. You'll get a text to confirm. Anything else? Thanks "
                "for ringing, bye.")],
            recording_notice=V, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=V, bereavement=NA, closing=M, long_silence=V),
    ]


def _service() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hz-svc-00", "service", [
            (a, "Hi, thanks for ringing Ripple Mobile, you're through to Kerry. What can I do for you?"),
            (u, "Hi Kerry. I'd like to leave, please. My contract ended last month and I've found a "
                "cheaper SIM-only deal somewhere else."),
            (a, "Ah, sorry to hear you're thinking of going. Can I ask what they're charging? We might "
                "well be able to beat it, and I can knock a few pounds off your bill if you stay."),
            (u, "They're doing thirty gig for ten pounds."),
            (a, "Okay, I can do forty gig for nine pounds a month on a twelve-month plan. Would that work "
                "for you?"),
            (u, "Actually, yeah, go on then."),
            (a, "Brilliant, I'll switch you over now, it'll start on your next bill. Is there anything "
                "else I can help you with?"),
            (u, "No, that's great, thanks."),
            (a, "You're welcome. Have a lovely evening.")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("hz-svc-01", "service", [
            (a, "Volt Energy customer services."),
            (u, "Yes, I've had a bill for nine hundred pounds for one quarter, which can't possibly be "
                "right, it's normally about two hundred. I'm absolutely livid."),
            (a, "Oh no, I can completely see why you're upset, that's a huge jump. Let's get to the "
                "bottom of it. Could I take your account number?"),
            (u, "V E six six zero three one four."),
            (a, "Thanks. It looks like the bill was worked out from an estimated reading, not a real one."),
            (u, "Well I sent a reading in! I want to talk to someone in charge, this keeps happening."),
            (a, "If you give me a fresh meter reading now, I'll reissue the bill today."),
            (u, "Fine. It's four five two eight one."),
            (a, "Thanks, that brings it down to one hundred and ninety-six pounds. Is there anything else "
                "I can do for you today? Thanks for calling Volt.")],
            greeting=V, agent_name=V, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=V,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("hz-svc-02", "service", [
            (a, "Good morning, Ripple Mobile, Declan speaking."),
            (u, "Morning. I want to cancel my broadband add-on, I'm moving in with my partner and she's "
                "already got broadband."),
            (a, "Okay, no problem. Let me just get that cancelled for you.", 23.0),
            (a, "Right, that's been cancelled from the end of this month, you'll get an email confirming "
                "it. Anything else today?"),
            (u, "No, that's it."),
            (a, "Thanks for calling Ripple, and good luck with the move.")],
            greeting=M, agent_name=M, cancellation_save=V, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=V, agent_monologue=M, closing=M),
        scripted("hz-svc-03", "service", [
            (a, "Good afternoon, you're through to Volt Energy, my name's Oluwaseun."),
            (u, "Hi. I want to know why my direct debit's gone up from sixty to a hundred and twenty "
                "pounds."),
            (a, _MONOLOGUE),
            (u, "That's a lot to take in, and I'm still not happy about it doubling. Can I speak to a "
                "manager?"),
            (a, "Of course, I'm sorry it's come as such a shock. I'll put you through to my team leader "
                "now, she can look at spreading the cost for you."),
            (a, "Putting you through now.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=V, closing=V),
    ]


def heldout4_calls() -> list[ScriptedCall]:
    """Thirteen unseen calls (5 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *_healthcare(), *_service()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"hz-caller-{k}"
    return calls
