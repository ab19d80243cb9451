"""The fourteenth held-out set: 12 calls written blind, before any run; never tuned on.

Written blind by a helper engineer on 2026-12-06 from a summary of the rules only (ids, kinds,
conditions, windows and messages, no phrases) and the thirteenth set's layout; the packs, the
matcher, the language code and the other sets were not read, and no scorer was run on these calls
while they were written. New organisations: a Darling Downs mutual bank in Toowoomba, a Dorchester
(Boston) federal credit union's card line, a Singapore bank's personal-loan line, a St Elizabeth
(Jamaica) co-operative credit union, a Kapiti Coast health centre, a Durban private hospital's
patient-accounts office, a Portree (Isle of Skye) GP practice, a Duluth family clinic, a Cornish
kitchen fitter, a Pontypridd gym, a Halifax furniture shop and a Lagos pay-TV provider. The voices
are Queensland, Boston, Singaporean, Jamaican, New Zealand, South African (Durban), Highland
Scottish, Minnesotan, Cornish, Welsh valleys, West Yorkshire and Nigerian: a cattle farmer two
repayments behind on his header loan after a drought, a credit-union member of twenty-two years
whose card is about to go to collections, a man whose renovation loan has been "processing" for
three weeks, a widow behind on the van loan she shared with her late husband, a man after a repeat
of his inhaler, a patient billed for a knee repair her medical aid rejected, a daughter cancelling
her late father's appointments, a man whose blood-pressure refill never reached the pharmacy, a
woman whose kitchen was left half-fitted, a care worker packing in her gym, a woman whose sofa has
failed to arrive twice and a man whose decoder has shown "no signal" for a week. Agents put the
scripts in their own words; customers stay polite while plainly unhappy. Six of the twelve calls
are compliant. Every rule of the pack is labelled in every call, by what the call *means*: a
recording notice is met only in the first thirty seconds (the first two or three turns), later or
never is violated; an application's status read out before the security questions comes before
verification; PHI needs two identifiers first; the mini-Miranda and the payment script are not
applicable when no debt or card payment comes up; a forbidden thing never said is met; "confirm
approved by Friday, I guarantee" is a promise; a card read out to the agent is a payment taken
without the script even if the agent does not repeat it; a trigger the customer never raises is
not applicable, met when the agent responds suitably, violated when brushed off ("your nephew can
write whatever he wants" to a lawyer's letter; "there's no point" to a request for the manager);
"she'll give ya a ring sometime this week" is not confirming the number on file; a reference or
receipt number is not a card number; a close needs both "anything else" and thanks or goodbye, so
"Okay. Bye bye." is no close; any pause over twenty seconds is a long silence, announced or not,
and a shorter announced wait is not; an agent turn of well over 150 words is a monologue. The hold
is measured from SIP signalling, which a script cannot carry, so ``long-hold`` is met throughout;
frustration is violated where it visibly rises and is still there at the end, met where the agent
turned it round, not applicable where the customer is never frustrated. Nothing is to be changed
after the first run. The finance calls are here, the healthcare and service calls in
``guidance_heldout14b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout14b import healthcare14, service14
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

MASTERCARD = "5555 5555 5555 4444"  # a public test PAN

_DOCUMENTS = (  # about 250 words: well over a minute of the agent alone
    "Thank you, Mr Lim, you're verified. Okay, so let me explain what the credit team needs, then you "
    "can send everything in one go and don't need to keep calling. First is your CPF contribution "
    "history for the last twelve months. You can download that from the CPF website with your Singpass, "
    "it's under My Statements, and please download the PDF, not a screenshot, because the system "
    "cannot read screenshots one. Second is your latest payslip, meaning October, because the one you "
    "sent earlier was for August, and the credit team needs one from the last two months. If you are "
    "self-employed then it's different, they will need your Notice of Assessment from IRAS instead, "
    "but I can see you're salaried, so just the payslip is fine. Third, for a renovation loan they also "
    "need the quotation from your contractor, on the company letterhead, with the contractor's UEN "
    "number, and it must show the total amount and the address of the flat. I can see you already "
    "uploaded the quotation, so that one is done already. The other two you can upload through the "
    "app, under My Applications, then Upload Documents, or you can walk in to any branch and they will "
    "scan for you. Once the documents are in, the credit team will pick up the application again, and "
    "they will contact you directly if they need anything else from you, okay?"
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h14-fin-00", "finance", [
            (a, "Darling Downs Mutual, Toowoomba, Bec speaking. Just a heads-up, calls on this line get "
                "recorded. What can I do for you?"),
            (u, "G'day Bec, Col Ferguson. Look, I've got the loan with you lot for the header, and I've "
                "gone and missed the last two payments. We've had bugger-all rain since the spring before "
                "last, the cattle are out on agistment, the dam's a mud puddle, and there's just nothing "
                "coming in at the moment. I'm not gonna pretend otherwise."),
            (a, "Thanks for being upfront, Col, that's a rotten run and I'm glad you rang, because we've "
                "got hardship help for exactly this, a break from the repayments included. I'll get you "
                "through security first. What's your date of birth, and the postcode on the account?"),
            (u, "Fourth of August, sixty-eight. Four three five eight."),
            (a, "Ta, Col, that's you verified. Because the loan's overdue I've got to tell you that we're "
                "collecting a debt here, and anything you tell me can be used for that purpose. So you're "
                "two repayments behind, that's three thousand one hundred and twenty all up, and there's "
                "forty-one thousand left owing on the header."),
            (u, "Yeah, that's about what I figured. Listen, can you put me onto someone with a bit more "
                "clout? No offence to you, it's just a big thing for us."),
            (a, "None taken. I can put you through to my team leader, Darren, today, and if you're ever "
                "not happy with how we handle it there's the formal complaints process as well. But let me "
                "tell you what I can do myself first, because it might save you the wait. Like I said, "
                "with the drought you can go on our hardship arrangement: we pause the repayments for "
                "three months while you get back on your feet, no default fees and no collections calls "
                "in that time, and I'll email you a short form about your income and outgoings. The "
                "Rural Financial Counselling Service is free too, and they're good."),
            (u, "Three months off? Fair dinkum, that'd get us through to the sale in March. Righto, no "
                "need for Darren then."),
            (a, "Beauty. I've put the pause on from today and the form's on its way to your email. I'll be "
                "straight with you, interest still ticks over in the background, but nothing comes out "
                "of your account till the end of March."),
            (u, "Fair enough. Appreciate you being straight with me."),
            (a, "No worries. Anything else I can help with while I've got you, Col?"),
            (u, "Nah, that's the lot."),
            (a, "Thanks for ringing, Col. Hope you get a good drop of rain soon. Take care.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=M,
            hardship_support=M, legal_mention=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
        scripted("h14-fin-01", "finance", [
            (a, "Neponset Valley Federal Credit Union, this is Kevin. This call's bein' recorded and may be "
                "monitored. What can I do for ya?"),
            (u, "Yeah, hi Kevin. Name's Maureen Costigan. I got a letter from you guys sayin' my Visa's "
                "gonna get sent to collections if I don't pay by Friday. I been a membah for twenty-two "
                "years. Twenty-two years! And nobody called me, nothin'. Just a letter."),
            (a, "Okay, let me get you verified first. Last four of your social and your date of birth?"),
            (u, "Four four one nine. Birthday's March seventeenth, nineteen sixty-four. Saint Paddy's."),
            (a, "Thanks, Maureen, you're verified. Alright, so the card's ninety-one days past due. Minimum "
                "due is six hundred twelve dollars, and the balance is four thousand two hundred eighty."),
            (u, "I know it's late. The autopay stopped when I switched banks and I didn't catch it. I'm "
                "not tryin' to duck anything here."),
            (a, "It happens. To keep it outta collections I need the six-twelve by Friday. You wanna take "
                "care of it today?"),
            (u, "Fine. But I'm tellin' ya, my nephew's a lawyer over in Braintree, and he says you can't "
                "send it to collections without callin' first. He's gonna be writin' you a letter."),
            (a, "Your nephew can write whatever he wants, doesn't change the balance. So how're you payin'?"),
            (u, "Unbelievable. Okay. My debit card."),
            (a, "Go ahead and read me the card number, the expiration and the three-digit code."),
            (u, "It's " + MASTERCARD + ". Expires oh-nine twenty-seven. Code's two oh eight."),
            (a, "Got it. Six hundred twelve dollars, and that's approved. Confirmation number is R as in "
                "Robert, seven seven four one nine."),
            (u, "Seven seven four one nine. I'll be honest, Kevin, I'm still pretty steamed about all "
                "this. I really am."),
            (a, "Understood. Anything else I can help you with today?"),
            (u, "No. That's plenty."),
            (a, "Alright, thanks for callin', Maureen. Have a good one.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=V,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=NA, legal_mention=V, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=V),
        scripted("h14-fin-02", "finance", [
            (a, "Good morning, Straits Harbour Bank personal loans, Jasmine speaking. Just so you know, this "
                "call is recorded for quality and training. How can I help?"),
            (u, "Morning. I'm Mr Lim, Lim Boon Keat. I applied for a renovation loan three weeks ago "
                "already, until now no answer. Every time I call, you all say processing, processing. My "
                "contractor is waiting for the deposit, you know. This one really cannot make it. I want "
                "to give formal feedback about this."),
            (a, "Oh dear, I'm sorry, Mr Lim, three weeks is too long, I understand why you're upset, and "
                "I'm logging your feedback as a complaint now. Let me check. Yes, I see it, renovation "
                "loan for forty-five thousand, still pending credit assessment, because they are waiting "
                "for your CPF contribution history and your October payslip."),
            (u, "CPF history? Nobody told me to send that! Aiyoh."),
            (a, "Sorry, before I go further I need to verify you. Can I have the last four characters of "
                "your NRIC and your date of birth?"),
            (u, "Four five six J. Twelfth of February, nineteen seventy-five."),
            (a, _DOCUMENTS),
            (u, "Okay, okay. So if I send today, can get or not?"),
            (a, "Don't worry, Mr Lim, confirm can. Once the documents come in, it will be approved by "
                "Friday, I guarantee you. The money will be in your account by next Monday."),
            (u, "Really ah? Okay, then better. I upload now, you check whether you can see."),
            (a, "Sure, hold on ah, I'm refreshing the system.", 26.0),
            (a, "Okay, I can see them, both documents are in. And your complaint reference is F B three "
                "three eight one."),
            (u, "Okay, good. Thank you, Jasmine, at least you settle it for me."),
            (a, "No problem. Anything else I can help you with today, Mr Lim?"),
            (u, "No already, thanks."),
            (a, "Thank you for calling Straits Harbour Bank, have a nice day.")],
            recording_notice=M, identity_before_account_details=V, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=M, escalation_offered=NA,
            hardship_support=NA, legal_mention=NA, bereavement=NA, closing=M, long_silence=V, long_hold=M,
            agent_monologue=V, customer_frustration=M),
        scripted("h14-fin-03", "finance", [
            (a, "Good morning, Pedro Plains Credit Union, Santa Cruz branch, Shanique speaking. Please note "
                "this call is being recorded. How may I help you this morning?"),
            (u, "Morning, Miss Shanique. Is Hyacinth Barrett speaking. Mi calling 'bout the loan on the "
                "van, the one me and mi husband Delroy have together. Delroy gone to glory three weeks "
                "now, mi dear, and we bury him Saturday gone. Since then mi nuh pay nothing on it, mi "
                "head just nuh deh yah."),
            (a, "Oh, Mrs Barrett, I'm so sorry for your loss. May he rest in peace. Thank you for calling "
                "us at a time like this. We have a bereavement process, so I'll note Mr Barrett's passing "
                "on the loan and send you the list of what we need, like the death certificate. First, "
                "since you're on the loan with him, can I confirm your date of birth and your TRN?"),
            (u, "Eleventh of May, nineteen fifty-eight. TRN is one oh four, two two seven, nine three one."),
            (a, "Thank you, Mrs Barrett, you're verified. Because a payment is overdue I do have to tell "
                "you that this is an attempt to collect a debt, and anything you tell me will be used for "
                "that purpose. The loan is two months behind, that's twenty-two thousand dollars, and the "
                "balance is three hundred and ten thousand."),
            (u, "Lawd. Miss Shanique, is only mi likkle pension alone coming in now. Mi cyaan find eleven "
                "thousand every month, not without Delroy."),
            (a, "I hear you, and you don't have to manage it alone. There's a hardship arrangement for "
                "members in your situation: we lower the payment to what you can manage, and we hold off "
                "late charges and collection calls for sixty days while you sort things out. Mr Barrett "
                "also had loan protection cover, which may pay some or all of the balance, and our "
                "bereavement officer will look into that. Give me one moment while I set up the sixty "
                "days.", 14.0),
            (a, "Okay, the sixty days start today. Would you like to pay anything today, or would you "
                "rather wait?"),
            (u, "Mi can do five thousand today pon mi debit card, just fi show good faith."),
            (a, "That's fine. I'll transfer you to our secure payment line. You'll put in the card number, "
                "the expiry date and the security code with the buttons on your phone. I won't hear the "
                "numbers and they're not recorded, and then you'll come back to me."),
            (u, "Alright, mi ready.", 17.0),
            (u, "It say it go through."),
            (a, "Yes, five thousand dollars received, and your receipt number is P P two six oh four. Our "
                "bereavement officer, Mr Gordon, will send you the loan protection claim forms this week."),
            (u, "Thank you, mi dear. You really kind."),
            (a, "Is there anything else I can help you with, Mrs Barrett?"),
            (u, "No, mi alright now."),
            (a, "Thank you for calling, and again, my condolences to you and the family. Take care, Mrs "
                "Barrett.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, legal_mention=NA, bereavement=M, closing=M, long_silence=M, long_hold=M,
            agent_monologue=M, customer_frustration=NA),
    ]


def heldout14_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare14(), *service14()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h14-caller-{k}"
    return calls
