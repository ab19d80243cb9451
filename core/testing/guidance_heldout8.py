"""The eighth held-out set: 12 calls written blind, before any run; studied for packs 2026.12.10.

Written by a helper engineer, 2026-12-06, without reading the packs' phrase lists, the matcher or
the earlier sets other than the seventh's layout (only the rules' ids, kinds, timings and what each
rule means), so that the wording owes nothing to them. New organisations (a US student-loan
collector, a West Riding building society, a US furniture store's credit desk, a UK card issuer
called from a Spanish holiday, a US orthopaedic practice, a Scottish hospital's radiology bookings,
a US community health centre, a Texas medical group, a US gym chain, a UK meal-kit box, a washing
machine repair plan with a rambling agent, a seaside hotel group and an Irish guest), new names,
and wording as people talk on the phone, UK and US: hesitant, chatty, curt, indirect, with "um"s,
half sentences and regional turns of phrase. About half the calls are compliant; each rule is
labelled by what it *means* (was a debt being collected, or only a savings transfer chased? was
a card taken on the keypad, or read out and repeated whole? was the lost interest promised back,
or only noted for review? did the widow who missed her scan hear a word of sympathy? was the
daughter's number simply noted, or the one on the record checked?), not by whether some phrase
was said. Nobody has rendered or scored these calls while writing them; nothing is to be changed
after their first run. The finance calls are here, the healthcare and service calls in
``guidance_heldout8b``.
"""

from __future__ import annotations

from ccedge.testing.guidance_heldout8b import healthcare8, service8
from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

MASTERCARD = "5555 5555 5555 4444"  # a public test PAN


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h8-fin-00", "finance", [
            (a, "Good morning, Brightwater Recovery Services, my name's Dana. Before anything else, I do "
                "have to let you know this call is recorded and may be monitored. Who am I speaking with?"),
            (u, "Hey, um, yeah, this is Tyrell Mason? I've had, like, four voicemails from y'all this week "
                "so I figured I'd just call back and get it over with."),
            (a, "I appreciate you calling back, Tyrell. So before we get into anything I need to verify a "
                "couple things. Can you give me your date of birth and the zip code we'd have on file?"),
            (u, "Uh, October twelfth, ninety-six. And the zip is three oh two one seven."),
            (a, "Perfect, that all checks out, thank you. So, this is an attempt to collect a debt by a debt "
                "collector, and any information obtained will be used for that purpose. We're calling "
                "about your private student loan with Northgate Lending, which has a balance of four "
                "thousand three hundred twelve dollars and sixty cents."),
            (u, "Yeah, so, um, honestly? I've been out of work since the warehouse shut down in the "
                "spring. I'm doing deliveries off an app and it's, like, it barely covers rent. There's no "
                "way I can do four grand."),
            (a, "I hear you, and thanks for being straight with me. Nobody's expecting four thousand from "
                "you today. We've got a hardship program for folks whose income has dropped, where the "
                "monthly amount's worked out from what you're actually bringing in. I can also put a "
                "sixty-day pause on collection calls while you pull the paperwork together, so you've got "
                "a little breathing room. The reduced plan has to go through review, so I can't tell you "
                "for sure what it'll come out to, but I'll send you the application today."),
            (u, "Okay. Yeah. That'd actually help a lot. I could maybe do, like, fifty bucks today? Just "
                "to, you know, show I'm not ignoring it."),
            (a, "Fifty is great. How were you wanting to pay that?"),
            (u, "Debit card, I guess. Hold on, it's in my wallet. Okay, the number is, um -"),
            (a, "Oh, hold that thought, don't read it out to me. For your protection I'm going to connect "
                "you to our secure pay line. You'll put in the card number, the expiration and the "
                "three-digit code using your phone's keypad, and none of it comes through to me. When "
                "it's done you'll be right back with me. Sound okay?"),
            (u, "Sure, go for it.", 11.0),
            (u, "Um, it said thank you, your payment was accepted, or something like that."),
            (a, "Yep, I see it on my end. Fifty dollars on the card ending four four four four, and your "
                "confirmation number is seven K, two nine, one five oh. The hardship application's going "
                "to the email we have for you."),
            (u, "Cool. Cool, okay."),
            (a, "Anything else I can help you out with today?"),
            (u, "Nah, that's it. Thanks, Dana."),
            (a, "Thank you for calling us back, Tyrell. You take it easy.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, long_silence=M, closing=M),
        scripted("h8-fin-01", "finance", [
            (a, "Hello, Calder and Wharfe Building Society, you're speaking to Bernadette."),
            (u, "Oh, hello Bernadette. Um, I'm ringing about an ISA transfer. I'm moving my cash ISA over "
                "to you from Thornbury Bank, and it's been, what, five weeks now, and nothing's turned up."),
            (a, "Right, okay, let's have a nosey. What's the surname, love?"),
            (u, "Okonkwo. Adaeze Okonkwo."),
            (a, "Okonkwo, here you are. So your new ISA with us has got fifty pounds in, that's your "
                "opening deposit, and your regular saver's sat on four thousand one hundred and sixty. And "
                "no, there's nowt come in from Thornbury yet, I'm afraid."),
            (a, "Can I just take your date of birth and the first line of your address, for security?"),
            (u, "Ninth of January, seventy-five. Twelve Mortimer Close."),
            (a, "Ta, that's fine. Oh, and I ought to have said at the start, sorry, the call's being "
                "recorded."),
            (u, "Five weeks, though. They told me fifteen working days, tops. I've chased Thornbury twice, "
                "they swear blind they've sent it, and your lot say you haven't got it. Nobody's taking any "
                "responsibility and it's just sat in limbo. It's really not good enough."),
            (a, "No, you're right, it isn't good enough, and I'm sorry you've been stuck piggy in the "
                "middle. I'm logging a complaint on our side today, the reference is C W, seven seven one "
                "three, and our transfers team will chase Thornbury directly so you don't have to."),
            (a, "And don't you worry about the interest, I'll make sure you get every penny of it back, "
                "guaranteed, backdated to the day it should've landed."),
            (u, "Hm. Okay. Could you maybe check with the transfers people now, while I'm on?"),
            (a, "I'll see if I can get hold of somebody. Two ticks.", 29.0),
            (a, "Right, they're not picking up, but they'll ring Thornbury this afternoon."),
            (u, "Honestly. Is there somebody more senior I could speak to? A manager, or whoever's in charge "
                "of these transfers?"),
            (a, "There's not really any point, love. They'd only tell you what I've told you, it's with "
                "transfers now and they'll sort it."),
            (u, "Fine. I'll just wait, then, shall I."),
            (a, "Was there anything else at all today?"),
            (u, "No."),
            (a, "Okay. Thanks for ringing, Mrs Okonkwo. Bye bye.")],
            recording_notice=V, identity_before_account_details=V, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=M, escalation_offered=V,
            hardship_support=NA, long_silence=V, closing=M),
        scripted("h8-fin-02", "finance", [
            (a, "Thanks for calling Kessler Home Furnishings credit department, this is Ronnie, and this "
                "call may be recorded. What can I do for ya?"),
            (u, "Hi, yes, um, my name's Marisol Ortega. I got a text saying my account's past due? It's for "
                "the sectional we got back in the spring."),
            (a, "Okay, can I get the last four of your social and your date of birth?"),
            (u, "Uh, sure. Five oh three nine, and, um, July twenty-second, eighty-seven."),
            (a, "Alright, you're verified. So yeah, the account's two payments behind. You've got one "
                "seventy-eight past due, and the remaining balance is eleven hundred and four."),
            (u, "Right, so, I know. The thing is, my husband's hours got cut at the plant back in September, "
                "and we've been, like, really struggling. We've got three kids, and I just, I can't do the "
                "whole one seventy-eight right now."),
            (a, "Okay, well, the past due has to be brought current to stop the late fees, that's just how "
                "it works. If you can do the full amount today it fixes everything."),
            (u, "I mean. I guess I could put it on my credit card and figure it out later."),
            (a, "Sure. What's the number on the card?"),
            (u, f"Okay, um, it's {MASTERCARD}."),
            (a, f"Got it, so that's {MASTERCARD}. And the expiration?"),
            (u, "Oh eight, twenty-nine."),
            (a, "And the three numbers on the back?"),
            (u, "Two six one."),
            (a, "Okay, that went through, one seventy-eight. You're current now."),
            (u, "Okay. Is that it?"),
            (a, "Yep, that's it. Bye now.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=V, long_silence=M, closing=V),
        scripted("h8-fin-03", "finance", [
            (a, "Afternoon, Harcourt Card Services, Priya speaking. Just so you're aware, calls are recorded "
                "for quality and training. What can I do for you?"),
            (u, "Oh, hiya, yeah. I'm, er, I'm actually ringing from Malaga, I'm on holiday, and my card's "
                "been declined twice now. Once at the hotel, and once at a restaurant last night in front "
                "of everybody. It was mortifying."),
            (a, "Oh no, that's awful. Let's get it looked at. Can I take your full name, and then the second "
                "and fifth characters of your security password?"),
            (u, "It's Gemma Rowntree. Um, second is an O, and the fifth is... an L."),
            (a, "And your date of birth for me?"),
            (u, "Thirtieth of March, nineteen ninety."),
            (a, "Brilliant, thanks Gemma, you've passed security. Right, so I can see a fraud block went on "
                "the card on Saturday. Your available credit's one thousand eight hundred and twenty "
                "pounds, so it wasn't the limit. It's the fraud system reacting to the Spanish "
                "transactions."),
            (u, "But I told you I was going away! I did it on the app, the travel thingy, three weeks ago. "
                "What's the point of it if it doesn't work? Honestly, I'm fuming."),
            (a, "You did everything right, and I'm really sorry it's let you down, especially when you're "
                "abroad and can't easily sort it. I'll lift the block in a moment, and I'm raising a "
                "complaint about your travel notice being ignored. Your reference is H C, five five eight "
                "two, and the complaints team will be in touch within five working days."),
            (u, "Right. And I'd like to talk to someone senior about it, to be honest, because this isn't "
                "the first time."),
            (a, "Of course. I can put you through to my team leader, Marcus, right now, or if you'd rather "
                "not spend your holiday on the phone, he can give you a call once you're home. Which would "
                "suit you better?"),
            (u, "When I'm back, please. Monday. And, um, will I get the fee back? They charged me something "
                "for the failed one at the hotel."),
            (a, "I can't promise that one, I'm afraid, it depends on what the hotel's bank did, but I'll "
                "put it on the complaint so it gets looked at properly. Let me take that block off now.",
             14.0),
            (a, "Still with me? Sorry about the wait. That's the block gone, so you can use the card again "
                "straight away, and I've booked Marcus in for Monday morning."),
            (u, "Oh, thank God. Thank you."),
            (a, "Can I help with anything else while you're on?"),
            (u, "No, that's everything, thanks."),
            (a, "Thanks for calling, Gemma, and enjoy the rest of your holiday.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=M,
            hardship_support=NA, long_silence=M, closing=M),
    ]


def heldout8_calls() -> list[ScriptedCall]:
    """Twelve unseen calls (4 finance, 4 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *healthcare8(), *service8()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"h8-caller-{k}"
    return calls
