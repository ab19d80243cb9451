"""The twelfth held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the eleventh set's layout; the packs, the matcher,
the language code and the other sets were not read, and no scorer was run on these calls while
they were written. New organisations: a Cornish building society, a Minnesota farm-credit lender,
a Singapore card issuer's hotline, a Glasgow debt-collection agency, a Dublin GP surgery, an Oregon
veterans' clinic billing line, a Toronto physiotherapy clinic, a Cape Town medical aid scheme, a
Leeds water company, a Florida pest-control firm, an Auckland mobile network and a Chicago
residential parking-permit desk. The voices are West Cornish, Minnesotan, Singaporean,
Glaswegian, Dublin, Pacific Northwest, Torontonian, South African, West Yorkshire, a Brooklyn
retiree in Boca Raton, Kiwi and South Side Chicago: a fisherman overpaying his mortgage with the
money from his boat, a hailed-out soybean farmer behind on his operating loan, a cardholder on his
third call about a charge he never made, a daughter clearing her late father's catalogue debt, a
wife ringing about her veteran husband's physio bill, a daughter fighting a declined claim for her
late mother's last days in intensive care, agents who put the scripts in their own words, customers
who stay polite while plainly unhappy. Six of the twelve calls are compliant. Every rule of the pack
is labelled in every call, by what the call *means*: a notice that the call "may be recorded" is a
recording notice, one given after the caller's half-minute story is late; overpaying a mortgage
that is up to date is not a debt; "card ending one eight eight one" is not a card number, but the
agent repeating the sixteen digits the caller read out is; arrears read out on the strength of a
name alone come before verification; "they'll approve it, I'd bet the farm on it" is a promise;
"they'll give you a call" is not confirming the number on file; a seventeen-second wait the agent
announced is not a long silence, a thirty-second one is; a curt "Okay, bye" is still a close, but
a reference number and nothing more is not; "Residential permits. Plate number?" is no greeting.
The hold is measured from SIP signalling, which a script cannot carry, so ``long-hold`` is
not applicable throughout; frustration is only labelled where it visibly rises and is not turned
round. Nothing is to be changed after the first run. The finance calls are here, the healthcare
and service calls in ``guidance_heldout12b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout12b import healthcare12, service12
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

MASTERCARD = "5555 5555 5555 4444"  # a public test PAN

_RESTRUCTURE = (  # about 240 words: well over a minute of the agent alone
    "Uff da, I'm sorry, Dale, that's a rough year, and you're not the only one up your way. Okay, so "
    "since cash is tight, there's a hardship option for producers who got hit by weather, and on top of "
    "that you can ask for a breathing-space period, where we hold off on any collection activity while "
    "you get things sorted out. Here's how it'd go. What we'd put together is a restructure. The past-due "
    "amount on the operating line gets rolled over into a term note, paid back over five years instead "
    "of all at once, so the operating line is current again for spring planting. For the loan committee "
    "to look at that, they're gonna want your Schedule F for the last three years, a current balance "
    "sheet, the claim number from the crop insurance once the adjuster's been out, and a cash-flow plan "
    "for next season, even a rough one. Brent at the Fergus Falls branch can sit down with you at the "
    "kitchen table and help put that plan together, he does that all the time. Interest does keep "
    "running on the past-due amount at the note rate while it's under review, I've gotta be straight "
    "with you on that. But while the file's with the committee, there's a ninety-day pause on collections, "
    "no more late charges get added, and nobody's gonna be calling you about it. The committee meets the "
    "second Tuesday of the month, so if Brent has your paperwork by the first of the month, you'd be on "
    "that agenda."
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h12-fin-00", "finance", [
            (a, "Morning, Tamar and Kernow Building Society, Morwenna speaking. Just so you know, all our "
                "calls are recorded. What can I do for you?"),
            (u, "Morning, Morwenna. Dennis Trewin, from out St Just way. I've sold the old boat, see, and I "
                "want to put two thousand pound off the mortgage with it. Can I do that over the phone, or "
                "have I got to come in to Penzance?"),
            (a, "No, you can do it over the phone, my 'ansum, no trouble. First I need to check it's you. "
                "Can I have your date of birth and the postcode of the property?"),
            (u, "Fifth of December, nineteen fifty-eight. T R nineteen, seven P Q."),
            (a, "Lovely, thank you, Dennis, you're through security. So your mortgage balance is eighty-four "
                "thousand two hundred and ten pound, and the next monthly payment is six hundred and "
                "twelve, going out on the first. You can overpay up to ten percent a year without any "
                "charge, so two thousand is fine."),
            (u, "Proper job. And will that bring my monthly down, then?"),
            (a, "I can't promise you that, I'm afraid. As standard an overpayment shortens the term. If "
                "you'd rather have the monthly come down, our mortgage servicing team would have to "
                "recalculate it. I can put the request in for you, but it's their decision."),
            (u, "Go on then, put it in."),
            (a, "Done. And how would you like to pay the two thousand?"),
            (u, "On my debit card, if that's alright."),
            (a, "That's fine. I'm going to put you through to our secure payment line. You'll type the card "
                "number, the expiry date and the three-digit code on the back using your phone's keypad. I "
                "won't hear any of the numbers and they're not recorded, and once it's finished it'll bring "
                "you back to me. Alright?"),
            (u, "Right you are.", 14.0),
            (u, "There, it says the payment's been accepted."),
            (a, "Yes, I can see it's come through. Two thousand pound received, and your confirmation "
                "number is T K, seven three oh five five."),
            (u, "Smashing. I'll write that on the back of the envelope."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No, that's everything, thank you, maid."),
            (a, "Thanks for calling, Dennis. You enjoy the rest of your day, and I hope you don't miss the "
                "boat too much!")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=NA,
            agent_monologue=M, customer_frustration=NA),
        scripted("h12-fin-01", "finance", [
            (a, "Northstar Prairie Farm Credit, this is Kari. Heads up, calls are recorded here. What can I "
                "do for ya?"),
            (u, "Hi there, Kari, Dale Lindqvist, out by Fergus Falls. Well, I got a letter sayin' I'm behind "
                "on the operating loan, and, uh, yeah, I guess I am. Wanted to talk about it before it gets "
                "any worse, ya know."),
            (a, "Oh, sure, Dale, I've got you pulled up right here. Yep, so you're ninety-four days past due "
                "on the operating line, that's the August installment of eleven thousand two hundred, plus "
                "the late charge, so about eleven four sixty all told. Now, I'm required to tell you this "
                "is an attempt to collect a debt, and any information obtained will be used for that "
                "purpose. And, ope, I should've done this first, can I get your date of birth and the last "
                "four of your tax ID?"),
            (u, "Sure. October third, sixty-eight. Last four is two two oh nine."),
            (a, "Thanks, Dale, that all matches. So what's going on?"),
            (u, "Well, here's the deal. We got hailed out in July, lost most of the beans on the north "
                "quarter, and the crop insurance adjuster hasn't even been out yet. Then the combine threw a "
                "rod. We're flat out of cash till the insurance comes through, and I'm not sleepin' real "
                "great over it, to be honest with ya."),
            (a, _RESTRUCTURE),
            (u, "Okay. That's a lot, but okay. Thing is, my brother-in-law keeps tellin' me I oughta get a "
                "lawyer involved before I sign anything with you folks."),
            (a, "That's completely your right, Dale. If you do hire an attorney, just let us know who it is, "
                "and from then on we'll deal with them directly. I'm noting on the account that you've "
                "mentioned legal counsel, so it goes over to our legal liaison like it's supposed to."),
            (u, "Alright. So, between you and me, you think the committee's gonna go for it?"),
            (a, "Oh, for sure, you've been with us twenty-some years, they'll approve it, I'd bet the farm "
                "on it. You're not gonna lose a thing, Dale."),
            (u, "Well, that's a relief, I tell ya."),
            (a, "Anything else I can help you with today?"),
            (u, "Nope, I think that's it."),
            (a, "Okay then, thanks for calling, Dale, and good luck with that adjuster.")],
            recording_notice=M, identity_before_account_details=V, mini_miranda=M, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, legal_mention=M, bereavement=NA, closing=M, long_silence=M, long_hold=NA,
            agent_monologue=V, customer_frustration=NA),
        scripted("h12-fin-02", "finance", [
            (a, "Good evening, Straits Orchid Card Services, Jasmine speaking. Just to let you know, this "
                "call is recorded for quality and training. How can I help you?"),
            (u, "Hello, ya, good evening. Eh, I got one charge on my credit card, three hundred twelve "
                "dollars forty cents, from some online shop I never heard of before. I already call two "
                "times this week, each time they say will call back, then nobody call. Honestly ah, quite "
                "sian already."),
            (a, "Oh dear, I'm really sorry, sir, you shouldn't have to call three times for the same thing. "
                "I'll register it as a complaint about the missed call-backs, so it's on record, and I'll "
                "handle the dispute with you myself now. Before I look at the card, may I have your full "
                "name, the last four characters of your NRIC and your date of birth?"),
            (u, "Lim Boon Keat. NRIC last four is five three two J. Birthday is fourteen February, "
                "nineteen seventy-seven."),
            (a, "Thank you, Mr Lim, you're verified. One moment, let me pull up the transactions.", 14.0),
            (a, "Thanks for waiting. Okay, I can see it, three hundred twelve dollars forty to Nuvola "
                "Trading, on the twenty-eighth of November, on the card ending one eight eight one."),
            (u, "Ya, that one. Actually, can I talk to your supervisor or not? I want somebody more senior "
                "to handle, because the last two times nothing happen."),
            (a, "Sure, that's fair. I can transfer you to my team leader now, or I can file it as a formal "
                "complaint and you'll get a written reply within seven working days. Which would you "
                "prefer?"),
            (u, "Aiyah, no need to transfer lah, you're already here. Just file the formal one, can?"),
            (a, "Can. I've filed it, the reference is D R, six six zero two. For the charge itself, I'll "
                "block this card and send you a new one, and our dispute team will ask the merchant for "
                "proof. I can't tell you now whether the money will come back, that depends on what they "
                "find, but you'll get a letter either way."),
            (u, "Okay lah, at least this time got reference number. Thank you, Jasmine."),
            (a, "You're welcome, Mr Lim. Is there anything else I can help you with tonight?"),
            (u, "No, that's all."),
            (a, "Alright. Thank you for calling Straits Orchid, and have a good night.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=NA,
            agent_monologue=M, customer_frustration=NA),
        scripted("h12-fin-03", "finance", [
            (a, "Kelvinside Collections, Gregor speaking, how can I help?"),
            (u, "Hiya. Em, my name's Fiona McAllister. I'm phoning about my dad, Archie McAllister. He died "
                "at the start of October, and I've been going through his post, and there's a letter from "
                "yous about an account he had with some catalogue. I didn't even know he had it, to be "
                "honest. I'm his executor, so I suppose it's me that has to sort it out now."),
            (a, "Och, I'm sorry to hear about your dad, Fiona, that's a horrible thing to be dealing with. "
                "I'll get him marked as deceased on our system so the letters stop, and the account goes "
                "through our bereavement process. Oh, and I should've said, the call's being recorded. Can "
                "I take his date of birth and the address on the account, and your own full name?"),
            (u, "Eleventh of April, nineteen forty-six. Forty-one Crathie Drive, Partick. And I'm Fiona "
                "Jane McAllister."),
            (a, "That's all fine, thanks. So the account came to us from Brightside Home Shopping. There's "
                "six hundred and forty pound twenty outstanding, and it's been in arrears since August."),
            (u, "Right. I'd rather just clear it, to be honest. I don't want anything else hanging over me. "
                "Can I pay it off now, on my card?"),
            (a, "Aye, no bother. Just read me the long number off the front."),
            (u, f"It's {MASTERCARD}. Expiry's oh nine twenty-eight."),
            (a, f"So that's {MASTERCARD}, expiry September twenty-eight. And the three numbers on the "
                "back?"),
            (u, "Three one seven."),
            (a, "That's six hundred and forty pound twenty gone through. Your reference is K C, four four "
                "two seven."),
            (u, "Right. Okay then.")],
            recording_notice=V, identity_before_account_details=M, mini_miranda=V, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=M, closing=V, long_silence=M, long_hold=NA,
            agent_monologue=M, customer_frustration=NA),
    ]


def heldout12_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare12(), *service12()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h12-caller-{k}"
    return calls
