"""The sixth held-out set: 14 calls written blind, before any run; studied for packs 2026.12.9.

Written by a helper engineer, 2026-12-06, without reading the packs' phrase lists or the
matcher (only the rules' ids, kinds, timings and a summary of what each rule means), so that the
wording owes nothing to it. New organisations (a high-street bank's cards team, a US debt-recovery
agency, a personal-loan lender with a non-native agent, a US credit union, a UK debt purchaser, a
paediatric practice, a hospital's outpatient line, a health plan, a GP practice, a hospice, a gym,
a parcel courier, a mobile carrier, an energy supplier's home services), new names, and wording as
agents and customers speak on the phone, UK and US: chatty, terse, non-native, rambling, with
interruptions. Compliant calls and violations of every labelled rule; each rule of the pack is
labelled by what it *means* (was a debt being collected, or was a customer paying down a balance
that is up to date? was a reference number or the card's last four read out, or the whole card
number? was "the delivery was cancelled" a request to cancel? -- it was not), not by whether some
phrase was said. Nobody has rendered or scored these calls while writing them; nothing is to be
changed after their first run. The finance calls are here, the healthcare and service calls in
``guidance_heldout6b``.
Scored once unseen with packs 2026.12.8 (clean and both voices), then studied for packs
2026.12.9 (their misses fixed for general causes), so this set is *seen* since then.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout6b import healthcare6, service6
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

MC = "5555 5555 5555 4444"  # a public test PAN


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h6-fin-00", "finance", [
            (a, "Good morning, Bramblewood Bank cards team, it's Hollie. Before anything else, just so "
                "you're aware, everything we say on this line is kept on record, so we've both got a copy of "
                "what's agreed."),
            (u, "Oh, that's fine, dear. I'm ringing about my credit card. I've had a bit of luck on my "
                "premium bonds, would you believe, and I wanted to do something sensible with it for once."),
            (a, "Ooh, lovely! Right, I'll just get you through security first. Can I take your full name and "
                "the postcode on the account?"),
            (u, "Winifred Ashby, and it's L S six, two Q W."),
            (a, "Thank you. And the second and fourth characters of your memorable word?"),
            (u, "Ooh, hang on... an R and a B."),
            (a, "Perfect, that's you verified, Winifred. So the balance on the card is one thousand one "
                "hundred and forty pounds sixty, and the minimum's not due till the twenty-second, so "
                "you're all up to date."),
            (u, "Right, well, I'd like to pay five hundred off it today, from my debit card, if I can."),
            (a, "Of course. Now, for your security I won't take the card from you myself. I'll put you "
                "through to our automated line, and it'll ask you to key the long number from the front of "
                "your card into your phone, then the expiry and the three digits from the back. I can't "
                "hear the tones, and it'll bring you straight back to me after. Is that alright?"),
            (u, "Yes, go on, I've got my glasses on now.", 9.0),
            (u, "It's said thank you, payment received."),
            (a, "Brilliant, I've got it here, five hundred pounds. Your reference for that is P B, seven "
                "seven four, oh two nine, one three, if you want to jot it down."),
            (u, "P B seven seven four oh two nine one three. Lovely. Will that stop them lowering my limit? "
                "Only my neighbour said they'd done it to her."),
            (a, "I can't tell you for certain what the credit team decide about limits, that's reviewed "
                "separately, but paying the balance down certainly won't count against you."),
            (u, "That's fair enough."),
            (a, "Is there anything more I can sort out for you today?"),
            (u, "No, I don't think so, you've been very patient with me."),
            (a, "Not at all, it's been a pleasure. Thanks for calling, Winifred, and enjoy the rest of that "
                "luck.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("h6-fin-01", "finance", [
            (a, "Ironbridge Recovery, this is Kyle, call's recorded. Who am I speaking with?"),
            (u, "This is Tamika Burrell. Y'all left me a message about some Harlow Furniture account?"),
            (a, "Yes ma'am. Date of birth and the last four of your social?"),
            (u, "March twelfth, eighty-seven. Four four zero six."),
            (a, "Thank you, you're verified. Before we go any further I have to tell you, I'm a debt "
                "collector, I'm trying to collect a debt, and whatever you tell me can be used for that. "
                "The Harlow account's got a balance of eighteen hundred forty dollars, charged off in "
                "January."),
            (u, "Okay, see, I've been on disability since my stroke. I get eleven hundred a month and after "
                "rent there's nothing left. I can't do no eighteen hundred."),
            (a, "I understand, but I can settle it today for nine hundred if you pay it all now. What card "
                "you using?"),
            (u, "Nine hundred? Did you hear what I just said? Can I talk to your supervisor?"),
            (a, "My supervisor's gonna tell you the same thing, ma'am, there's no point. That nine hundred's "
                "only good today."),
            (u, "I'm talking to a lawyer about all this, you know."),
            (a, "That's your right. So what can you put on it today?"),
            (u, "Fine. I'll put fifty on it."),
            (a, "Okay, fifty. Go ahead and read me the card number."),
            (u, f"{MC}."),
            (a, f"That's {MC}. Expiration and the CVV?"),
            (u, "Ten twenty-eight, and one two three."),
            (a, "Fifty dollars went through. Anything else today?"),
            (u, "No."),
            (a, "Alright. Thanks for the payment, have a good one.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=V,
            hardship_support=V, long_silence=M, closing=M),
        scripted("h6-fin-02", "finance", [
            (a, "Good afternoon, Halyard Loans, my name is Dariusz, how I can help you today?"),
            (u, "Aye, afternoon. It's Fergus Mackie. I've been charged a late payment fee twice this month "
                "and I never paid late, the direct debit went out on the first like it always does. I'm no' "
                "happy about it."),
            (a, "Oh, sorry to hear this, Mister Mackie, let me look. Yes, I see here your loan, the balance "
                "is three thousand two hundred and ten pounds, and there is two fees of twelve pounds, on "
                "the second and on the fifth."),
            (a, "Ah, sorry, first I must ask also, your date of birth and first line of address, for the "
                "security."),
            (u, "Ninth of April, seventy-five. Fourteen Balgray Road."),
            (a, "Thank you. So, I am very sorry for this, really, I think it is not your mistake. The direct "
                "debit came on the first, I see it, so the fees should not be there. I log this as a "
                "complaint, the reference is C, four, four, eight, two, and the team will look at it."),
            (u, "So will I get the twenty-four quid back?"),
            (a, "Yes, yes, for sure you get it back, one hundred percent, I promise you. It will be on your "
                "account by Friday, no problem."),
            (u, "Right. And while I've got you, what would it cost to clear the loan altogether?"),
            (a, "The settlement, yes. One moment, I must ask the calculation from my colleague, it takes "
                "small time.", 30.0),
            (a, "Okay, sorry, I am back. To pay everything today it is three thousand one hundred and "
                "sixty-four pounds, and this figure is valid twenty-eight days."),
            (u, "Grand. I'll have a think about it."),
            (a, "Okay. So this is all from my side. You need something else today?"),
            (u, "No, that's me."),
            (a, "Okay, thank you very much for your call, Mister Mackie, have a nice evening.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=M, escalation_offered=NA,
            hardship_support=NA, long_silence=V, closing=M),
        scripted("h6-fin-03", "finance", [
            (a, "Bluestem Federal Credit Union, this is Renee, and just a heads-up, this line's monitored "
                "and recorded. What can I do for you?"),
            (u, "Hi Renee, yeah, I got a notice in the mail saying my truck loan's past due, and there's a "
                "late fee on there too."),
            (a, "Okay, let's take a look. Can I get your member number and the last four of your social?"),
            (u, "Member number's two two eight one nine five, and the last four is six six one zero."),
            (a, "Thank you, Dale, you're verified. So yep, the October payment of four hundred twelve "
                "dollars didn't come in, so you're twenty-eight days past due, and there's a twenty-five "
                "dollar late charge. We'll want to get that caught up today if we can."),
            (u, "Twenty-five bucks? Come on. I've been a member since ninety-eight, never missed a payment "
                "once, and nobody even called me, you just slap a fee on it. That's pretty lousy, honestly."),
            (a, "The late charge is in your loan agreement. It gets assessed automatically on day fifteen."),
            (u, "Well, the reason it's late is they cut my hours at the plant. I'm down to twenty-four a "
                "week and it's been real tight."),
            (a, "Okay, that does change things. We have a hardship option: I can do a skip-a-pay on October "
                "and move it to the end of the loan, and we can look at a lower payment for the next three "
                "months. The lower payment has to go to our lending team, and I can't promise they'll "
                "approve it, but the skip-a-pay I can do right now."),
            (u, "Yeah, let's do the skip. And I'll pay the twenty-five today, I don't want it hanging over "
                "me."),
            (a, "Sure. I'll transfer you into our secure phone payment system. It'll ask you to enter your "
                "debit card number using your keypad, then the expiration and the security code. I can't "
                "see or hear what you enter, and it'll bring you back to me when it's done."),
            (u, "Okay.", 8.0),
            (u, "Alright, it says payment successful."),
            (a, "Got it, twenty-five dollars posted, and the skip-a-pay's on there. Your next payment's due "
                "November twentieth."),
            (u, "Okay."),
            (a, "Okay, you're all set."),
            (u, "Alright then.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=V, escalation_offered=NA,
            hardship_support=M, long_silence=M, closing=V),
        scripted("h6-fin-04", "finance", [
            (a, "Hello there, you're through to Wrenfield Credit Management, my name's Bryony. Sorry, bear "
                "with me, it's been one of those mornings, the phones have been going non-stop since eight "
                "and I've not even had a chance to grab a tea. Anyway, how can I help?"),
            (u, "Yeah, hi, you lot keep ringing me. Five, six times a day, at work, at home, it's doing my "
                "head in. It's harassment is what it is."),
            (a, "Oh gosh, I'm really sorry, that's far too many, it shouldn't be happening. I'll log that as "
                "a complaint right now and put a restriction on so you only hear from us by letter. Can I "
                "take your name and date of birth so I can find you?"),
            (u, "Jamal Hussain. Twenty-first of November, ninety-two."),
            (a, "And the first line of your address, Jamal?"),
            (u, "Forty Holloway Crescent."),
            (a, "Lovely, thanks. Oh, and I should've said right at the start, sorry, calls are recorded. "
                "I also have to make you aware we're a debt collection agency, this is an attempt to "
                "recover what's owed, and anything you tell me will be used for that. So the account we "
                "bought from Fluxa Mobile is -"),
            (u, "I know what it is. The phone bill. Look, I want to speak to your manager about the calls."),
            (a, "Course. I can get my team leader, Steph, to ring you back today, or I can give you our "
                "complaints address and email, whichever you'd prefer."),
            (u, "Get her to ring me. And what's the balance? I'll pay the lot now, just to get shot of it."),
            (a, "It's three hundred and eighty-six pounds. I'll pass you to our secure payment line; it'll "
                "ask you to key the card number in on your phone, then the expiry and the security code. I "
                "don't hear the numbers, and it comes back to me after."),
            (u, "Yeah, go on.", 9.0),
            (u, "Done. It says it's gone through."),
            (a, "Yes, I can see three hundred and eighty-six pounds from the card ending four four four "
                "four, so that account's now cleared in full."),
            (u, "Good."),
            (a, "Steph'll ring you before five. Anything else I can help with?"),
            (u, "No."),
            (a, "Thanks, Jamal, and sorry again about all the calls. Bye now.")],
            recording_notice=V, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, long_silence=M, closing=M),
    ]


def heldout6_calls() -> list[ScriptedCall]:
    """Fourteen unseen calls (5 finance, 5 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare6(), *service6()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h6-caller-{k}"
    return calls
