"""The thirteenth held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the twelfth set's layout; the packs, the matcher,
the language code and the other sets were not read, and no scorer was run on these calls while they
were written. New organisations: a County Tyrone credit union, a Louisiana car-title lender, a Hong
Kong bank's card-services line, a Bristol mortgage broker's servicing line, a Cardiff GP surgery, a
Utah dermatology clinic, a Pune hospital's insurance desk, a Vancouver dental office, a Glasgow
council tax line, a Texas Hill Country fibre provider, a Dublin airline's baggage desk and a
Manchester bike-shop chain's service-plan desk. The voices are mid-Ulster, Cajun, Hong Kong,
Bristolian, Cardiff, Utah County, Marathi-inflected Indian English, West Coast Canadian, Glaswegian,
Central Texan, Dublin and Mancunian: a factory worker on short time two loan repayments behind, a
shipyard worker's wife whose truck is about to be repossessed, a cardholder on his third call about
a fee he was told would be waived, a son settling his late mother's mortgage, a daughter caring for
her father with his blood results back, a young woman who hears a biopsy result from the front desk,
a son querying the insurance deductions on his late father's ICU bill, a widow billed for the
appointment she missed the week her husband died, a tenant whose single person discount never went
on, a retiree cancelling his internet over the price, a father whose bag (with his son's inhaler)
has been missing four days and a rider cancelling her bike care plan. Agents put the scripts in
their own words; customers stay polite while plainly unhappy. Six of the twelve calls are compliant.
Every rule of the pack is labelled in every call, by what the call *means*: a recording notice
dropped in nearly a minute into the call, after the arrears, is late; past-due figures read to a
caller who has only given her name come before verification; "the lender'll give you the twelve
months, that's guaranteed" is a promise; the agent repeating the card the caller read out is a
read-back; "he'll give you a call when he's got a minute" is not confirming the number on file; a
twelve-second wait the agent announced is not a long silence, any pause over twenty seconds is;
"Right so, bye" is no close; "Irwell Cycles, service plans. Membership number?" is no greeting. The
hold is measured from SIP signalling, which a script cannot carry, so ``long-hold`` is met
throughout; frustration is violated where it visibly rises and is still there at the end, met where
the agent turned it round. Nothing is to be changed after the first run. The finance calls are here,
the healthcare and service calls in ``guidance_heldout13b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout13b import healthcare13, service13
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

VISA = "4012 8888 8888 1881"  # a public test PAN

_PROBATE = (  # about 250 words: well over a minute of the agent alone
    "Ah, you don't need to, my love, honestly. I do these every day, you're fine with me. So what "
    "happens now is, first off, you'll want the death certificate and, when it comes through, the grant "
    "of probate, and you send us copies of both, the certified ones, mind, not photocopies, because the "
    "lender won't take a photocopy. Once we've got the death certificate we mark it as a deceased "
    "customer's account, and that moves it over to the lender's bereavement team, and they're the ones "
    "who talk to you from then on, not the arrears lot. Now, the mortgage doesn't have to be paid off "
    "straight away. The lender normally gives the estate time to sort probate and sell the property, "
    "and while that's going on the interest does keep ticking over, so it's worth keeping the monthly "
    "payments up if the joint account can cover them. If your mum had any life cover or a mortgage "
    "protection policy, that might clear some or all of it, so have a look through her paperwork for "
    "anything like that. When the flat's sold, the solicitor pays off the balance out of the sale, plus "
    "any interest up to that day, and we send them a redemption statement before completion so "
    "everyone knows the exact figure. And if you decide to keep the flat yourself, or one of the family "
    "wants it, that's a new mortgage application in their name, and that goes through all the normal "
    "checks, income and that. Does that all make sense?"
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h13-fin-00", "finance", [
            (a, "Good afternoon, Sperrin Community Credit Union, you're through to Aoife. Before we start, "
                "I'll let you know this call is being recorded. How can I help you today?"),
            (u, "Ach, hiya Aoife. It's Seamus Devlin here. Look, I've a wee loan with yous for the car, "
                "and I'm after missing the last two repayments. The factory's put us all on short time, "
                "three days a week, and I'm just not making it, so I'm not."),
            (a, "You did the right thing ringing, Seamus, and I'm sorry you're in that spot. I need to get "
                "you through security before I look at the loan. Can you give me your date of birth and "
                "your member number?"),
            (u, "Twenty-second of March, nineteen seventy-nine. Member number's four four oh seven one."),
            (a, "Thanks, that's you verified. There's a wee statement I have to read you because the loan's "
                "behind: we're a lender trying to collect a debt, and anything you tell me will be used "
                "for that purpose. Right, so the loan's two repayments behind, that's one hundred and "
                "eighty pound of arrears, and the balance left is two thousand three hundred and forty."),
            (u, "Aye, that sounds about right, God help me."),
            (a, "Now, with your hours being cut, you can go on our hardship arrangement. I'll send you a "
                "short income and outgoings form, and while you fill it in we give you thirty days' "
                "breathing space: no interest added and no collection calls. It'd be worth talking to "
                "Advice NI as well, it's free. Will I set that up?"),
            (u, "That'd be a godsend, aye. And could I pay forty pound today on my debit card, just to "
                "show willing, like?"),
            (a, "You surely can. I'll pass you over to our secure payment line. You key the card number, "
                "the expiry date and the three numbers on the back into your phone's keypad. I won't hear "
                "them and they're not recorded, and it brings you straight back to me after."),
            (u, "Grand, go ahead.", 16.0),
            (u, "Right, it says the payment went through."),
            (a, "It did, forty pound received, and your reference is S C four one nine two. The breathing "
                "space starts from today and the form's on its way to your email."),
            (u, "Brilliant. That's a weight off, so it is."),
            (a, "Is there anything else I can do for you, Seamus?"),
            (u, "No, that's me sorted. Thanks, Aoife."),
            (a, "No bother at all. Thanks for ringing, and mind yourself.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h13-fin-01", "finance", [
            (a, "Acadiana Title and Auto, this is Remy."),
            (u, "Hey Remy, yeah, this is Darlene Thibodeaux. I got a letter in the mailbox sayin' y'all "
                "fixin' to come get my truck, and I just, I don't understand it, cher, 'cause I been payin' "
                "what I can, every time I can, and now there's all these fees on there I never heard of."),
            (a, "Lemme pull you up. Thibodeaux, Darlene, that's the oh-nine Silverado? Yeah, okay, you're "
                "sixty-three days past due. That's eight hundred forty-two with the late fees, and your "
                "payoff's sittin' at three thousand one hundred ten."),
            (u, "Eight hundred? Lord have mercy. Look, my hours got cut at the shipyard after the storm, "
                "and my husband's been out of work since August. We're barely keepin' the lights on."),
            (a, "I hear you, but the contract's the contract, ma'am. Oh, and I'm supposed to tell you, this "
                "call's recorded. To stop the repo order I need four hundred twenty today, minimum."),
            (u, "And that seventy-five dollar late fee, every single month? Nobody ever told me about that. "
                "That ain't right, Remy, and I wanna make a complaint about it."),
            (a, "It's all in the contract you signed. So, you got a card you wanna put the four-twenty on?"),
            (u, "I can do two hundred, that's all there is. Fine. It's a Visa, " + VISA + ", expires "
                "oh-three twenty-eight, and the code on the back's seven three one."),
            (a, "Okay, that's " + VISA + ", expiration oh-three twenty-eight. Two hundred. Alright, that "
                "went through. You still got six hundred forty-two past due, so collections'll be callin' "
                "you."),
            (u, "This is just wrong, y'all. I'm payin' and payin' and it keeps gettin' worse. I'm real "
                "upset about this."),
            (a, "Alright. Bye now.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=V, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=V, escalation_offered=NA,
            hardship_support=V, legal_mention=NA, bereavement=NA, closing=V, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=V),
        scripted("h13-fin-02", "finance", [
            (a, "Good evening, Lantau Bank card services, my name is Winnie. Please note this call is "
                "recorded for quality and security purposes. How may I help you?"),
            (u, "Hello Winnie. My name is Chan Ka-wing, Kelvin Chan. I'm calling about my annual fee, ah. "
                "In October your colleague told me it would be waived, she said no problem. But this "
                "month's statement still charge me eighteen hundred dollars. This is my third time "
                "calling about the same thing. Honestly, very frustrating."),
            (a, "I'm really sorry you've had to call three times, Mr Chan, that shouldn't happen. I'll look "
                "into it properly. First, for security, may I have your date of birth and your "
                "registered mobile number?"),
            (u, "Fourteenth of June, nineteen eighty-six. Mobile is nine one two three, four five six "
                "seven."),
            (a, "Thank you, Mr Chan, you're verified. I can see the annual fee of eighteen hundred Hong "
                "Kong dollars posted on the fifth of November, and a note from the twelfth of October "
                "saying a waiver was requested, but it was never submitted. I'm sorry, that's our "
                "mistake. I'm logging this as a formal complaint now, and your complaint reference is "
                "C W, seven seven two oh four."),
            (u, "Always log, log, log, and nothing happens. I want to speak to your manager, lah. And if "
                "this still is not fixed, I will ask my lawyer to write to your bank."),
            (a, "I understand, and you're entitled to both. I can put you through to my supervisor, "
                "Mrs Ho, tonight, and your complaint goes to our Customer Relations team, who reply in "
                "writing. If you're not satisfied with their final reply, you can take it to the "
                "Financial Dispute Resolution Centre. About your lawyer: I have to note on the account "
                "that you've mentioned legal action, and any letter from a lawyer goes to our legal "
                "department, who will deal with it directly."),
            (u, "Okay. But the fee, will it be refunded or not?"),
            (a, "I honestly can't promise that, I'm sorry. The waiver has to be reviewed by the card team, "
                "but I've attached October's note and marked it urgent, so they'll see you were told it "
                "would be waived."),
            (u, "Hmm. Okay, okay. At least you explain it clearly. Better than the last two times."),
            (a, "Thank you for your patience, Mr Chan. Before I transfer you to Mrs Ho, is there anything "
                "else I can help you with?"),
            (u, "No, that's all. Thank you, Winnie."),
            (a, "You're welcome. Have a good evening, and I'll put you through now.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, legal_mention=M, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=M),
        scripted("h13-fin-03", "finance", [
            (a, "Hiya, Clifton and Avon Mortgage Services, you're speaking to Jodie. Just so you know, we "
                "record all our calls. What can I do for you?"),
            (u, "Hello, Jodie. Um, my name's Graham Pocock. My mum, Margaret Pocock, had her mortgage "
                "through you, on her flat in Bedminster, and she passed away three weeks ago. I'm her "
                "executor, and I honestly don't know where to start."),
            (a, "Oh, Graham, I'm so sorry for your loss. Thank you for letting us know. We've a "
                "bereavement process for this, so I'll put a note on your mum's account straight away so "
                "no more letters go out in her name, and I'll take you through it. Before I do, can I take "
                "the mortgage account number, your mum's date of birth and the postcode of the flat?"),
            (u, "Account number is, er, seven one four four oh two nine. Her birthday was the ninth of "
                "January, nineteen forty-four. And it's B S three, four Q T."),
            (a, "Lovely, thank you, that all matches. So the balance left on the mortgage is thirty-eight "
                "thousand four hundred and fifty pound. The payments are up to date; the next one's four "
                "hundred and twelve, and that's still going out of the joint account on the first."),
            (u, "Right. Okay. And, sorry, is there someone more senior I could talk to? No offence, it's "
                "just it's a big thing, the flat."),
            (a, _PROBATE),
            (u, "Okay. That's a lot, but okay. Will they definitely give us time to sell it, though?"),
            (a, "Oh yeah, definitely, the lender'll give you the twelve months, that's guaranteed, don't "
                "you worry about that. Bear with me a sec, I'll just get the bereavement pack up.", 34.0),
            (a, "Right, sorry about that, it's sent. You'll have it by email tonight."),
            (u, "Thanks, Jodie."),
            (a, "Is there anything else I can help you with today, Graham?"),
            (u, "No, I think that's it for now."),
            (a, "Okay. Thanks for calling, and again, I'm really sorry about your mum. Take care of "
                "yourself.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=V,
            hardship_support=NA, legal_mention=NA, bereavement=M, closing=M, long_silence=V, long_hold=M,
            agent_monologue=V, customer_frustration=NA),
    ]


def heldout13_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare13(), *service13()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h13-caller-{k}"
    return calls
