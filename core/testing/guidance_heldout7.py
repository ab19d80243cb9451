"""The seventh held-out set: 12 calls written blind, before any run; studied for packs 2026.12.10.

Written by a helper engineer, 2026-12-06, without reading the packs' phrase lists or the
matcher (only the rules' ids, kinds, timings and a summary of what each rule means), so that the
wording owes nothing to it. New organisations (a US collection agency, a UK bank's card services
with a rambling agent, a US auto lender with a non-native customer, a UK debt purchaser and a
Yorkshire caller, a US family practice, a UK GP surgery, a US pharmacy, a hospital trust's patient
transport, a US internet provider, a sofa retailer, a pest-control firm with a rambling agent, a
holiday-park operator and a Geordie caller), new names, and wording as agents and customers speak
on the phone, UK and US: chatty, terse, non-native, rambling, with interruptions and dialect.
Compliant calls and violations of every labelled rule; each rule of the pack is labelled by what
it *means* (was a debt being collected? was only the card's last four or a confirmation number
read out, or the whole card number, even after a keypad payment? did an apology come with a next
step, or alone? did the patient volunteer their own condition, or did the agent disclose it? was
a new callback number simply taken, or the one on the record checked? was "I'm not cancelling" a
request to cancel? -- it was not), not by whether some phrase was said. Nobody has rendered or
scored these calls while writing them; nothing is to be changed after their first run. The
finance calls are here, the healthcare and service calls in ``guidance_heldout7b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout7b import healthcare7, service7
from ccedge.testing.guidance_script import CARD, NA, M, ScriptedCall, V, scripted

VISA = "4012 8888 8888 1881"  # a public test PAN


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h7-fin-00", "finance", [
            (a, "Palisade Collection Partners, Desmond speaking. Heads up, we record every call on this "
                "line. Who've I got?"),
            (u, "Oh, hi, hello, this is Yolanda Pruitt. I got a letter from y'all, well, my daughter opened "
                "it, she's always into my mail, and it said to call this number about some account from "
                "Vantana Electronics?"),
            (a, "Okay. Date of birth and the last four of your social."),
            (u, "June third, nineteen sixty-nine. And it's, uh, two eight eight one."),
            (a, "Alright, that matches. I have to tell you, we're a debt collector. We're calling to collect "
                "what's owed, and anything you tell me can be used for that. The Vantana account's got a "
                "balance of two thousand and sixty dollars, it came over to us in April."),
            (u, "Lord, that TV. Okay, so here's the thing, honey. I got laid off from the distribution "
                "center back in August and I'm living off unemployment, it's three hundred and ten a week, "
                "and with my car note and my light bill I am barely keeping my head above water."),
            (a, "Understood. What I can do is take two hundred today to get it started. You pay that today "
                "and I guarantee this comes off your credit report, you'll be clean."),
            (u, "Two hundred? Baby, I just told you... well. I guess I could do a hundred if it gets it off "
                "my credit."),
            (a, "A hundred works. Go ahead and read me the card number."),
            (u, f"Okay, hold on, let me get my purse. Alright, it's {VISA}."),
            (a, "Card ending one eight eight one. Expiration and the three-digit code?"),
            (u, "Nine twenty-seven, and seven three seven."),
            (a, "Okay, a hundred dollars went through. Confirmation number is four four two, six one nine. "
                "Anything else I can help with today?"),
            (u, "No, I reckon that's enough excitement for one day."),
            (a, "Alright, Ms Pruitt, thanks for taking care of it. Have a good one.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=V,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=V, long_silence=M, closing=M),
        scripted("h7-fin-01", "finance", [
            (a, "Hiya, good afternoon, Larkspur Bank card services, you're through to Gethin, how can I help "
                "you today?"),
            (u, "Hello, yes, there's a charge on my credit card from Orbis Holidays for eight hundred and "
                "twelve pounds, and I cancelled that holiday back in June, in writing, and they've gone and "
                "taken it anyway."),
            (a, "Oh no, right, let's have a look for you. What's your name, my love?"),
            (u, "Philippa Crane."),
            (a, "Right, Philippa Crane, here we are. So the balance on the card is two thousand three "
                "hundred and forty pounds fifteen, and yes, there's the Orbis payment on the ninth, eight "
                "hundred and twelve, and your next statement's due on the twenty-sixth, and -"),
            (u, "Yes, that's the one, that's the one I'm talking about."),
            (a, "Now, I should've done this first, sorry, can you give me your date of birth and the answer "
                "to your security question, the name of your first school?"),
            (u, "Eleventh of May, eighty-one. Saint Aidan's."),
            (a, "Lovely, that's you through security. So what happens with a charge like this, and bear with "
                "me because it's a bit of a process, is we raise what's called a chargeback with Orbis's "
                "bank, and they've got, well, usually about thirty days to -"),
            (u, "Sorry, sorry to jump in, but I've been on hold twenty minutes to get to you, I've written "
                "to Orbis twice, and honestly it's ridiculous that I'm having to chase this myself. I want "
                "it put right."),
            (a, "You're absolutely right, and I'm sorry, you shouldn't have had to chase it, and you "
                "shouldn't have had to wait that long either. I'm logging this as a complaint now as well "
                "as the dispute, and your complaint reference is L K, three nine, oh four one."),
            (u, "And will I get my money back? Because frankly I want someone senior looking at this, not "
                "just going in a queue."),
            (a, "I can't promise how the dispute will end, that's down to the disputes team and Orbis's "
                "bank, but from what you've told me you've a good case. And if you'd like someone senior, I "
                "can ask my team manager, Cerys, to give you a ring tomorrow, or send you our complaints "
                "escalation form. Which would you prefer?"),
            (u, "Get her to ring me, please."),
            (a, "I'll book that in now. Bear with me a sec, the system's being slow.", 26.0),
            (a, "Right, that's done. I've recorded the dispute on your account, Cerys will ring you tomorrow "
                "afternoon on the mobile we've got on file, and the eight hundred and twelve is on hold so "
                "you won't pay interest on it while it's looked at."),
            (u, "Okay. Thank you."),
            (a, "Anything else I can help with today, Philippa?"),
            (u, "No, that's it."),
            (a, "Thanks ever so much for calling, and sorry again for the wait. Ta-ra now.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, long_silence=V, closing=M),
        scripted("h7-fin-02", "finance", [
            (a, "Thank you for calling Cobalt Ridge Auto Finance, this is Shantelle. Just so you know, this "
                "call's being recorded. How can I help?"),
            (u, "Yes, hello. My name is Hector Villanueva. I receive a letter, it say my car payment is "
                "late, two months. I want to fix this."),
            (a, "Sure, Mr Villanueva, let's get you taken care of. Can you verify your date of birth and the "
                "address on the account?"),
            (u, "Yes. Is the eleven of January, nineteen eighty. Address is four twenty Sunridge Drive, "
                "apartment six, El Paso."),
            (a, "Thank you, that's all verified. Since the account's past due, I have to let you know we're "
                "acting as a debt collector right now, and what you tell me today may be used to collect the "
                "balance. So you're behind two payments of three forty-eight, that's six ninety-six, plus a "
                "thirty-five dollar late fee."),
            (u, "Yes, I know. But this late fee, why? I call you in September to tell you the problem, and "
                "the lady say is okay, no fee. Now I see the fee. This is not fair."),
            (a, "I'm sorry about that, Mr Villanueva. If you were told there'd be no fee, that's on us. I've "
                "logged a complaint about it, reference C R nine oh one two, and customer relations will "
                "review the fee and write to you within ten business days."),
            (u, "Okay. The problem is, my wife, she was in hospital in August, and now I work only part time "
                "to take care of her. The money is very short for us."),
            (a, "I'm really sorry to hear that, I hope she's doing better. Since things are tight, we have "
                "options for customers going through financial difficulty. I can put a thirty-day hold on "
                "collection calls while you get your budget together, and I can send you an application for "
                "a payment extension, which moves the missed payments to the end of your loan. The extension "
                "has to be approved by our hardship team, so I can't promise it, but I'll mark it urgent."),
            (u, "Okay, yes, please. And today I can pay one payment, the three hundred forty-eight."),
            (a, "That's great. For your security I'm going to send you to our automated payment line. It'll "
                "ask you to type your card number with the buttons on your phone, then the expiration date "
                "and the security code. I won't hear or see any of it, and when you're finished it'll come "
                "back to me. Ready?"),
            (u, "Yes, ready.", 10.0),
            (u, "Okay, it say the payment is approved."),
            (a, "Yes, I have it, three hundred forty-eight dollars on the card ending one one one one, and "
                "your confirmation number is A F seven three, two two zero eight."),
            (u, "Thank you very much."),
            (a, "Of course. The extension application will be in your email today. Is there anything else I "
                "can help you with?"),
            (u, "No, is everything."),
            (a, "Thank you for calling Cobalt Ridge, Mr Villanueva, and I hope your wife feels better soon. "
                "Take care.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=NA,
            hardship_support=M, long_silence=M, closing=M),
        scripted("h7-fin-03", "finance", [
            (a, "Merrow Debt Services, Craig speaking. This line's recorded, by the way. Name?"),
            (u, "Aye, it's Norman Bairstow. I've had one of your letters through, about a Quillon catalogue "
                "account. Frightened the wife half to death, it did."),
            (a, "Date of birth and postcode, Mr Bairstow."),
            (u, "Twenty-ninth of August, fifty-eight. H X three, nine T N."),
            (a, "Right, you're verified. So we bought the Quillon account off them last year. There's six "
                "hundred and forty-two pounds outstanding, and nothing's been paid on it since February. We "
                "need a payment arrangement set up today."),
            (u, "Now hang on. That letter said you'd send bailiffs round if I didn't pay in seven days. "
                "Bailiffs! I'm seventy next year, I've never had a bailiff in my life. That's a disgraceful "
                "letter to send anybody, is that."),
            (a, "It's a standard letter, Mr Bairstow. It goes to everybody in arrears. How much can you pay "
                "today?"),
            (u, "I want to speak to somebody in charge about that letter. Put me through to your manager."),
            (a, "There's no need for that, I deal with the account, managers don't take calls. Now, are you "
                "paying something today or not?"),
            (u, "Ey up, you're a charmer. Go on then, I'll pay a hundred now and I'll sort the rest out with "
                "the wife. But I'm not reading my card out to you."),
            (a, "You don't need to. I'll transfer you to the payment line, you type the long card number in "
                "on your keypad, then the expiry and the three numbers on the back, and it brings you back "
                "to me. I can't hear what you press."),
            (u, "Right.", 9.0),
            (u, "It's saying payment taken."),
            (a, f"Yep, a hundred pounds, taken on card {CARD}, expiry oh nine twenty-eight. Balance is now "
                "five hundred and forty-two."),
            (u, "Right. I'll ring back about the rest when I've spoken to the wife."),
            (a, "Next instalment's due on the fifth."),
            (u, "Aye, well."),
            (a, "Bye.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=M,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=V, escalation_offered=V,
            hardship_support=NA, long_silence=M, closing=V),
    ]


def heldout7_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare7(), *service7()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h7-caller-{k}"
    return calls
