"""The fifteenth held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the thirteenth set's layout; the packs, the
matcher, the language code and the other sets were not read, and no scorer was run on these calls
while they were written. New organisations: an Eastern Region savings and loans company in Ghana, an
East Tennessee home lender, a Maltese bank, a Nairobi mobile-loan app's collections line, a Cebu
family health centre, a Conception Bay family practice in Newfoundland, a Perth (WA) health fund, a
Cape Town paediatric practice, a Trinidad cable and internet provider, a Liverpool gym chain, a
Chicago furniture store's delivery desk and an Edinburgh festival box office. The voices are
Ghanaian, Smoky Mountain Tennessean, Maltese, Kenyan, Cebuano-inflected Filipino English,
Newfoundland, West Australian, Cape Town, Trinidadian, Scouse, Chicago and Edinburgh Scots: a
provisions-shop owner two instalments behind since the road works took her customers, a wife who
reads her card out to pay the appraisal fee on a home loan, a widow still getting letters in
her late husband's name, a Nairobi office worker whose eight-thousand-shilling loan has become
nineteen thousand, a pregnant woman asking after her ultrasound, a son whose father died on Sunday,
a fly-in fly-out worker whose physio claim was rejected, a mother unhappy with the reception desk
after her toddler's injections, a home worker four days without internet, a night-shift nurse
cancelling her gym, a customer stood up twice by the furniture truck and a ceilidh-goer whose
e-tickets never came. Agents put the scripts in their own words; customers stay polite while plainly
unhappy. Six of the twelve calls are compliant. Every rule of the pack is labelled in every call, by
what the call *means*: the recording notice is met only in the agent's opening turn (within 30 s),
later or never is violated; account details or health information before verification (two
identifiers for health) is violated, and the ordering is not applicable when none are discussed; the
mini-Miranda and the payment script are not applicable when no debt or card payment comes up, and an
upfront appraisal fee is not a debt; a card read out by the caller, or read back by the agent,
violates the payment script and the read-back rule, while a reference number is not a card number;
"they'll give you a bell tomorrow" is not confirming the number on file; "going to court won't
change the figure" brushes off a lawyer; "my supervisor's just going to tell you the same thing" is
no escalation; the whole record read out to a son cancelling his late father's appointments is more
than he needs; a hardship told as "I'm managing small small" and a cancellation told as "pack in me
membership" are still triggers. A wait of under 20 s is not a long silence, any pause over 20 s is
(announced or not); "Cheerio" or "Bye now" alone is no close; a turn of about 150 words or more is a
monologue. The hold is measured from SIP signalling, which a script cannot carry, so ``long-hold``
is met throughout; frustration is violated where it visibly rises and is still there at the end, met
where the agent turned it round, not applicable where the customer is never frustrated. Nothing is
to be changed after the first run. The finance calls are here, the healthcare and service calls in
``guidance_heldout15b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout15b import healthcare15, service15
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

MASTERCARD = "5555 5555 5555 4444"  # a public test PAN

_LOAN_TERMS = (  # about 200 words: well over a minute of the agent alone
    "Okay madam, let me explain how the figure came about, because I can see it here clearly. You took "
    "eight thousand shillings on the fourth of March, on the thirty-day product. On that product there "
    "is a facilitation fee of ten percent, which is eight hundred, deducted upfront, and interest of "
    "fifteen percent for the thirty days, which is one thousand two hundred, so on the due date you "
    "owed ten thousand. The due date passed without payment, so from the next day a late penalty of "
    "one percent per day started running on the outstanding amount, and after fourteen days the loan "
    "was automatically rolled over, which adds a rollover fee and a new interest period on top of what "
    "you owed, and that happened twice, in April and in May. Then in June the account moved to our "
    "recovery stage, and the recovery charge of fifteen hundred was added. So the principal, the fees, "
    "the two rollovers, the daily penalties and the recovery charge together give you the nineteen "
    "thousand four hundred and sixty that you are seeing in the app. All of this is in the terms and "
    "conditions that you accepted when you took the loan, under the section on late repayment."
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h15-fin-00", "finance", [
            (a, "Good morning, you're welcome to Densu Valley Savings and Loans, my name is Akosua. Please "
                "note that we record our calls. How may I help you?"),
            (u, "Good morning, Akosua. My name is Abena Owusu. I had a text saying my loan is in arrears, "
                "and I want to talk about it, please."),
            (a, "Thank you for calling, Madam Abena. Before I open the account, can you confirm your date "
                "of birth and the last four digits of your Ghana Card?"),
            (u, "Twelfth of July, nineteen eighty-one. The last four are three nine oh six."),
            (a, "Thank you, you have passed the security check. Because the loan is overdue, I have to "
                "tell you first that we are a lender collecting a debt, and whatever you tell me can be "
                "used for that purpose. The loan has two instalments unpaid, six hundred and forty cedis, "
                "and the balance remaining is two thousand eight hundred."),
            (u, "Ei, Akosua, the times are hard oo. Since they started the road works in front of my "
                "provisions shop, the customers don't come. I'm managing small small. Some days I close "
                "without selling anything at all."),
            (a, "I'm sorry to hear that, madam, and I'm glad you called. We have a support plan for "
                "customers going through a difficult time. For thirty days we stop the penalties and the "
                "reminder calls while you fill in a short form on your income and expenses, and then our "
                "credit team looks at what instalment you can manage. Shall I put you on it?"),
            (u, "Yes, please, put me on it. And I want to pay two hundred cedis today with my debit card, "
                "to show I'm serious."),
            (a, "That's fine. I'll move you to our secure payment line. You will type the card number, "
                "the expiry date and the three digits at the back on your phone keypad. I won't hear the "
                "numbers and they are not recorded, and the line brings you back to me after."),
            (u, "Okay, I'm ready, go ahead.", 15.0),
            (u, "Akosua, it says the payment is approved."),
            (a, "Yes, I can see it. Two hundred cedis received, your receipt number is D V five five oh "
                "one eight. The support plan starts today and the form is coming to you by text."),
            (u, "God bless you, Akosua. I was so worried coming to call."),
            (a, "You're welcome, madam. Is there anything else I can do for you today?"),
            (u, "No, that's all."),
            (a, "Thank you for calling Densu Valley, Madam Abena. Have a blessed day.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h15-fin-01", "finance", [
            (a, "Smoky Ridge Home Lending, this is Travis. How're you doin' today?"),
            (u, "Well, I'm doin' just fine, Travis, thank you for askin'. This is Loretta Haskins, over in "
                "Sevierville. Me and my husband Dale put in for a home loan with y'all a couple weeks "
                "back, and I was wonderin' where it's at."),
            (a, "Haskins, yes ma'am, I got it right here. Your application's in underwriting. They've got "
                "Dale's pay stubs and both your W-2s, and the one thing holdin' it up is the appraisal "
                "fee, five hundred and twenty-five dollars. That's got to be paid before they'll order "
                "the appraisal."),
            (u, "Oh, shoot, I thought we'd done that. Can I just give you the card right now?"),
            (a, "Sure thing, go right ahead."),
            (u, "Alright. It's a Mastercard, " + MASTERCARD + ", it expires nine twenty-seven, and the "
                "code on the back is four one two."),
            (a, "Let me make sure I got that: " + MASTERCARD + ", nine twenty-seven. Alright, that went "
                "through, five twenty-five. Your confirmation number is S R eight eight one three oh."),
            (u, "Well, bless your heart. Do you reckon we'll get it? The house, I mean. We've got our "
                "hearts set on it."),
            (a, "I can't tell you that, ma'am, it's the underwriter's call, not mine. Once the appraisal "
                "comes back they'll make a decision, usually in about a week."),
            (u, "Okay. We'll keep our fingers crossed then."),
            (a, "Is there anything else I can help y'all with today?"),
            (u, "No, I think that's everything."),
            (a, "Well, thank you for callin', Mrs Haskins, and y'all have a good evenin'.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=NA, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h15-fin-02", "finance", [
            (a, "Good morning, Three Cities Bank, this is Roberta speaking. Just so you're aware, our calls "
                "are recorded. How can I help you?"),
            (u, "Good morning, dear. My name is Carmen Zammit. My husband Ġorġ, God rest him, left us in "
                "March, and I'm still getting letters from you in his name, every week. Honestly, I'm fed "
                "up, every one breaks my heart. I want to close his accounts."),
            (a, "Mrs Zammit, I'm so sorry about your husband. And I'm sorry about the letters, they should "
                "have stopped. I'm logging that as a complaint now, so it's looked into and they stop. "
                "We have a bereavement team who will take care of his accounts for you. First, can I "
                "have your date of birth and your ID card number?"),
            (u, "Twentieth of October, nineteen fifty-two. The ID card is one two three four five "
                "six M."),
            (a, "Thank you, Mrs Zammit, you're verified, and I can see you're the joint holder on the "
                "current account. There's the joint current account, with three thousand two hundred "
                "euro, and a savings account in Ġorġ's name only, with eleven thousand four hundred."),
            (u, "The joint one I keep. But his savings, when do I get that? Nobody tells me anything."),
            (a, "Let me check exactly what the bereavement team need, bear with me.", 14.0),
            (a, "Thank you for waiting. For the savings in his name only, they need the death certificate "
                "and the notary's declaration of the estate. I can't give you a date, because it depends "
                "on their review, but it usually takes a few weeks once they have everything. I'll post "
                "you our bereavement pack today, with a list, so you're not guessing."),
            (u, "Okay. At least you explained it properly. Not like those letters."),
            (a, "I've also put a stop on any post in his name. Is there anything else I can help you with "
                "today?"),
            (u, "No, that's all, dear. Thank you."),
            (a, "Thank you for calling, Mrs Zammit, and again, I'm very sorry for your loss. Take care.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=M, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
        scripted("h15-fin-03", "finance", [
            (a, "Hello, good afternoon, Jiamini Credit, you're speaking to Brian. Please note this call is "
                "recorded for quality purposes. How can I help?"),
            (u, "Good afternoon, Brian. My name is Wanjiru Kamau. Your people have been calling me and my "
                "colleagues at work, telling them I owe you nineteen thousand shillings. I borrowed eight "
                "thousand! This is harassment, and I want to complain."),
            (a, "I'm sorry about the calls to your colleagues, madam, that should not happen. I'm raising "
                "it as a complaint with our collections quality team, and they'll reply to you by SMS "
                "within seven days. Can I have your ID number and the phone number on the loan?"),
            (u, "ID is two eight four one seven seven oh three. The phone is oh seven one two, three four "
                "five, six seven eight."),
            (a, "Thank you, you are verified. The loan is overdue by ninety-four days, and the balance is "
                "nineteen thousand four hundred and sixty shillings."),
            (u, "But how? How does eight become nineteen? Explain it to me."),
            (a, _LOAN_TERMS),
            (u, "Brian, this is robbery, surely. If you people don't sort this out, I'm taking it to my "
                "advocate, and we will see you in court."),
            (a, "Madam, going to court won't change the figure, the terms are there in the app. Will you "
                "be paying something today?"),
            (u, "I will not pay a cent more than ten thousand. Let me talk to your supervisor."),
            (a, "Okay. I can transfer you to my supervisor, Mr Otieno, now."),
            (u, "Fine. But I'm telling you, I'm very disappointed with you people. Very disappointed."),
            (a, "Before I transfer you, is there anything else I can help with?"),
            (u, "Nothing. Just put me through."),
            (a, "Thank you for calling Jiamini Credit, madam. Hold on for Mr Otieno.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, legal_mention=V, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=V, customer_frustration=V),
    ]


def heldout15_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare15(), *service15()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h15-caller-{k}"
    return calls
