"""The ninth held-out set: 12 calls written blind, before any run; studied for packs 2026.12.11.

Written by a helper engineer, 2026-12-06, from a summary of the rules (ids, kinds, roles, windows
and messages, no phrases) and the eighth set's layout only; the packs, the matcher and the other
sets were not read, so the wording owes nothing to them. New organisations (an Arizona car-loan
collector, a Welsh high-street bank's cards desk, a US personal-loan servicer answered from an
offshore centre, a Queensland mutual bank, an English GP surgery, a US health plan's member line,
an Irish hospital's outpatients desk, a Sydney dermatology clinic, a UK broadband provider, a
Texas mobile carrier, an online furniture shop, a Victorian energy retailer), new names, and the
speech of US, UK, Irish, Australian and Indian-English call centres: false starts, self-repairs,
terse agents and chatty ones, complaints made sideways, disclosures put in the agent's own words
(or mangled, or left out). About half the calls are compliant. Each rule is labelled by what it
*means*: a collections desk naming itself is not the debt disclosure; a customer paying her own
statement early is not a debt being collected; a long receipt number read back is not a card
number; "do I pay something today?" with no card taken needs no payment script; a retention offer
that is turned down still counts; a name without a hello is not a greeting; "mind yourself" is
not a close. Nobody has rendered or scored these calls while writing them; nothing is to be
changed after their first run. The finance calls are here, the healthcare and service calls in
``guidance_heldout9b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout9b import healthcare9, service9
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

VISA = "4012 8888 8888 1881"  # a public test PAN


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h9-fin-00", "finance", [
            (a, "Sunbelt Auto Finance, this is Luis. Quick heads up, we record our calls here, quality and "
                "all that. Who've I got on the line?"),
            (u, "Hi, um, yeah, it's Kendra Whitlock. I got a letter, well, two letters actually, saying I'm "
                "behind on the car, and I wanted to, I dunno, see what I can do."),
            (a, "Sure thing, Kendra, I'm glad you called. First I gotta make sure it's really you. What's "
                "your date of birth, and the last four of your social?"),
            (u, "May third, ninety-one. And, uh, eight two two six."),
            (a, "Great, that matches, thanks. Okay, one thing I'm required to say up front: we're a debt "
                "collection company, this call is us trying to collect that debt, and anything you tell "
                "me today can be used for that. Alright? So on the Camry you've missed two payments, "
                "that's seven eighteen behind, and there's about ninety-four hundred left on the loan."),
            (u, "Yeah. So, here's the thing. I had the baby in August, and I'm on unpaid leave till "
                "January, and my partner's, um, he's only getting part-time shifts right now. So I, I "
                "can't do seven hundred. Some weeks I can barely do groceries, honestly."),
            (a, "Well, congratulations on the baby, first off. And okay, that's exactly the kind of thing "
                "our hardship program is there for. They look at what's coming in and what's going out, "
                "and set a payment you can actually live with while you're on leave. And while that's "
                "being looked at, I can put a thirty-day hold on the account, so no calls from us and "
                "no late fees in that time."),
            (u, "Wait, for real? No fees?"),
            (a, "Not for those thirty days, no. Now, I can't tell you what the new payment's gonna be, or "
                "even that the plan gets approved, the hardship team makes that call once they see your "
                "numbers. But I'll get you the form today."),
            (u, "Okay. Okay, that's, um, that's way better than I thought this was gonna go. Do I need to "
                "pay something today, or..."),
            (a, "Nope, not today. Let's get the form in first. You want it by email or text?"),
            (u, "Email's fine. Same one you've got."),
            (a, "Alright, bear with me one sec, I'm putting the hold on.", 10.0),
            (a, "Okay, the hold runs through December twenty-ninth, and the form's in your inbox. Your case "
                "number's H A, six one one four, if you need to call back."),
            (u, "Got it. Thank you, seriously."),
            (a, "Of course. Anything else I can help with while I've got you?"),
            (u, "No, I think that's it."),
            (a, "Thanks for calling in, Kendra. Enjoy that little one.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, long_silence=M, closing=M),
        scripted("h9-fin-01", "finance", [
            (a, "Morning, Ashgrove cards, Kieran speaking."),
            (u, "Oh, hello. Yes. Um, it's about a payment that's come out twice, at a petrol station. And, "
                "well, this is the third time I've rung about it. Every time I'm told it's being looked "
                "into, and I'm beginning to wonder if anybody's actually looking."),
            (a, "Okay. Name, date of birth and postcode, please."),
            (u, "Gwen Pritchard. Fourteenth of June, nineteen fifty-eight. C F, fourteen, three R T."),
            (a, "Thanks. Let me just bring up the transactions.", 25.0),
            (a, "Right, yeah, I can see them. Eighty-six pounds forty, twice, at the garage on Cowbridge "
                "Road, on the third. Both showing as settled."),
            (u, "So that's nearly a month I've been waiting on my own money. It's, honestly, it's just "
                "not on."),
            (a, "What it is, the first dispute got closed because the garage never replied, so it needs "
                "raising again."),
            (u, "Closed? Well, nobody told me that, did they."),
            (a, "Don't you worry, you'll get the eighty-six forty back, no question about it. It'll be back "
                "on your card by Friday, I'll make sure of that myself."),
            (u, "Friday. Right. I'll believe it when I see it."),
            (a, "It's raised now. New reference is A G, three three nine, oh four."),
            (u, "And will somebody actually write to me this time?"),
            (a, "Should do, yeah. Okay, that's all done there. Bye now.")],
            recording_notice=V, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=V, escalation_offered=NA,
            hardship_support=NA, long_silence=V, closing=V),
        scripted("h9-fin-02", "finance", [
            (a, "Thank you for calling Meridian Consumer Lending, my name is Arjun, and this call is "
                "recorded for quality and training purposes. May I know your name and loan number, please?"),
            (u, "Yeah, it's Ray Delgado. Loan number, uh, hang on. M L, four four oh two, seven one nine."),
            (a, "Thank you, Mr Delgado, I have the account here. So the loan is ninety-four days past due, "
                "the past-due amount is one thousand one hundred forty-six dollars, and with the late "
                "charges the total balance is now eight thousand nine hundred twelve dollars. I am "
                "calling, sorry, you are speaking with the recoveries department regarding this overdue."),
            (u, "Yeah. I know it's behind. That's kind of why I'm calling."),
            (a, "Okay. Just for verification, can you please confirm the last four digits of your social "
                "and your date of birth?"),
            (u, "Six six oh one. February nineteenth, nineteen eighty."),
            (a, "Thank you, that is verified."),
            (u, "So look. I got laid off from the hospital back in February, my unemployment ran out last "
                "month, and I'm behind on pretty much everything. Rent, the truck, all of it. I can't do "
                "eleven hundred. I just, I can't."),
            (a, "I understand, sir, but the full past-due amount is required to bring the account current, "
                "otherwise it will move to the next stage. How much can you pay today?"),
            (u, "I don't know, man. Two hundred? Maybe?"),
            (a, "Okay, two hundred dollars. Please tell me the card number."),
            (u, f"It's a debit card. {VISA}."),
            (a, f"Let me just repeat it, {VISA}. The expiry date and the CVV, please?"),
            (u, "Ten twenty-seven. And four four two."),
            (a, "Okay sir, kindly hold while I process it.", 9.0),
            (a, "The payment of two hundred dollars is successful. Your confirmation number is P Y, eight "
                "eight one three."),
            (u, "Okay. And what happens with the rest of it?"),
            (a, "The remaining past due needs to be paid by the next due date, which is the fifteenth."),
            (u, "Right. Sure."),
            (a, "Is there anything more I may help you with today, sir?"),
            (u, "No."),
            (a, "Thank you for calling Meridian Consumer Lending. Have a nice day.")],
            recording_notice=M, identity_before_account_details=V, mini_miranda=V, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=V, long_silence=M, closing=M),
        scripted("h9-fin-03", "finance", [
            (a, "Good afternoon, Coral Coast Mutual, Jess speaking. Just so you know, calls are recorded. "
                "What can I do for you?"),
            (u, "G'day Jess. Look, I've been trying to pay my credit card in the app since Tuesday, and it "
                "just spins and spins and then chucks me out. Then I've sat on hold forty minutes to get "
                "to you. It's, ah, not real flash, to be honest."),
            (a, "Oh, forty minutes, I'm sorry, that's a long wait. And sorry about the app, there's been a "
                "fault with card payments in it this week. I'll log a complaint for you so it's on record. "
                "Can I grab your full name and date of birth?"),
            (u, "Graham Leckie. Twenty-first of the eleventh, sixty-four."),
            (a, "Thanks Graham, you're verified. So your statement balance is two thousand and forty "
                "dollars fifty, and it's not due till the eighteenth, so you're well ahead. Did you want "
                "to clear the lot?"),
            (u, "Yeah, the lot. I'm off to Bali Saturday and I don't want to be mucking about with it from "
                "over there."),
            (a, "Fair enough. For your security I don't take card details myself. I'll pop you through to "
                "our secure payment line, and you key in the card number, the expiry and the three digits "
                "off the back on your phone's keypad. I can't see or hear any of it, and you'll come "
                "straight back to me after. That alright?"),
            (u, "Yep, go on then.", 12.0),
            (u, "Right, it said payment approved, and a reference, something or other."),
            (a, "Yep, got it here. Two thousand and forty dollars fifty, off the debit card ending six six "
                "one nine, and the receipt number is four four eight one, two zero zero seven, three one "
                "nine."),
            (u, "Good. And look, about the app. I'd honestly like to have a word with someone higher up, "
                "'cause this isn't the first time. Same thing happened last year."),
            (a, "Yeah, absolutely. My team leader's Marco. He's tied up in a meeting just now, but I can "
                "book him to ring you this arvo, or tomorrow morning, whichever suits."),
            (u, "This arvo's good. After three."),
            (a, "Done, after three today. I should say, I can't promise the app will be fixed before you "
                "fly out, but Marco will have the latest on it for you."),
            (u, "Fair enough."),
            (a, "Was there anything else I can help with, Graham?"),
            (u, "Nah, that's it. Cheers, Jess."),
            (a, "No worries. Thanks for calling, and have a great time in Bali.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, long_silence=M, closing=M),
    ]


def heldout9_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare9(), *service9()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h9-caller-{k}"
    return calls
