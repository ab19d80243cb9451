"""The seventeenth held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the sixteenth set's layout; the packs, the matcher,
the language code and the other sets were not read, and no scorer was run on these calls while they were
written. New organisations: an Auckland mutual's personal-loan line, a Johannesburg funeral insurer's
premium collections, a West Texas auto-title lender, a Cork credit union, a Manila-run US telehealth
line, a Barrie (Ontario) dental office, a Liverpool GP surgery's prescriptions line, a Chicago
hospital's patient financial services, a Cynon Valley water company, a Glasgow broadband firm, a Phoenix
pool-service company and a Dublin airline's baggage desk. The voices are Pasifika Auckland English,
Johannesburg English, West Texan, Cork, a Filipino agent with a Toledo caller, Ontario, Scouse, Chicago,
Valleys Welsh English, Glaswegian, Arizonan and Dublin: a freezing-works hand whose shifts were cut and
who is two loan repayments behind, a man whose funeral-policy debit order was run on the wrong date and
bounced, a rig hand whose pickup the repo man came for while he was out on a hitch, a daughter settling
her late father's shares as executor, a woman waiting on her A1c, a patient billed for a snowstorm
no-show who also asks about a crown, a mother stuck forty minutes in the surgery queue for her inhalers,
a widow trying to find out what her husband's hospital stay still costs, a mother whose tap water has
run brown for three days, a woman moving in with her boyfriend who gives up her broadband, a homeowner
skipping one pool visit, and a father four days in Lanzarote without his bag. Agents put the scripts in
their own words. Five of the twelve calls are compliant. Every rule of the pack is labelled in every
call, by what the call *means*, as a careful compliance officer would: "living week to week since the
freezing works cut my shifts" is hardship; "this call is about collecting a debt, and anything you tell
me can be used for that" is the mini-Miranda in other words; "I can't promise what the hardship team
will decide" and "I can't say whether the bank charges come back" are not promises, "underwriting has to
sign off, but I promise you it'll get approved" is; premiums in arrears on a funeral policy are a debt,
and no disclosure is given; arrears read to a caller who has only given his name come before
verification; a recording notice given after the caller's first complaint, nearly fifty seconds in, is
late, and one never given is violated; the card keyed on the keypad after the secure-payment script is
met, and "the card ending four four four four" and a receipt number are not a card read back; a card
read out by the caller and repeated by the agent is both a card taken without the script and a
read-back; a lawyer at legal aid answered with the legal-contact procedure is met; "we buried him on
Tuesday, God rest him" is a bereavement and "I'm very sorry for your trouble" the condolence, "Walt
passed in August" answered only with "Okay" is not; "he had no loans with us" makes no debt, and the
agent's own "your solicitor" is no lawyer mention by the caller; a caller describing her own medication
before she is verified is not the agent discussing health information; name and date of birth, or date
of birth and address, are two identifiers; a whole admission's diagnoses read to a widow who asked what
is owed is more than she needs; "we'll give you a shout" does not confirm the number on file; "cancel
this Thursday's visit" is not a cancellation of the service, "I'm wantin' shot o' the broadband" is, and
putting it straight through skips the retention offer; an agent name first given about fifty seconds in
is late; "who do I have to talk to above you" and "anyone there with a bit more clout than yourself" ask
for escalation; announced waits of ten to seventeen seconds are not long silences, any pause over twenty
seconds is; an agent turn of 185 to 200 words (over a minute) is a monologue; "Grand so, mind yourself
now, bye bye" is no close without asking whether there is anything else, while "Ta-ra, love" after
asking it is. The hold is measured from SIP signalling, which a script cannot carry, so ``long-hold`` is
met throughout; frustration is violated where it visibly rises and is still there at the end, met where
the agent turned it round, not applicable where the caller is never frustrated. Nothing is to be changed
after the first run. The finance calls are here, the healthcare and service calls in
``guidance_heldout17b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout17b import healthcare17, service17
from ccedge.testing.guidance_script import CARD, NA, M, ScriptedCall, V, scripted

_PROBATE = (  # about 185 words: well over a minute of the agent alone
    "So what happens now is, there's two parts to it. First there's the death benefit, which is an "
    "insurance the credit union has on members' shares, and depending on his age when he joined and on "
    "the claim being assessed, there may be a payment on top of the shares themselves. For that we'd "
    "need the original death certificate, or a certified copy, and a claim form that I'll post out to "
    "you today. Then there's the shares. If he'd filled in a nomination form with "
    "us, the nominated person can get up to a certain amount paid out without probate, and I'll check "
    "that for you and put it in the letter. Anything above that, or if there's no nomination, we'd need "
    "the grant of probate, and as executor that would be your job to get, usually through your solicitor. "
    "Once we have the papers, you'd bring them into us on the Lee Road with your own photo ID and proof "
    "of address, and we'd make the payment to the estate account. It normally takes a couple of weeks "
    "from when we have everything in."
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h17-fin-00", "finance", [
            (a, "Kia ora, you've reached Waitematā Mutual personal lending, it's Aroha speaking. Just "
                "letting you know our calls are recorded. How can I help?"),
            (u, "Kia ora, Aroha. It's Dean Tupou here, from Ōtāhuhu. I got a text saying my loan's in "
                "arrears, eh, and I want to sort something out before it gets any worse."),
            (a, "No worries, Dean, let's get you sorted. First up I need to check it's really you. Can "
                "you give me your date of birth, and the answer to your security question, your mum's "
                "maiden name?"),
            (u, "Fourteenth of February, eighty-six. And it's Fifita."),
            (a, "Cheers, that's you through security. Now, because the loan's behind, I'm required to tell "
                "you that this call is about collecting a debt, and anything you tell me can be used for "
                "that purpose. You've missed two weekly repayments of a hundred and twelve dollars, so "
                "there's two hundred and twenty-four overdue."),
            (u, "Yeah. Look, the freezing works cut my shifts back to three days a week, and with the "
                "kids and the rent going up, we're living week to week at the moment. I just can't "
                "stretch to the full amount."),
            (a, "Thanks for telling me, Dean, that sounds really tough. We've got a hardship process for "
                "exactly this. I can put a thirty-day hold on the account while you apply, so no further "
                "collection action happens in that time, and the hardship team can look at lowering the "
                "repayments or pausing them for a bit. Shall I take you through the application now?"),
            (u, "Yeah, go on then. Will they say yes, though?"),
            (a, "I can't promise what they'll decide, that's up to the hardship team once they've seen "
                "your income and outgoings. But I'll put the application in today, and they'll ring you "
                "within five working days. Give me a sec to set the hold up.", 12.0),
            (a, "Done. The hold's on until the twelfth of next month, and you'll get a text confirming "
                "it. Is there anything else I can help you with today?"),
            (u, "Nah, that's choice. Thanks heaps, Aroha."),
            (a, "Thanks for calling, Dean, and look after yourself. Ka kite.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h17-fin-01", "finance", [
            (a, "Good afternoon, Highveld Life and Funeral, collections, Thandeka speaking. How can I "
                "help?"),
            (u, "Hello, Thandeka. My name is Sipho Nkosi. I got an SMS saying my funeral policy is going "
                "to lapse. What's going on?"),
            (a, "Yes, Mr Nkosi, I have your policy here. The last two premiums came back unpaid, so the "
                "policy is two months in arrears, four hundred and eighty rand, that's two at two "
                "hundred and forty."),
            (u, "Unpaid? The debit order is supposed to go off on the twenty-fifth, that's my payday. You "
                "people ran it on the fifteenth, and now my bank has charged me for the bounced debits "
                "also. This is not right, hey. I'm not happy at all."),
            (a, "Okay, let me just say, this call is being recorded. And I need to verify you quickly. "
                "What's your date of birth, and the cellphone number on the policy?"),
            (u, "Third of March, eighty-eight. The cellphone is the one ending five five one."),
            (a, "Thank you, you're verified. And you're right, Mr Nkosi, I'm sorry. The debit date was "
                "moved on our side when we changed systems in January. I'm logging it as a complaint now, "
                "reference H L, four five nine, and I'm putting your debit date back to the twenty-fifth."),
            (u, "And the bank charges? Is there someone there who can actually make a decision about "
                "that?"),
            (a, "Yes. I can refer it to my team leader, Mr Pillay, and he'll phone you back tomorrow, or "
                "it can go to our complaints team under that same reference. I can't say whether the "
                "bank charges come back, that's for them to decide."),
            (u, "Let Mr Pillay phone me. But can I pay the arrears now, so the policy doesn't lapse?"),
            (a, "Yes. For your security I'm transferring you to our secure payment line, so I won't hear "
                "or see your card details. When you hear the prompt, please type your card number on "
                "your phone's keypad, then the expiry date and the three-digit code on the back, followed "
                "by the hash key."),
            (u, "Okay, I'm typing. Okay, done, it says approved."),
            (a, "Yes, I can see it. Four hundred and eighty rand from the card ending four four four four, "
                "and your receipt number is R C, seven seven one two. The policy is up to date."),
            (u, "Okay, sharp. Thank you, Thandeka, at least it's sorted now."),
            (a, "It's a pleasure. Is there anything else I can help you with?"),
            (u, "No, that's all."),
            (a, "Thank you for calling Highveld Life, Mr Nkosi. Enjoy your evening.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=V, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
        scripted("h17-fin-02", "finance", [
            (a, "Big Country Title Loans, this is Brandi, and this call is recorded for quality. How can I "
                "help you?"),
            (u, "Hey, Brandi, this is Ray Delgado, over in Odessa. Some fella showed up at my house last "
                "night sayin' he's fixin' to tow my truck 'cause I'm behind on the title loan. I was out "
                "on a hitch in the Permian for three weeks and plumb forgot the due date. I'm fit to be "
                "tied."),
            (a, "Oh, I'm sorry, that'd scare anybody. Let's get you verified first. What's your date of "
                "birth, and the last four of the VIN on the truck?"),
            (u, "July the ninth, seventy-nine. VIN ends in three three eight one."),
            (a, "Thank you, sir, you're verified. Since this is about a past-due balance, I do need to "
                "let you know this is an attempt to collect a debt, and any information obtained will be "
                "used for that purpose. You're one payment behind, three sixty-five, plus a fifteen-dollar "
                "late fee."),
            (u, "Well, I talked to a lawyer down at the legal aid office this mornin', and she says y'all "
                "can't just come take it off my property in the middle of the night like that."),
            (a, "Understood, sir. Since you've mentioned an attorney, I have to follow our legal-contact "
                "procedure. Can I get her name and number, so our legal department can contact her "
                "directly? I'm putting a note on the account, and I'll let the recovery company know "
                "the account is under review."),
            (u, "Her name's Dolores Garza, at the legal aid office on Grant Avenue. Now can I just pay "
                "this today and be done with it?"),
            (a, "Sure can. Go ahead and read me the card number, the expiration and the code on the "
                "back."),
            (u, "Okay. It's " + CARD + ", expires eleven twenty-seven, and the code's three oh nine."),
            (a, "Alright, I've got " + CARD + ", eleven twenty-seven. Running three eighty now. Okay, "
                "that's approved."),
            (u, "Good. And I'm goin' back out on another hitch, so I'd like to push the next payment two "
                "weeks so it lines up with my payday."),
            (a, "Underwriting has to sign off on extensions, but don't you worry, I promise you it'll get "
                "approved. Consider it done."),
            (u, "Well, alright then. I appreciate you, Brandi. That's a load off."),
            (a, "Anything else I can help you with today, Mr Delgado?"),
            (u, "No, ma'am, that's it."),
            (a, "Thank you for calling Big Country, and you drive safe out there.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=M, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
        scripted("h17-fin-03", "finance", [
            (a, "Good morning, Shandon Community Credit Union, Siobhán speaking. This call is recorded "
                "for training purposes. How can I help you?"),
            (u, "Morning, girl. I'm ringing about my father's account, Con Murphy. We buried him on "
                "Tuesday, God rest him, and I'm the executor, so I'd need to know what to do with his "
                "shares, like."),
            (a, "Ah, I'm very sorry for your trouble. I'll help you with that, and we've a bereavement "
                "process for members' families that I'll take you through. First I'd need to confirm a "
                "few details. Could you give me your father's member number, his date of birth and the "
                "address on the account?"),
            (u, "His member number is four two seven seven. Born the fifth of May, nineteen forty, and "
                "it's eleven Fair Hill, Blackpool."),
            (a, "Thanks, that's all matching, so you're through security. Would you bear with me one "
                "second till I pull up his file.", 25.0),
            (a, "Right, so. His share account has eight thousand four hundred and ten euro in it, and he "
                "had no loans with us, so that's the full amount."),
            (u, "Grand. And what happens now, so?"),
            (a, _PROBATE),
            (u, "Grand, that's very clear. Thanks a million."),
            (a, "Not at all. Grand so, mind yourself now, bye bye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=M, closing=V, long_silence=V, long_hold=M,
            agent_monologue=V, customer_frustration=NA),
    ]


def heldout17_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare17(), *service17()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h17-caller-{k}"
    return calls
