"""The eleventh held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the tenth set's layout; the packs, the matcher,
the language code and the other sets were not read, and no scorer was run on these calls while
they were written. New organisations: a County Wexford credit union, a Texas auto lender, an
Ontario insurer's premium-finance desk, a Welsh housing association's rent line, a Salford dental
practice, an Arizona pharmacy benefits line, a Queensland pathology lab, a Nairobi hospital's
patient-accounts desk, a Maritime Canadian telecom, a US streaming service, a Tyneside energy
supplier and a Perth gym chain. The voices are Irish, East Texan, Northern Ontario, South Wales
Valleys, Mancunian, Arizonan, Queensland, Kenyan, Cape Breton and Acadian, Midwestern, Geordie and
Western Australian: a widow sorting out her late husband's account, a son settling his late
mother's hospital bill, a daughter ringing for her father, a laid-off refinery hand, a young mother
in rent arrears, agents who put the scripts in their own words, customers who stay polite while
plainly unhappy. Six of the twelve calls are compliant. Every rule of the pack is labelled in
every call, by what the call *means*: a recording notice given after half a minute is late; a
caller who reads out her own card number is not the agent reading one back, but the agent
reading the whole number off his screen is; "we'll give you a bell" is not confirming the number on
file; "there's no point, they'd tell you the same" does not offer escalation; a hold the agent
announced is a hold, not a silence; cancelling on the spot is not a retention attempt; "Kerry
here" is a name but "Tynebridge Energy, account number?" is no greeting; "righto, see ya" is not
a close. Nothing is to be changed after the first run. The finance calls are here, the
healthcare and service calls in ``guidance_heldout11b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout11b import healthcare11, service11
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

VISA = "4012 8888 8888 1881"  # a public test PAN
MASTERCARD = "5555 5555 5555 4444"  # a public test PAN

_DEFERRAL = (  # about 250 words: well over a minute of the agent alone
    "Okay. Well, first off, I'm real sorry to hear about the layoff, Mr Delgado, that's a tough spot, "
    "and I want you to know we do have a hardship program for folks going through exactly this, so let "
    "me walk you through how it works, 'cause there's a few moving parts. What we'd do is a deferral. "
    "We take the two payments you missed and move them to the back end of the loan, so the loan runs "
    "two months longer, and your account comes current today. On top of that, because you've lost "
    "income, you can ask for up to sixty days where you don't make a payment at all, and we don't "
    "charge late fees during that time, and we don't report it as late to the credit bureaus. Now, "
    "interest does keep adding up during the deferral, I've got to be upfront about that, so what you "
    "pay over the life of the loan goes up a little bit. To set it up, I'll email you a short hardship "
    "form, and we'll need something showing the layoff, like the letter from the plant or your "
    "unemployment claim, plus your last bank statement. Once that's in, it goes over to our hardship "
    "team, and they get back to you in about five business days. And in the meantime, while it's "
    "under review, there's a hold on any repossession activity on the truck, so you don't need to be "
    "looking out the window every morning."
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h11-fin-00", "finance", [
            (a, "Good afternoon, Slaney Valley Credit Union, Ciarán speaking. Just so you know, calls are "
                "recorded here. How can I help?"),
            (u, "Hello, Ciarán. Sorry, I'm, em... I'm ringing about my husband's account. Séamus Kinsella. "
                "He passed away on the fourteenth, and I don't rightly know what I'm meant to do with any "
                "of it."),
            (a, "Ah, Mrs Kinsella, I'm so sorry for your loss. Take all the time you need, there's no rush "
                "at all on our end. We've a process for when a member dies and I'll walk you through it. "
                "Would it be alright if I asked you a couple of security questions first?"),
            (u, "Of course. Go ahead."),
            (a, "Could you give me Séamus's date of birth, and then your own date of birth and your "
                "address?"),
            (u, "His was the second of June, nineteen fifty. Mine's the thirtieth of November, fifty-two. "
                "And we're at Number Four, Ashfield Lawn, Enniscorthy."),
            (a, "Thank you, that all matches, and I can see you're down as his nominee, so I can go through "
                "it with you. His share account has four thousand three hundred and eighteen euro in it, "
                "and he'd no loan with us."),
            (u, "Well, that's something anyway. He was always very careful with money. Someone at the "
                "funeral said there's some kind of insurance payment from the credit union as well?"),
            (a, "There is, yeah, there's a death benefit on the account, and I'll start the claim today. "
                "I'll be honest with you, though, I can't tell you for certain it'll be paid, or how much; "
                "that's for the insurer to decide once they've seen the paperwork. What they'll want is "
                "the death certificate, or the interim one if that's all you have, and a copy of the "
                "funeral bill."),
            (u, "The undertaker gave me an invoice, I have that. The cert I'd have to get."),
            (a, "No bother. When you have them, drop them into the office on Main Street and ask for "
                "Gráinne. She looks after all our bereavement cases, and she'll sort out releasing the "
                "share balance to you as nominee. I'll put a note on the file now so she's expecting you."),
            (u, "Grand. Gráinne. I'll write that down. Thanks a million, you've been very kind."),
            (a, "Not at all. Is there anything else I can do for you today, Mrs Kinsella?"),
            (u, "No, no, that's everything, I think."),
            (a, "Alright so. Thanks for ringing us, and again, I'm very sorry about Séamus. Mind yourself.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=M, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
        scripted("h11-fin-01", "finance", [
            (a, "Brazos Auto Finance, this is Cody, how can I help ya?"),
            (u, "Hey Cody. Ray Delgado. I'm callin' 'cause I'm two payments behind on my truck, the "
                "F-150, and I got a letter Tuesday sayin' it could get repossessed. Wanted to see what I "
                "can do before it comes to that."),
            (a, "Alright, Mr Delgado, let's see what we can do. I'll need your date of birth and the last "
                "four of your social first."),
            (u, "March twenty-first, seventy-nine. Last four's six one four oh."),
            (a, "Thank you, sir, that checks out, you're verified. Oh, and I should've said up front, this "
                "call's being recorded. And since we're talkin' about a past-due balance, I'm required to "
                "tell you this is an attempt to collect a debt, and any information you give me will be "
                "used for that purpose. So, you're sixty-one days past due, seven hundred eighty-four "
                "dollars, plus two late fees of thirty-nine each."),
            (u, "Yeah. That's about right. Thing is, the plant over in Port Arthur laid off half our shift "
                "in August, and my wife's only part time at the school. We're just barely keepin' the "
                "lights on. I can maybe do three-fifty today, but not the whole thing."),
            (a, _DEFERRAL),
            (u, "Okay. I appreciate that. One more thing, and I don't mean nothin' by it, but I talked to a "
                "lawyer at legal aid, and she said if y'all go and repo the truck while we're workin' this "
                "out, she'd take it to court. I'm just tellin' you what she said."),
            (a, "Aw, nobody wants to go to court, Mr Delgado. Let's not worry about lawyers, let's just get "
                "you caught up. Can we go ahead and take that three-fifty today?"),
            (u, "Yeah, let's do that. I got my debit card right here."),
            (a, "Great. So I'm gonna send you over to our secure payment line. You'll key in the card "
                "number, the expiration and the security code on your phone's keypad. The numbers never "
                "come through to me, and they're not on the recording. When it's done, it drops you right "
                "back to me. Sound good?"),
            (u, "Sure thing.", 13.0),
            (u, "Okay, it said approved."),
            (a, f"Yep, I see it. Three hundred fifty dollars on the Visa, {VISA}. And that deferral, I'm "
                "gonna get it approved for you today, it's a done deal, so that truck's not goin' "
                "anywhere."),
            (u, "Well, that's a load off. Thank you, Cody."),
            (a, "You bet. Anything else I can do for you today?"),
            (u, "No sir, that's it."),
            (a, "Alright, thanks for calling Brazos, Mr Delgado. Y'all take care now.")],
            recording_notice=V, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=V, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, legal_mention=V, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=V, customer_frustration=M),
        scripted("h11-fin-02", "finance", [
            (a, "Good morning, Georgian Bay Mutual, premium finance, Priya speaking. Just a heads-up that "
                "this call is recorded for quality. How can I help you today?"),
            (u, "Hi Priya. Yeah, it's Gord Lafleur calling from Sudbury. So, my car and home insurance is "
                "on your monthly plan, eh, and the letter you sent in September said my payments were a "
                "hundred forty-two ten. Then on the first you took a hundred fifty-eight forty out of my "
                "chequing. Nobody called me, nobody said nothing. That's not okay, you know?"),
            (a, "I'm really sorry, Mr Lafleur, that's not how it should go, and I get why you're annoyed. "
                "I'm going to log this as a complaint so it's on record and gets looked at properly. Before "
                "I open up your plan, can I get your policy number and your date of birth?"),
            (u, "Policy's G B, seven seven one, four oh nine. Birthday is August fifth, sixty-six."),
            (a, "Thanks, you're all verified. Okay, so I can see it. The September letter had a hundred "
                "forty-two ten, but the home policy renewed on the fifteenth at a higher premium, so the "
                "instalment went up to a hundred fifty-eight forty. The renewal notice should have flagged "
                "that, and it doesn't look like it did."),
            (u, "Yeah, it did not. Look, no offence to you, but I'd like to talk to a manager about this. "
                "It's the principle of the thing."),
            (a, "None taken, that's completely fair. I can transfer you to my supervisor, Dale, right now, "
                "or I can send it in through our formal complaints process and you'd get a written "
                "response within ten business days. Which would you prefer?"),
            (u, "Put it through the formal complaint, I guess. I want it in writing. And will I get the "
                "sixteen bucks back?"),
            (a, "I can't promise that, honestly. The complaints team reviews it and they decide on any "
                "refund. What I can tell you is it's logged, reference C P, four four eight one, with "
                "today's date on it."),
            (u, "Okay. Fair enough. And the other thing, I'd just as soon pay off what's left on the plan "
                "today and be done with monthly, eh. I've got the Mastercard here."),
            (a, "Sure, the payoff is six hundred twelve dollars and thirty cents. For card payments I'll "
                "move you onto our secure payment line, where you enter the card number, the expiry and "
                "the three-digit code on your phone keypad. I don't hear the numbers and they aren't "
                "recorded. Once it's done you'll be back with me. Ready?"),
            (u, "Ready.", 12.0),
            (u, "Okay, it beeped and said the payment was accepted."),
            (a, "Perfect, I see it here. Six hundred twelve thirty, paid, and the plan's closed out. Your "
                "confirmation is P F, two zero nine one."),
            (u, "Great. Thanks, Priya. Sorry if I was a bit short with you at the start there."),
            (a, "Oh, you were totally fine. Is there anything else I can help with today?"),
            (u, "Nope, that's it."),
            (a, "Thanks for calling Georgian Bay Mutual, Mr Lafleur. Have a good one.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
        scripted("h11-fin-03", "finance", [
            (a, "Bryn Hafren Housing, rents, Rhys speaking. Calls are recorded for training, just so you "
                "know. What can I do for you?"),
            (u, "Hiya, Rhys. It's Carys Jenkins, I'm in one of your flats up on Heol y Nant, number nine. "
                "I've had a letter about my rent, and I'm worried sick, to be honest with you."),
            (a, "Oh yeah, I've got you here, Heol y Nant. Right, so you're six hundred and forty pounds in "
                "arrears as of Monday, that's just over five weeks, and the letter's the warning before a "
                "notice of seeking possession."),
            (u, "Six hundred and forty? Oh my God. It's the Universal Credit, see. They stopped my housing "
                "element when I changed jobs, and I've been waiting eight weeks for them to sort it. I've "
                "got nothing left at the end of the month, I'm borrowing off my mam for the gas as it is."),
            (a, "Okay. Can I just take your date of birth, for security?"),
            (u, "Twelfth of the fourth, ninety-one."),
            (a, "Lovely, ta, that's you through security. Right, with the Universal Credit delay, I can put "
                "your account on hold for sixty days, so nothing more happens on the letter while the "
                "housing element gets sorted, and I'll refer you to our money advice team. They'll help "
                "with the claim and do a budget with you. There's the Breathing Space scheme as well, "
                "through a debt adviser, if you want the formal protection."),
            (u, "That would help, yeah. Honestly though, Rhys, I'm not happy paying full rent for that flat "
                "at all. The damp in the back bedroom's been reported four times since February, there's "
                "black mould up the wall, and my little one's chest is bad with it. Nobody's been out "
                "once."),
            (a, "That's repairs, that is, not rents. You'd have to ring them on the other number. Anyway, "
                "do you want to pay something towards the arrears today?"),
            (u, f"I suppose. I can do fifty quid. Do you want the card? It's {MASTERCARD}, expiry oh-nine "
                "twenty-seven."),
            (a, "And the three numbers on the back?"),
            (u, "Three four one."),
            (a, "Ta. Fifty pounds, that's gone through. Bear with me now, I'm going to pop you on hold while "
                "I check with my team leader about setting up the hold on the account."),
            (u, "Go on then.", 155.0),
            (a, "Right, sorry about that. That's the hold on, sixty days."),
            (u, "I've been sat here nearly three minutes, Rhys. I've got to fetch my daughter from school. "
                "And I'm still no further on with the damp. It's like banging my head against a brick wall "
                "with you lot, honestly."),
            (a, "Money advice will ring you in the week. Right, that's all done then. Ta-ra.")],
            recording_notice=M, identity_before_account_details=V, mini_miranda=V, payment_script=V,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=V, escalation_offered=NA,
            hardship_support=M, legal_mention=NA, bereavement=NA, closing=V, long_silence=M, long_hold=V,
            agent_monologue=M, customer_frustration=V),
    ]


def heldout11_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare11(), *service11()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h11-caller-{k}"
    return calls
