"""The eighteenth held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the sixteenth set's layout; the packs, the matcher,
the language code and the other sets' calls were not read, and no scorer, benchmark or engine was run
on these calls while they were written. New organisations: a Nairobi microfinance lender's asset-loan
line, a Belfast car-finance firm, a south Louisiana medical-debt collection agency, a Leeds
student-loan servicer, a Singapore family clinic in Bedok, a northern Minnesota home-hospice service,
a Bristol NHS dental practice, a Vancouver pharmacy on West Fourth, a Lagos mobile network, an eastern
Kentucky home-security company, a Brisbane electricity retailer and a Trinidad cable-TV provider. The
voices are Kenyan English, Belfast, Cajun south Louisiana, Yorkshire, Singlish, Minnesotan, Bristolian,
West-coast Canadian, Nigerian English with a little pidgin, Appalachian Kentucky, Queensland
Australian and Trinidadian. The situations: a motorbike-taxi rider laid up after a road accident and
three weeks behind on his bike loan, a widower two car-finance payments behind since his wife died, a
deckhand with an emergency-room bill who was rung at work, a teacher back from working abroad whose
student loan fell into arrears, a man after his cholesterol result, a widower after his wife's home
hospice care, a woman whose root-canal treatment stalled half-way, a man who only wanted his inhaler,
a subscriber whose data bundle vanished overnight, a grandmother who thinks a doorbell camera makes
her alarm contract unnecessary, a household that has just had solar panels fitted and a customer
billed twice for a sports package he never ordered. Agents put the scripts in their own words.
Five of the twelve calls are compliant.

Labelling conventions. Every rule of the pack is labelled in every call, by what the call *means*,
as a careful compliance officer would. Idioms that only sound like a death are not bereavements; a
caller who says outright the money is not the problem has not raised hardship; a security check the
agent says the caller passed, or a security question the caller answered, is verification; arrears
read after verification are in order; a debt discussed with no collection disclosure violates
``mini-miranda``; an agent who asks for the card to be read out has skipped the payment script; the
last four digits or a confirmation reference said back are not a card read-back; declining to promise
is not a promise, saying the charge will certainly come back is one; telling a caller they do not need
their solicitor brushes the lawyer off; a callback arranged without checking the number on file
violates ``callback-verification``, reading the number on file back and having it confirmed meets it;
the whole medication profile read to a man who asked about one inhaler is more than he needs, and
naming his medicines before any identifier but his name is PHI before two identifiers; a recording
notice given after thirty seconds is late; an apology without any logging or next step does not
acknowledge a complaint; an indirect request for somebody more senior is an escalation, and being told
anybody would say the same refuses it; an announced wait up to fifteen seconds is not a long silence,
any pause over twenty seconds is; a goodbye without asking whether there is anything else is no
close; a colleague's name is not the agent's name; one agent turn of well over 150 words is a
monologue. The hold is measured from SIP signalling, which a script cannot carry, so ``long-hold`` is
met throughout; frustration is violated where it visibly rises and is still there at the end, met
where the agent turned it round, not applicable where the caller is never frustrated (worry, grief or
mild disappointment is not frustration). Forbidden rules are met when the forbidden thing is never
said. Nothing is to be changed after the first run. The finance calls are here, the healthcare and
service calls in ``guidance_heldout18b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout18b import healthcare18, service18
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

VISA = "4111 1111 1111 1111"  # a public test PAN


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h18-fin-00", "finance", [
            (a, "Good morning, and thank you for calling Tujenge Microfinance. My name is Wanjiru. Please "
                "note that this call is recorded for quality and security. How may I help you?"),
            (u, "Morning, Wanjiru. I am Peter Mwangi Kamau. I have a loan with you for my boda boda, the "
                "motorbike. I am dying to sort this thing out, because I have missed the payments for "
                "three weeks now and your people have started sending messages."),
            (a, "Okay, Peter, let's look at it together. Before I open the account, please confirm your "
                "date of birth and the name of your stage, as it is written on your loan form."),
            (u, "Second of June, nineteen ninety-one. The stage is Githurai Forty-Five."),
            (a, "Thank you, Peter, you have passed the security check. I must inform you that because the "
                "loan is overdue, this call is about recovering a debt, and any information you give may "
                "be used for that purpose. I can see three weekly instalments of one thousand two hundred "
                "shillings missed, so three thousand six hundred is in arrears."),
            (u, "Yes, that one I know. The thing is, a matatu hit me at Roysambu roundabout a month ago. "
                "My leg is in plaster for six weeks, I cannot ride, so there is no income at all. My wife "
                "is selling vegetables, but it is not enough even for the rent. I don't know how I will "
                "pay."),
            (a, "Pole sana, Peter, that is a very hard situation, and thank you for telling me. We have a "
                "hardship arrangement for exactly this. I can put the loan on a thirty-day breathing "
                "space from today, so no penalties and no recovery calls during that time. And I will "
                "refer you to our hardship officer, who will go through your income and expenses with "
                "you and can propose smaller instalments over a longer period once you are back on the "
                "road."),
            (u, "A smaller amount would really help. Will they accept?"),
            (a, "I can't tell you that they will, it is the credit committee that decides after the "
                "assessment. What I can do is make sure your file reaches them this week. The hardship "
                "officer is Mr Kiprono, and he will call you by Friday."),
            (u, "Sawa sawa. At least now I can rest a bit. Pole pole we shall go."),
            (a, "Is there anything else I can help you with today, Peter?"),
            (u, "No, that's all. Asante sana."),
            (a, "Karibu, Peter. Thank you for calling Tujenge, and quick recovery for the leg. Goodbye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h18-fin-01", "finance", [
            (a, "Lagan Motor Finance, good afternoon, you're through to Ciaran. How can I help?"),
            (u, "Aye, hello there. It's Billy McAllister, from up the Newtownards Road. I got a wee letter "
                "the other day saying I'm two payments behind on the car, the Qashqai. The thing is, my "
                "wife Maureen passed away in the spring, and she always done all the bills, so I hadn't "
                "a baldy notion what was going out and what wasn't. It's not the money, I've the money, "
                "I'm only getting my head round it all now, so I am."),
            (a, "Right. I'll need your date of birth and your postcode before I go into the account. Oh, "
                "and I should've said at the start, this call's being recorded."),
            (u, "Fifth of September, sixty-one. B T four, one Q D."),
            (a, "Thanks, that's you through security. So you're two payments down, that's four hundred "
                "and sixty-two pound, plus a twenty-five pound late fee on each, so five hundred and "
                "twelve altogether. That needs cleared by the end of the month, or the account goes over "
                "to our recoveries team. You can pay it through the app or by bank transfer."),
            (u, "Right. I didn't know there'd be fees on top, but fair enough, that's my own fault for "
                "not keeping an eye on it. I'll put it through the bank on Friday."),
            (a, "Grand. Once it's in, the account'll be back up to date. Anything else I can help you "
                "with?"),
            (u, "No, that's it, thanks, son."),
            (a, "Thanks for calling Lagan Motor Finance. Bye now.")],
            recording_notice=V, identity_before_account_details=M, mini_miranda=V, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=V, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h18-fin-02", "finance", [
            (a, "Bayou Teche Recovery Services, this is Renée. Calls on this line are recorded. Who am I "
                "speaking with?"),
            (u, "Yeah, this is Dwayne Thibodeaux, from down in Houma. Mais, I got a letter from y'all "
                "about an emergency room bill from when I cut my hand on the boat last summer, and I "
                "wanna know why y'all keep calling me at work. My captain answered that phone twice "
                "already. That ain't right, cher."),
            (a, "Mr Thibodeaux, you're right, that shouldn't have happened, and I'm sorry it caused you "
                "trouble at work. I'm logging a complaint about it now, and I'll take the work number off "
                "so we only use your cell. Before I open the account, can you verify your date of birth "
                "and your zip code?"),
            (u, "March twelfth, nineteen seventy-nine. Zip's seven oh three six four."),
            (a, "Thank you, you're verified. I'm required to tell you we're a debt collector, this is an "
                "attempt to collect a debt, and anything you tell me will be used for that purpose. The "
                "balance on the emergency room account is eight hundred and forty dollars, and nothing's "
                "been paid on it yet."),
            (u, "Alright, well, at least somebody listened about the job. I'm fixin' to pay two hundred "
                "today and the rest next month, if that's okay. Can I put it on my card?"),
            (a, "Yes, two hundred today is fine, and I'll note the plan for the rest. For your security "
                "I'm going to put you through to our automated payment line. When you hear the tone, key "
                "your card number in on your phone's keypad, then the expiry date and the three-digit "
                "code. I won't hear the numbers or see them, and they aren't recorded. Ready?"),
            (u, "Yeah, go 'head."),
            (a, "Okay, you'll hear the tone now.", 8.0),
            (u, "Alright, I put it all in. It said approved."),
            (a, "Yes, I see it came through. Two hundred dollars, and your confirmation number is T B, "
                "four four oh nine one six. The other six hundred and forty is due by the twelfth of next "
                "month."),
            (u, "Can y'all knock off the rest if I pay it quick? My cousin said they took some off for him."),
            (a, "I can't promise that, I'm afraid. A settlement has to be approved by the hospital, but I "
                "can send them a request and let you know what they say."),
            (u, "That's fair. I 'preciate you, Renée, you been straight with me."),
            (a, "You're welcome. Is there anything else I can do for you today?"),
            (u, "No, that's it, yeah."),
            (a, "Thank you for calling, Mr Thibodeaux. Take care now, bye-bye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
        scripted("h18-fin-03", "finance", [
            (a, "Morning, you're through to Kirkstall Loan Servicing, it's Priya speaking. Just to let you "
                "know, calls are recorded. What can I do for you?"),
            (u, "Now then, Priya. I'm Jodie Hainsworth. I've been teaching out in Dubai for two years, "
                "I've just got back to Leeds, and there's a letter saying my student loan's in arrears "
                "because I never sent in me overseas income form. I honestly thought it were all sorted."),
            (a, "Oh, that happens a lot with people working abroad. Let's get you through security first. "
                "Can you tell me your date of birth and your customer reference?"),
            (u, "Twenty-ninth of November, ninety-four. Reference is K L, seven seven two oh one nine."),
            (a, "Thanks, Jodie, you've passed security. Because the account's in arrears, I do have to "
                "tell you this is a call about collecting a debt, and anything you tell me can be used "
                "for that. While we didn't have your income details you were put on a fixed monthly "
                "amount, and that's left one thousand one hundred and forty pound unpaid, plus interest "
                "at the higher rate."),
            (u, "Right. I'm not having a go, it's my own fault for not sending the form, and I'm not "
                "skint or owt, I can pay it today. But I'd rather run that higher interest past our "
                "Danny first. He's a solicitor, he'll know if it's legit."),
            (a, "Honestly, you don't want to be paying a solicitor for this, love, it's all standard. "
                "Let's just get the arrears cleared now. Read me the card number whenever you're ready."),
            (u, "Go on then. It's a Visa, " + VISA + ", expiry oh-seven twenty-eight, and the code on "
                "the back is three one nine."),
            (a, "Lovely, that's the card ending one one one one, July twenty-eight. One thousand one "
                "hundred and forty pound has gone through, and your reference is K L P, nine nine three."),
            (u, "Ta. Any chance of that extra interest coming off, seeing as I've paid up straight away?"),
            (a, "Leave that with me. Once your overseas form's in, you'll have every penny of that "
                "interest back on your next statement, no two ways about it."),
            (u, "Brilliant. That's a weight off."),
            (a, "I'll email you the overseas income form now. Anything else I can help with today?"),
            (u, "No, that's grand, cheers."),
            (a, "Thanks for ringing, Jodie. Ta-ra.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=V,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=V, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
    ]


def heldout18_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare18(), *service18()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h18-caller-{k}"
    return calls
