"""The nineteenth held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the sixteenth set's layout; the packs, the matcher,
the language code and the other sets were not read, and no scorer, benchmark or engine was run on
these calls while they were written. New organisations: a Pittsburgh steelworkers' credit union's
auto-loan desk, a Cape Town bank's card division, a Baltimore savings bank's loan servicing, a
Newfoundland credit union's collections line, a Birmingham (England) GP surgery, an Adelaide
dermatology clinic, an Edinburgh physiotherapy practice, an Accra family clinic, a Sheffield fibre
broadband firm, a Boston gym, a Wellington courier and a Kingston (Jamaica) appliance-repair service.
The voices are Pittsburghese, South African English, Baltimore, Newfoundland English, Brummie, South
Australian, Edinburgh Scots, Ghanaian English, South Yorkshire, Boston, New Zealand English and
Jamaican English: a laid-off laundry worker two car-loan payments behind who wants to pay a little
by debit card, a motorist charged twice for the same tank of petrol, a son whose father's home
improvement loan fell into arrears after his death, a retiree settling an overdue credit card, a
pensioner ringing for her diabetes blood test, a woman whose skin-biopsy follow-up was cancelled
twice, a woman billed for physio sessions she missed while her brother was dying, a man whose blood
pressure prescription went to the wrong branch, a pensioner leaving his broadband over the price, a
gym member moving out of town, a man whose boots were "card left" three times, and a woman whose
fridge repairer never turned up.

Agents put the scripts in their own words; callers use their own idiom. Six of the twelve calls are
compliant; the others have three or four violations each. Every rule of the pack is labelled in every
call, by what the call *means*, as a compliance officer would read it:
- a recording notice given once the caller has talked for over half a minute is late (violated);
  one never given is violated;
- identity is verified when the agent confirms the caller matched the record or passed security, or
  the caller answers a security question; account details (transactions, available credit, arrears)
  read out before that violate the ordering rule, and the same holds for health information given
  before two identifiers (the name counts as one);
- a debt in arrears needs the mini-Miranda within a minute; a relative of a dead borrower still
  hears it, and being told they are not personally liable is a statement of fact, not a promise;
- a card keyed on the keypad after the secure script is compliant, and saying the last four digits
  or a confirmation number is not a read-back; asking the caller to read the card out violates the
  payment script, and saying the whole number back violates the read-back rule;
- "it will definitely be back by Friday, I'll make sure of it" is an outcome promise; "I can't
  promise what they'll decide" is not, nor is a pause on collections the agent sets up there and then;
- redundancy and not being able to keep up with the bills is hardship, met by the hardship scheme
  with a breathing space; "we laid my father to rest" is a bereavement; an attorney handling the
  estate is a legal mention, met when the agent takes the attorney's details and routes contact to him;
- a complaint is met only with an apology and logging (in service: empathy, apology and what happens
  next); "the late fee is in your agreement" and "rosters change" ignore it;
- "someone a bit more senior", "further up the food chain" and "somebody bigger than you" ask for
  escalation; offering the team leader or supervisor meets it, a note for the depot does not;
- a call-back request is met only by confirming the number on file; taking a new number the caller
  offers instead, unverified, violates it;
- "I'm not cancelling the warranty" is no cancellation request (not applicable); a cancellation put
  through with no retention offer violates the retention rule; an offer the caller accepts meets it;
- the whole record read to a patient who asked for one result breaks minimum necessary;
- a closing needs both "anything else?" and thanks or goodbye; "Yup. Take care." is no close;
- "Kia ora" is a greeting; a service agent who never says their name violates agent-name;
- any pause over twenty seconds is a long silence, even if the caller breaks it; waits of twelve to
  sixteen seconds the agent announced are not; one agent turn of about 210 words (about 85 s) is a
  monologue, a retention offer of about 120 words and an explanation of about 120 are not;
- frustration is violated where it visibly rises and is still there at the end, met where the agent
  turned it round, not applicable where the caller is never frustrated (worry, embarrassment and
  grief are not frustration). The hold is measured from SIP signalling, which a script cannot carry,
  so ``long-hold`` is met throughout.

Nothing is to be changed after the first run. The finance calls are here, the healthcare and service
calls in ``guidance_heldout19b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout19b import healthcare19, service19
from ccedge.testing.guidance_script import CARD, NA, M, ScriptedCall, V, scripted

_ESTATE = (  # about 120 words: under a minute of the agent alone
    "That's exactly right, and thank you for telling me. When an attorney is representing the estate, "
    "we deal with him directly from here on. If you can give me his name and office number, I'll put a "
    "note on the account so every letter goes to his office instead of your father's house, and the "
    "bereavement team will put a hold on collections while the estate is being settled. What they'll "
    "need from him is a copy of the death certificate and the paperwork from the court naming the "
    "executor. He'll know what that is. Once that's in, he and the team will sort out how the balance "
    "is handled, and you won't need to call us again yourself."
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h19-fin-00", "finance", [
            (a, "Mon Valley Steelworkers Federal Credit Union, this is Dana. Just so you know, this call "
                "is being recorded. What can I do for you today?"),
            (u, "Hi there. This is Denise Hrabosky, up in Munhall. I got a letter sayin' my car loan's "
                "behind, and I'm kinda embarrassed, but I figured I better call yinz before it gets "
                "any worse n'at."),
            (a, "Nothing to be embarrassed about, you did the right thing. Can you give me your date of "
                "birth and the answer to your security question, your first pet's name?"),
            (u, "March ninth, nineteen seventy-eight. And the dog was Pierogi."),
            (a, "Thanks, Denise, that all matches, you're verified. Because the loan is past due, I'm "
                "required to tell you this is an attempt to collect a debt, and any information "
                "obtained will be used for that purpose. You're two payments behind, that's six "
                "hundred and twelve dollars, and the next one's due on the twentieth."),
            (u, "Yeah. See, the hospital laundry I worked at shut down in August and I been outta work "
                "ever since. The unemployment don't stretch far enough, between the rent and the gas "
                "bill I just can't keep up with everything right now."),
            (a, "I'm really sorry, that's a tough spot, and thank you for telling me. We have a hardship "
                "program for exactly this. What it means is we pause the collection calls and letters "
                "for sixty days, a breathing space, while you and our hardship team work out what you "
                "can actually afford, whether that's smaller payments for a while or moving the missed "
                "ones to the end of the loan. Would you like me to set that up?"),
            (u, "Yeah, that'd be a big help. Will they knock the payments down for sure, though?"),
            (a, "I can't promise what they'll decide, that's up to the hardship team once they've looked "
                "at your income. But I'm starting the sixty-day pause today, so nobody will be calling "
                "you about it while they work on it."),
            (u, "Okay. I do got a little put by. Could I pay like a hunnert dollars today on my debit "
                "card, just so it ain't sittin' there?"),
            (a, "Of course. For your security I'm going to take that through our secure payment line, so "
                "please don't read the card out to me. When you hear the tone, key the long number on "
                "your phone's keypad, then the expiry date, then the three digits on the back. I won't "
                "hear any of it. Ready?"),
            (u, "Okay, I'm punchin' it in now. Okay, that's done."),
            (a, "That went through. One hundred dollars paid with the card ending four four four four, "
                "and your confirmation number is M V, seven three oh one two."),
            (u, "Oh, thank God. Thanks, Dana, yinz have been real decent about this."),
            (a, "You're welcome. The hardship team will phone you within two business days. Is there "
                "anything else I can help you with today?"),
            (u, "Nope, that's everything."),
            (a, "Alright, Denise. Thanks for calling, and take care of yourself. Bye now.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h19-fin-01", "finance", [
            (a, "Good afternoon, Fynbos Bank cards, Sipho speaking, how can I help?"),
            (u, "Afternoon, Sipho. Ag, I'm so annoyed, man. I filled up at the garage in Durbanville on "
                "Saturday and my banking app shows the petrol went off twice, nine hundred and forty "
                "rand, two times. That's almost two thousand rand gone off my card right before month "
                "end. I phoned on Monday and the lady said she'll sort it out just now, and nothing "
                "happened. I want to lay a complaint, honestly, this is not on."),
            (a, "Eish, I'm sorry, ma'am, that's really frustrating, and I'm sorry nobody came back to you "
                "on Monday. I'm logging it as a formal complaint right now. Oh, and before we carry on, "
                "I must let you know this call is recorded. Can I have your name, please?"),
            (u, "Lizelle Pretorius."),
            (a, "Thank you, Mrs Pretorius. Ja, I've got the account up. I can see two transactions at the "
                "Durbanville garage on the fourteenth, nine hundred and forty rand each, and your "
                "available credit is down to three thousand one hundred."),
            (u, "Exactly, that's what I'm telling you. So when do I get it back?"),
            (a, "Sorry, I should have done this first. Can you confirm your date of birth and the name "
                "of your first school?"),
            (u, "Twelfth of February, eighty-seven. Fairmont Primary."),
            (a, "Thanks, you're verified. Don't stress, that second nine hundred and forty will "
                "definitely be back on your card by Friday, I'll make sure of it."),
            (u, "Ja, but that's what the lady said on Monday. Is there maybe someone a bit more senior "
                "there I can chat to? Because I feel like I'm getting the runaround."),
            (a, "Of course, you're entitled to that. I can put you through to my team leader, Mrs "
                "Jacobs, or she can phone you back this afternoon. And here's your complaint reference "
                "so you don't have to explain it all again: F B, two four six one."),
            (u, "Okay, a call from her this afternoon is fine. Thanks, Sipho, at least you're actually "
                "doing something. I feel a bit better now."),
            (a, "Pleasure, and sorry again for the hassle. Is there anything else I can help you with?"),
            (u, "No, that's all, thanks."),
            (a, "Thanks for calling Fynbos Bank, Mrs Pretorius. Cheers, enjoy the rest of your day.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
        scripted("h19-fin-02", "finance", [
            (a, "Patapsco Federal Savings, loan servicing, this is Tanya. Just so you're aware, this call "
                "is recorded. How can I help you?"),
            (u, "Hey, hon. My name's Darnell Whitaker. We laid my father to rest on Saturday, and now "
                "there's letters comin' to his house in Dundalk sayin' his home improvement loan is "
                "past due. I'm just tryin' to figure out what to do with all of it."),
            (a, "Oh, Mr Whitaker, I'm so sorry for your loss. We have a bereavement team for this, and "
                "I'll pass the account to them today. Can I have your father's date of birth and the "
                "address on the loan?"),
            (u, "October third, nineteen forty-four. Seventeen Shipley Avenue, Dundalk."),
            (a, "Thank you, that all matches. I'm required to tell you this is an attempt to collect a "
                "debt, and any information obtained will be used for that purpose. That said, you're "
                "not personally liable for your father's loan, it's a matter for his estate. The "
                "balance is four thousand two hundred and ten dollars, and the March and April "
                "payments were missed."),
            (u, "Okay. See, my brother-in-law, he's an attorney, he's handlin' Pop's estate. He said you "
                "guys oughta be talkin' to him from now on, not sendin' stuff to the house."),
            (a, _ESTATE),
            (u, "His name's Martin Greer, Greer and Associates on Eastern Avenue. The office is four one "
                "oh, five five five, oh one seven three."),
            (a, "Got it, Martin Greer, four one oh, five five five, oh one seven three. Bear with me "
                "while I add that note.", 12.0),
            (a, "Okay, that's on the account, and it's with the bereavement team. Is there anything else "
                "I can help you with today?"),
            (u, "No, that's it. You been real nice, hon. Thanks."),
            (a, "You're very welcome, Mr Whitaker. Again, I'm sorry about your dad. Thanks for calling, "
                "and take care.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=M, bereavement=M, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h19-fin-03", "finance", [
            (a, "Good morning, Narrows Credit Union, collections, my name's Krista. Before we start, "
                "this call is recorded for quality. Who am I speaking with?"),
            (u, "Morning, my love. It's Gerald Walsh, out in Conception Bay South. I got a letter says "
                "my Visa is after going overdue, so I wants to get it paid off today, b'y, and be "
                "done with it."),
            (a, "Okay, Mr Walsh. Can you confirm your date of birth and your mother's maiden name?"),
            (u, "Seventeenth of November, nineteen sixty-three. Her name was Power."),
            (a, "Thank you, you're verified. I have to let you know this is an attempt to collect a "
                "debt and any information obtained will be used for that purpose. The card is "
                "thirty-eight days overdue, the minimum owing is a hundred and fifty-two dollars, and "
                "the full balance is nine hundred and eighty-seven forty."),
            (u, "The full lot. And I'm paying it with me other card, the debit one."),
            (a, "Okay, go ahead and read me the card number, the expiry and the three digits on the "
                "back."),
            (u, "Right. It's " + CARD + ", expiry oh-four twenty-eight, and the back is five three one."),
            (a, "Let me read that back to be sure: " + CARD + ", April twenty-eight. Bear with me.",
             6.0),
            (u, "And while I got you, that's thirty-five dollars late fee on the letter, for being four "
                "days late. That's highway robbery, that is, and I wants it on the record that I'm "
                "some vexed about it."),
            (a, "The late fee is in your cardholder agreement. Payment's gone through, the "
                "confirmation number is N C U, four four eight one nine."),
            (u, "That's it? Nobody's sorry or nothing? I'm right crooked now. I'll be taking my money "
                "down the road come spring, I can tell you that much."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No. That's it."),
            (a, "Okay. Thank you for calling Narrows Credit Union. Bye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=V, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=V),
    ]


def heldout19_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare19(), *service19()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h19-caller-{k}"
    return calls
