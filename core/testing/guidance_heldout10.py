"""The tenth held-out set: 12 calls written blind, before any run; never tuned on.

Written by a helper engineer, 2026-12-06, from a summary of the rules (ids, kinds, roles, windows
and messages, no phrases) and the ninth set's layout only; the packs, the matcher and the other
sets were not read, so the wording owes nothing to them. New organisations (a Saskatchewan credit
union, a Glasgow high-street bank, a Georgia medical-debt collector, a Hawke's Bay building
society, a South Florida family practice, a Highland GP practice, a Johannesburg hospital's
accounts office, a St. John's physiotherapy clinic, a Trinidad cable company, an Alabama alarm
company, a Pretoria fibre provider, a Christchurch courier), new names, and the speech of
Canadian, Scottish, US Southern, New Zealand, Caribbean and South African callers and agents:
older callers, carers and widows ringing for someone else, a new agent who loses his place in
the script, old hands who put everything in their own words, customers who stay polite while
plainly unhappy. About half the calls are compliant. Each rule is labelled by what it *means*: a
caller who reads out her own card number is not the agent reading it back; "we're taping the
call" is a recording notice; a disclosure that breaks off before saying what it is was not
given; "a bit strapped" is hardship; "I'll pass your comments on" is not an offer to escalate;
waiving a fee is not a retention offer; "customer care" is not a name; "kia ora" is a greeting;
"okay, sharp" is not a close. Nobody has rendered or scored these calls while writing them;
nothing is to be changed after their first run. The finance calls are here, the healthcare and
service calls in ``guidance_heldout10b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout10b import healthcare10, service10
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

MASTERCARD = "5555 5555 5555 4444"  # a public test PAN
VISA = "4111 1111 1111 1111"  # a public test PAN


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h10-fin-00", "finance", [
            (a, "Prairie Sky Credit Union, good morning, Marie-Claude here. Before we start, I'll mention "
                "this call is being recorded. What can I do for you?"),
            (u, "Morning, dear. It's Walter Hnatiuk. I don't do the computer banking, so I phone. I'd like "
                "to pay my Mastercard bill off before I drive out to my daughter's in Kelowna."),
            (a, "Happy to help with that, Mr Hnatiuk. First I'll need your date of birth and the street "
                "address we'd have for you."),
            (u, "October second, nineteen forty-four. Two-twelve Garnet Street, here in Regina."),
            (a, "Thank you, that all lines up. So the statement came to six hundred twelve dollars and "
                "eighty cents, and it isn't due till the twentieth, so you're in good time."),
            (u, f"That's about what I figured. Now I've got my other bank card right here, it's {VISA}, "
                "and the, uh, the date on it is..."),
            (a, "Oh, I'm going to stop you right there, Mr Hnatiuk, sorry to cut in. Please don't read the "
                "card out, not even to me. We take card payments through a secure keypad line: I'll "
                "transfer you, you punch in the card number, the expiry and the three-digit code from "
                "the back on your phone's buttons, and it brings you straight back to me. I can't hear "
                "or see any of it."),
            (u, "Well, I'll be. My grandson's always after me about that number. All right, put me "
                "through.", 14.0),
            (u, "It gave me a beep and said the payment went through. There was a number, but I didn't "
                "catch it."),
            (a, "I have it here. Six hundred twelve eighty, paid in full, and the confirmation is P S, "
                "seven zero four two. Want me to go through that slowly so you can jot it down?"),
            (u, "Please. P S, seven oh four two. I've got it on the back of an envelope."),
            (a, "Perfect. The Mastercard's at zero now. Was there anything else you needed this morning?"),
            (u, "No, that's the lot. You've been very patient with an old fella."),
            (a, "Not at all. Thanks so much for calling Prairie Sky, Mr Hnatiuk, and safe driving out "
                "to Kelowna.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("h10-fin-01", "finance", [
            (a, "Clydeview Bank, Fraser speaking. We're taping the call, by the way. What's the bother?"),
            (u, "Hello there. My name's Morag Baird. I've been charged twenty-five pounds because my "
                "council tax direct debit bounced, and it only bounced because you put my pension into "
                "the wrong account. I've banked with you for over forty years, and I'll be honest, I'm "
                "not at all happy about it."),
            (a, "Right, Mrs Baird, I've got you up. Current account, three hundred and eight pounds "
                "twelve in it, and aye, there's the twenty-five pound unpaid item fee on the ninth. Can "
                "I take your date of birth and the answer to your memorable question?"),
            (u, "Eleventh of March, nineteen fifty-three. And it's Kirkcaldy."),
            (a, "That's you through security. So the pension. Looks like a change of details got keyed "
                "against your savings account instead of the current one."),
            (u, "Well, I never filled in any change of details. So somebody at your end has made a "
                "mistake, and I'm the one out of pocket. The council have written to me and all, which "
                "I could do without at my age."),
            (a, "Och, these things happen, so they do. Leave it with me. That fee's as good as gone: "
                "you'll have your twenty-five pounds back by Monday, I'll see to it myself, and the "
                "council will be squared away too."),
            (u, "Well, that's something, I suppose. But I'd like to speak to somebody more senior about "
                "this, because it's not the first time the bank's made a hash of my pension."),
            (a, "I'll pass your comments on to the team, Mrs Baird. Now, let me get this fee refund keyed "
                "in.", 23.0),
            (a, "Right, that's it put through. Your reference is C V, four one one eight."),
            (u, "And the council letter?"),
            (a, "I've put a note on the account. Anything else I can do for you today?"),
            (u, "No. No, that'll do."),
            (a, "Thanks for calling Clydeview, Mrs Baird. Cheerio now.")],
            recording_notice=M, identity_before_account_details=V, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=V, escalation_offered=V,
            hardship_support=NA, long_silence=V, closing=M),
        scripted("h10-fin-02", "finance", [
            (a, "Thank you for calling Peachtree Recovery Services, my name is Tyler, and, um, this call, "
                "this call may be monitored and recorded. Um. How can I help you?"),
            (u, "Yes sir, this is Earl Tidwell. I got a letter from y'all about a hospital bill, from when "
                "I had my gallbladder out back in twenty-two. I thought the insurance took care of all "
                "that."),
            (a, "Okay. Okay, let me, um, I need to verify you first. Can I get your date of birth, and the, "
                "uh, the last four of your social?"),
            (u, "July the ninth, fifty-seven. Last four is three three oh eight."),
            (a, "Thank you, Mr Tidwell, you're verified. So, the account is from Middle Georgia Regional, "
                "and the balance we have is one thousand four hundred sixty dollars and fifteen cents. "
                "This is a communication from a, um... sorry, sir, I'm new, I lost my place on the screen "
                "here. Anyway, the balance is past due, and the client is asking for it in full."),
            (u, "Fourteen hundred dollars? Son, I've been on disability since my back surgery. It's a fixed "
                "income, and between the light bill and my prescriptions there's months I don't make it "
                "to the end. I can't come up with fourteen hundred dollars."),
            (a, "I understand, sir. Um, the lowest the client will take today is three hundred dollars to "
                "set up a plan. Would you like to take care of that today with a debit or credit card?"),
            (u, f"Well. I reckon I can put it on my card, if it stops the letters. You ready? It's "
                f"{MASTERCARD}."),
            (a, f"Okay, let me, let me read that back. {MASTERCARD}. And the expiration and the three-digit "
                "code?"),
            (u, "Oh-eight, twenty-eight. Code's seven one two."),
            (a, "Thank you. One moment while I run it.", 11.0),
            (a, "Okay, that went through. Three hundred dollars, and your confirmation number is P R, two "
                "two five nine oh. Then it's, um, a hundred ninety-four a month, starting on the first."),
            (u, "A hundred ninety-four a month. Lord. Well, I'll have to figure that out, I guess."),
            (a, "Yes sir. Is there, um, anything else I can help you with today?"),
            (u, "No, I reckon not."),
            (a, "Alright. Thank you for calling Peachtree Recovery, Mr Tidwell. Have a, have a good day.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=V, long_silence=M, closing=M),
        scripted("h10-fin-03", "finance", [
            (a, "Morning, Kowhai Building Society, Tama speaking. Heads up, our calls are recorded. What "
                "can I do for you?"),
            (u, "Yeah, gidday Tama. Darryl Whaanga. I got a text saying I'm two payments behind on my "
                "personal loan and there's default fees going on. Thought I'd better ring before it gets "
                "any worse."),
            (a, "Good on you for ringing, Darryl. Can you confirm your date of birth and your home "
                "address?"),
            (u, "Fourth of April, eighty-two. Fifteen Tui Crescent, Flaxmere."),
            (a, "Sweet, that's you. Before we go further, I have to let you know this call is about "
                "collecting an overdue debt, and whatever you tell me can be used for that. So the loan's "
                "two payments behind, that's three hundred and eighty-six dollars, plus two default fees "
                "of twenty-five each."),
            (u, "Yeah, nah, fair enough. Thing is, they've cut my hours at the works since the season "
                "finished, so we're a bit strapped at home. And I reckon two lots of fees is a bit rough "
                "when I'm the one ringing you, eh. I'm not happy about that."),
            (a, "That's a tough spot, and I'm sorry about the fees, I can hear that's landed badly. I'll "
                "log what you've said about them as a complaint so it's looked at properly. And with your "
                "hours down, you'd likely qualify for our hardship arrangement: we can pause repayments "
                "for up to three months while we work out what's affordable, and no more default fees go "
                "on in that time. Would that help?"),
            (u, "Yeah, that'd be choice. And could I have a yarn with someone higher up about getting the "
                "two fees taken off?"),
            (a, "Absolutely. I can put you through to my team leader, Mere, or lodge it through our formal "
                "complaints process and she'll ring you back. I'll be straight with you, though: I can't "
                "say the fees will come off. That's her call."),
            (u, "Get her to ring me, eh. I'm on the late shift this week."),
            (a, "Can do. Give me a tick to set up the pause.", 12.0),
            (a, "All done. Repayments are paused from today until the eighteenth of March, and the hardship "
                "form's in your email. Reference K B, five three seven."),
            (u, "Choice. Cheers for that."),
            (a, "Anything else I can sort out for you, Darryl?"),
            (u, "Nah, that's me."),
            (a, "Thanks for calling Kowhai, Darryl. Take care, and I hope the hours pick up soon.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=M, long_silence=M, closing=M),
    ]


def heldout10_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare10(), *service10()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h10-caller-{k}"
    return calls
