"""The sixteenth held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the thirteenth set's layout; the packs, the matcher,
the language code and the other sets were not read, and no scorer was run on these calls while they
were written. New organisations: a Barbados credit union, a Kuala Lumpur bank's personal-loan line, a
Savannah store-card issuer, an Aberdeen building society, a Kochi hospital pharmacy, a Hobart physio
and imaging clinic, a Maine orthopaedic practice's billing office, a Suva private hospital's
appointments desk, a Tyneside boiler-cover firm, a Bronx grocery-delivery service, a Montreal
furniture shop's delivery desk and a Lusaka satellite-TV provider. The voices are Bajan, Malaysian
English, coastal Georgian, Doric, Malayali-inflected Indian English, Tasmanian, Down East Maine,
Fijian English, Geordie, the Bronx, Montreal anglophone and Zambian English: a widow whose husband's
pension still goes into their joint account, a market-stall baker whose stall was shut by road works
and who is two loan instalments behind, a retired welder paying a late store-card balance, an
offshore worker whose mortgage overpayment went to the wrong place, a son collecting his mother's
thyroid tablets, a tradesman ringing about his shoulder MRI, a woman billed in full for a knee scope
she was told was authorised, a daughter whose late father still gets appointment reminders, a
pensioner moving into his daughter's all-electric house, a customer whose groceries came late and
broken for the third time, a man moving a sofa delivery and a subscriber a week without signal. Agents
put the scripts in their own words; customers stay polite while plainly unhappy. Six of the twelve
calls are compliant. Every rule of the pack is labelled in every call, by what the call *means*:
"went home to the Lord" is a bereavement; a loan's arrears read to a caller who has only given her
name come before verification; "no customers, no income, even my rent also I cannot pay" is hardship,
and "the minimum still must pay" ignores it; "read me the long number" is a card taken without the
keypad script, and the agent saying the number back is a read-back; "that late fee's comin' off, I
guarantee it" is a promise; "no need to get lawyers into it" brushes a lawyer off; "I'll get
Bronwyn to ring you" is not confirming the number on file; the whole record read to a man who asked
about his shoulder is more than he needs; a recording notice given over a minute in, after the claim,
is late; a fifteen-second wait the agent announced is not a long silence, any pause over twenty seconds
is; "No worries. Hooroo." and "Okay, bye." are no close; "Grand Concourse Grocer delivery. Order
number?" is no greeting; "the one who is above you" and "someone higher up" ask for escalation. The
hold is measured from SIP signalling, which a script cannot carry, so ``long-hold`` is met
throughout; frustration is violated where it visibly rises and is still there at the end, met where
the agent turned it round, not applicable where the caller is never frustrated. Nothing is to be
changed after the first run. The finance calls are here, the healthcare and service calls in
``guidance_heldout16b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout16b import healthcare16, service16
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

MASTERCARD = "5555 5555 5555 4444"  # a public test PAN


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h16-fin-00", "finance", [
            (a, "Good morning, Coralstone Credit Union, Keisha speaking. This line is recorded for "
                "training and for your protection. How can I help you this morning?"),
            (u, "Morning, darling. My name is Olive Greaves. My husband Desmond went home to the Lord "
                "three weeks now, and I don't know what to do about our joint account. His pension "
                "still coming in every month, and I don't want no trouble over it."),
            (a, "Oh, Mrs Greaves, I'm so sorry about Mr Greaves. Please accept my condolences. We have "
                "a bereavement team for just this, and I'll take you through what they'll need. First, "
                "so I can open the account, could you give me your date of birth and the answer to "
                "your security question, your first school?"),
            (u, "Twenty-third of October, nineteen fifty-two. And the school was Wesley Hall Infants."),
            (a, "Thank you, Mrs Greaves, that's you verified. The joint savings account has fourteen "
                "thousand two hundred and sixty dollars in it, and I can see two pension payments "
                "from the NIS came in after the date you've told me, six hundred and ten each."),
            (u, "Yes, that's what I worried about. I ain't touch that money, you know."),
            (a, "That's alright, nobody's saying you did. The bereavement team will arrange for those "
                "two payments to go back to the NIS, and they'll take Desmond's name off so the "
                "account is in your name alone. All they need is a certified copy of the death "
                "certificate. You can bring it into the Speightstown branch or post it to us."),
            (u, "I could take it in Thursday when my son come over."),
            (a, "That's perfect. I'll put a note on the account today, so the branch will be expecting "
                "you. Is there anything else I can do for you, Mrs Greaves?"),
            (u, "No, child, you been a real help. Thank you."),
            (a, "You're very welcome. Thank you for calling, and take good care of yourself.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=M, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h16-fin-01", "finance", [
            (a, "Hello, good morning, Bank Seri Pantai personal loans, Hafiz speaking. This call is "
                "recorded, yah. How can I help?"),
            (u, "Morning, encik. My name is Nurul Aina binti Rosli. I got an SMS saying my personal "
                "loan is overdue, and I want to know how much exactly."),
            (a, "Nurul Aina, okay, I see you already. Your loan is two instalments overdue, outstanding "
                "is one thousand three hundred eighty ringgit, plus late charges of forty-six."),
            (u, "Aiyo. Encik, the council closed the road where my kuih stall is, three months already. "
                "No customers, no income. Even my rent also I cannot pay now. What can I do?"),
            (a, "Understand, but the minimum still must pay by the fifteenth. If not, the file will go "
                "to our recovery agency. For security, can I have your IC number?"),
            (u, "Nine one oh two one four, one oh, five five two eight. But encik, I'm telling you I "
                "have no money. Is there nothing the bank can do?"),
            (a, "The minimum is six hundred ninety. You can pay by online banking or at any branch."),
            (u, "I'm asking for help and you only tell me pay, pay, pay. This is very stressful lah. "
                "Nobody listening."),
            (a, "The system cannot change the due date, Cik Nurul. You must pay by the fifteenth."),
            (u, "Ya lah. Forget it. I'll try and find somewhere. Really disappointed, you know."),
            (a, "Anything else I can help you with today?"),
            (u, "No. Nothing."),
            (a, "Okay, thank you for calling Bank Seri Pantai. Goodbye.")],
            recording_notice=M, identity_before_account_details=V, mini_miranda=V, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=V, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=V),
        scripted("h16-fin-02", "finance", [
            (a, "Thank you for calling Live Oak Home and Garden card services, this is Tamika. Just so "
                "you know, this call is recorded. Who do I have the pleasure of speaking with?"),
            (u, "Afternoon, Tamika. This is Earl Dasher, over in Pooler. I got a letter sayin' my "
                "store card's behind, and I wanna get it squared away today. The autopay got switched "
                "off when I changed banks and I never noticed."),
            (a, "I can help with that, Mr Dasher. Can I get the last four of your social and your "
                "date of birth?"),
            (u, "Last four's six two oh eight. Birthday's the third of April, nineteen fifty-five."),
            (a, "Thank you, you're verified. Since the account is past due, I have to tell you this is "
                "an attempt to collect a debt, and any information we get will be used for that. The "
                "past-due amount is two hundred eighteen, and that includes a thirty-nine dollar late "
                "fee. Total balance is eleven hundred and four."),
            (u, "Alright. I'll pay the two eighteen. And my attorney, he's doin' my will right now, "
                "he said I oughta have y'all send me everything on this card in writin' before I pay "
                "anything else on it."),
            (a, "Oh, there's no need to get lawyers into it, sir, it's just a store card. Go ahead and "
                "read me the long number on the card you want to use."),
            (u, "Okay. It's a Mastercard, " + MASTERCARD + ", expires oh-nine twenty-nine, and the "
                "three on the back are eight four two."),
            (a, "Let me read that back: " + MASTERCARD + ", nine twenty-nine. Okay, two hundred "
                "eighteen went through, your confirmation number is L O, five five oh one."),
            (u, "Good. Any chance that late fee comes off? I've been with y'all twenty years."),
            (a, "Oh, that late fee's comin' off, I guarantee it, a twenty-year customer. You'll see "
                "the thirty-nine back on your next statement."),
            (u, "Well, I appreciate that."),
            (a, "Is there anything else I can do for you today, Mr Dasher?"),
            (u, "No ma'am, that's it."),
            (a, "Thank you for calling Live Oak, and you have a blessed afternoon.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=V, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h16-fin-03", "finance", [
            (a, "Good afternoon, Granite City Building Society, mortgages, you're speaking to Fiona. "
                "Calls are recorded and may be monitored. What can I do for you?"),
            (u, "Aye, afternoon, Fiona. Callum Duthie. I'm just back fae a three-week trip offshore and "
                "there's a letter sayin' my mortgage payment's due as normal. I paid five thousand pound "
                "aff it in October. I'm fair scunnered, this is the second time I've phoned aboot it, "
                "and I want it on record that it's nae good enough."),
            (a, "I'm sorry, Mr Duthie, you shouldn't have had to phone twice. Let me get you through "
                "security and I'll look at it properly. Can I have your date of birth and the first "
                "line of your address?"),
            (u, "Eleventh of June, eighty-four. Seven Cairnfield Crescent, Bucksburn."),
            (a, "Thank you, that's you verified. Give me a moment to find the October payment.", 14.0),
            (a, "Thanks for waiting. I can see the five thousand came in on the sixth of October, but "
                "it went in as advance monthly payments instead of reducing the balance. That's our "
                "error, and I'm sorry. I'm logging it as a formal complaint now, reference G C, "
                "eight one two seven."),
            (u, "Right. And is there someone higher up I could spik tae? I've been messed aboot."),
            (a, "Of course. I can ask my team leader, Mr Robertson, to call you back today, or your "
                "complaint goes to our complaints team, who reply in writing. If you're not happy "
                "with their answer, you can take it to the Financial Ombudsman."),
            (u, "The team leader phonin' me's fine. Will I get back the interest I've paid on the "
                "five grand, though?"),
            (a, "I can't promise that, I'm afraid. It's for the complaints team to decide, but I've "
                "noted that you asked for it, and the payment itself is being moved to the balance "
                "today."),
            (u, "Okay. That's mair like it. Thanks, Fiona, you've been straight wi' me."),
            (a, "Thank you for your patience. Is there anything else I can help with today?"),
            (u, "Na, that's me."),
            (a, "Lovely. Thanks for calling, Mr Duthie, and enjoy your time ashore. Cheerio.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
    ]


def heldout16_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare16(), *service16()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h16-caller-{k}"
    return calls
