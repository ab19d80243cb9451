"""The fifth held-out set: 14 calls written blind, before any run; studied for packs 2026.12.8.

Written by a helper engineer, 2026-12-06, without reading the packs' phrase lists or the
matcher (only the rules' ids, kinds, timings and the README's summary of what each rule means),
while the matcher was being changed by someone else, so that the wording owes nothing to it.
New organisations (a car-finance lender and its collections line, a US debt-recovery agency, a
mortgage broker, a GP surgery, a dental plan, a counselling centre, a family practice, a
broadband and TV provider, an airline, a travel agent), new names, and wording as agents and
customers speak on the phone, UK and US. Compliant calls and violations of every labelled rule;
each rule of the pack is labelled by what it *means* (was a debt being collected? did a complaint
get an apology? was a "cancelled flight" a request to cancel? -- it was not), not by whether some
phrase was said. Nobody has rendered or scored these calls while writing them; nothing is to be
changed after their first run. Scored once unseen with packs 2026.12.7 (clean and both voices), then
studied for packs 2026.12.8 (their misses fixed for general causes), so this set is *seen* since then.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

AMEX = "3782 822463 10005"  # a public test PAN

_REBOOKING = (  # about 270 words: well over a minute of the agent alone, at any voice's pace
    "Okay, so here's where things stand. Your original flight, the four-forty to Denver, was canceled "
    "because of the storms coming through the Midwest, and since it's weather-related we don't cover a "
    "hotel, but you are entitled to a rebooking at no charge, or a full refund back to your card if you "
    "decide not to travel at all. Now, the next flight with open seats tonight is the nine-fifty, but "
    "it's oversold by six, so I really wouldn't put you on that one, you'd probably just end up stuck "
    "at the gate again. Tomorrow morning there's a six-fifteen nonstop with plenty of room, and there's "
    "also a seven-thirty that connects through Omaha and gets in about forty minutes later. If you take "
    "the six-fifteen, I can put you in an exit row at no extra cost, and I'll add a fifteen dollar meal "
    "voucher you can use at any of the food places in terminal three. Your checked bag stays in the "
    "system and it'll get moved over automatically to whichever flight you pick, so you don't need to "
    "go down to baggage claim for it. If you'd rather take the refund, that goes back on the original "
    "card and usually takes seven to ten business days to show up, and you'd give up the seat on "
    "tomorrow's flight. Oh, and one more thing, if you booked a hotel or a rental car in Denver for "
    "tonight, you'll want to call them as well, because changing the flight doesn't change those."
)


def _finance() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hv-fin-00", "finance", [
            (a, "Hiya, Kestrel Motor Finance, Nadia speaking. Quick heads-up, we record calls here for "
                "training and for your protection."),
            (u, "Oh right, yeah, fine. Erm, I've been on hold nearly forty minutes, which is a bit much, "
                "but anyway, I'm after a settlement figure on my car."),
            (a, "Oh, forty minutes, I'm really sorry about that, we've been short-staffed all week but "
                "that's no excuse. Can I grab your full name and date of birth to start?"),
            (u, "Lewis Hargreaves. Third of March, eighty-four."),
            (a, "Ta. And the registration of the vehicle?"),
            (u, "Y R one seven, K L D."),
            (a, "Smashing, that's you through security. So to pay the agreement off in full today it'd be "
                "six thousand two hundred and twelve pounds, and that figure's good for twenty-eight days."),
            (u, "Right. I can't do all that today, but could I knock a grand off it now on my debit card?"),
            (a, "Course you can. So I'm not taking your card details myself, I'll pop you onto our secure "
                "payment line. When it asks, type the card number in on your phone's keypad, then the "
                "expiry and the three digits on the back. I can't see or hear any of it."),
            (u, "Okay, go on.", 8.0),
            (u, "Right, it's saying payment accepted."),
            (a, "Yep, I can see the thousand's landed. Your new settlement figure'll come in the post."),
            (u, "And will paying it off early bump my credit score up?"),
            (a, "I honestly can't say how the agencies will score it, that's up to them, but it'll show as "
                "settled once it's cleared."),
            (u, "Fair enough."),
            (a, "Anything else I can help with while you're on?"),
            (u, "No, that's the lot."),
            (a, "Lovely. Cheers for calling Kestrel, Lewis, you take care.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=NA, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=M, escalation_offered=NA,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("hv-fin-01", "finance", [
            (a, "Summit Recovery, this is Travis. Just so you know, this call's being recorded."),
            (u, "Hey, uh, yeah, I got like three voicemails from you guys about my truck loan with "
                "Pinecrest? I'm, I'm kinda behind on it."),
            (a, "Okay, yeah, I can help with that. Can I get your full name and the last four of your "
                "social?"),
            (u, "Darnell Whitaker, and it's, uh, zero nine one two."),
            (a, "And your date of birth, Darnell?"),
            (u, "July eighth, nineteen ninety."),
            (a, "Alright, you're verified. So you're sixty-three days past due, that's two payments of "
                "four eighty-five plus a thirty-five dollar late fee, so one thousand and five dollars to "
                "bring it current."),
            (u, "Yeah. See, I got laid off from the warehouse back in March, I'm just doing gig stuff now "
                "and honestly I can barely cover rent."),
            (a, "I hear you, but the account's already flagged for repossession review, so I need "
                "something today. What can you put down?"),
            (u, "I mean... maybe two hundred? That's pretty much all I got till Friday."),
            (a, "Okay, two hundred. I'm gonna send you over to our automated payment line, it's secure, so "
                "when it beeps just punch in your card number and expiration on your keypad. I don't see "
                "any of that on my end.", 7.0),
            (u, "Okay, it says it went through."),
            (a, "Yep, two hundred posted. Confirmation number's S R four four eight one."),
            (u, "Okay.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=V, payment_script=M,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=V, long_silence=M, closing=V),
        scripted("hv-fin-02", "finance", [
            (a, "Oakmere Mortgages, good morning, Callum here."),
            (u, "Morning Callum. It's Priyanka Sood, I'm ringing about our mortgage application for the "
                "flat on Alder Street. It's been six weeks now and nobody's got back to us, not once. It's "
                "honestly a shambles."),
            (a, "Right, okay. Can you give me your date of birth and the postcode you applied from?"),
            (u, "Fourteenth of October, ninety-one, and it's E H seven, five B N."),
            (a, "Grand, that's you. Let me have a wee look at the file."),
            (a, "So it's with the lender's underwriters now. They asked for your last three payslips on the "
                "second and we sent them over on the fifth."),
            (u, "We're supposed to be exchanging at the end of the month. If this falls through we lose "
                "the flat."),
            (a, "Honestly, don't worry about it. I've seen hundreds of these, this one's getting approved, "
                "you'll definitely be in by the end of the month."),
            (u, "That's what your colleague said three weeks ago. Can I speak to a manager, please?"),
            (a, "They're all tied up in meetings today, I'm afraid, so it's just me."),
            (a, "Oh, and I'm meant to mention, this call's being recorded."),
            (u, "Right. Well, I'll wait to hear, then."),
            (a, "I'll chase the underwriters this afternoon and text you when I hear back. Is there "
                "anything else I can do for you in the meantime?"),
            (u, "No."),
            (a, "Okay, thanks for calling Oakmere, Priyanka, bye now.")],
            recording_notice=V, identity_before_account_details=M, mini_miranda=NA, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=V, complaint_acknowledged=V, escalation_offered=V,
            hardship_support=NA, long_silence=M, closing=M),
        scripted("hv-fin-03", "finance", [
            (a, "Good afternoon, thank you for calling Pinecrest Auto Credit, my name is Rosa, and this "
                "call is recorded for quality purposes."),
            (u, "Hi Rosa. Um, I'm calling 'cause I'm gonna miss my car payment again this month. My wife "
                "had surgery and the hospital bills are just, they're eating everything."),
            (a, "Oh, I'm sorry, that sounds like a really rough stretch. Can you give me your name, your "
                "date of birth, and the address on the loan?"),
            (u, "Sure, Marcus Delgado, February second, seventy-nine, eighteen twelve Cypress Lane."),
            (a, "Thank you, Marcus. I do have to let you know this is a communication from a debt "
                "collector, it's an attempt to collect a debt, and any information obtained will be used "
                "for that purpose. Right now you're thirty-one days behind, and the past due is three "
                "hundred seventy-two dollars."),
            (u, "Yeah."),
            (a, "What I can do is enroll you in our hardship program. We can move this month's and next "
                "month's payments to the end of your loan, so nothing's due till December, and I'll waive "
                "the late fee."),
            (u, "Oh wow, that would help a lot. Can I, uh, can I talk to your supervisor about the late "
                "fees from back in the spring too? There were like three of them."),
            (a, "Sure, let me see if she's free. Bear with me one second.", 24.0),
            (a, "Okay, thanks for holding, Marcus, I've got my supervisor Denise on the line for you."),
            (a, "Hi Marcus, Denise here. I've had a look, and I can take two of those fees off today. The "
                "third one I'll have to send for review."),
            (u, "That's great, thank you both."),
            (a, "You're welcome. Is there anything else we can help with today?"),
            (u, "Nope, that's everything."),
            (a, "Take care of that wife of yours, and thanks for calling Pinecrest.")],
            recording_notice=M, identity_before_account_details=M, mini_miranda=M, payment_script=NA,
            no_full_pan_readback=M, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=M,
            hardship_support=M, long_silence=V, closing=M),
        scripted("hv-fin-04", "finance", [
            (a, "Now then, Kestrel Motor Finance, collections, you're speaking to Shaun. Calls are "
                "recorded, just so you know."),
            (u, "Oh hiya. Yeah, I've had a letter about the car, it says I've missed a payment or "
                "something?"),
            (a, "Give us your agreement number, pet."),
            (u, "K M F, two oh four, seven seven one."),
            (a, "Right, so that's the Corsa. You've missed the last two, so that's four hundred and "
                "sixty-eight pound in arrears, plus a twelve pound charge."),
            (a, "Sorry, I should've done security first. Full name, date of birth and postcode?"),
            (u, "Kirsty Lowther, sixth of June eighty-nine, N E nine, four R T."),
            (a, "Thanks, Kirsty. Legally I've got to tell you this call's about collecting a debt, and "
                "anything you tell us will be used for that."),
            (u, "I've been signed off work with my back since September, I'm on statutory sick pay and "
                "money's really tight."),
            (a, "Oh, sorry to hear that, that's hard going. We can put a sixty-day breathing space on so no "
                "more charges go on while you get back on your feet, and I'll send you details for "
                "National Debtline, they give free advice."),
            (u, "That'd be good. I can pay the one month now though, I'd rather not fall further behind."),
            (a, "Champion. What's the card number?"),
            (u, f"It's an Amex, {AMEX}."),
            (a, f"Lovely, so that's {AMEX}. Expiry and the code?"),
            (u, "Oh eight twenty-seven, and the code's four four one two."),
            (a, "Two hundred and thirty-four's gone through, Kirsty, you'll get a receipt by email. Is "
                "there owt else I can do for you today?"),
            (u, "No, that's all, ta."),
            (a, "Look after that back, Kirsty. Ta-ra now.")],
            recording_notice=M, identity_before_account_details=V, mini_miranda=M, payment_script=V,
            no_full_pan_readback=V, no_outcome_promise=M, complaint_acknowledged=NA, escalation_offered=NA,
            hardship_support=M, long_silence=M, closing=M),
    ]


def _healthcare() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hv-hc-00", "healthcare", [
            (a, "Good morning, Hollybank Surgery, Bev speaking. Calls to the surgery are recorded for "
                "training and safety."),
            (u, "Morning. I had bloods done last Thursday and I wondered if they're back yet."),
            (a, "I'll check for you, love. Can I take your name, date of birth and the first line of your "
                "address?"),
            (u, "Alan Mercer, twenty-ninth of January nineteen sixty-six, and it's twelve Quarry Bank."),
            (a, "Thanks Alan. Yes, they're back, and Dr Osei has marked them as normal, no action needed."),
            (u, "Oh good. She did say she wanted a word about my tablets though. Could she give me a "
                "bell?"),
            (a, "She's got call-back slots this afternoon. Is the best number still the mobile we've got "
                "on your record, the one ending four one nine?"),
            (u, "Yes, that's the one."),
            (a, "Lovely, she'll ring you between two and four. Anything else I can do for you?"),
            (u, "No, that's grand, thanks."),
            (a, "You're welcome, Alan, bye now.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M),
        scripted("hv-hc-01", "healthcare", [
            (a, "Thanks for calling Smilewell Dental Plans, this is Marisol, how can I help you?"),
            (u, "Hi, yeah, I'm calling for my husband, Greg Tanaka? He had a crown done last month and we "
                "got a letter saying the claim was denied, and honestly this is ridiculous, we've been "
                "paying premiums for eleven years."),
            (a, "Oh, I'm so sorry, I know how frustrating a denial letter is. Let me pull him up. Okay, so "
                "the crown on tooth fourteen was denied because he had a crown on that same tooth in "
                "twenty twenty-two, and the plan only replaces them every five years. I also see a deep "
                "cleaning for gum disease and two fillings pending review, and a referral to an oral "
                "surgeon."),
            (u, "Wait, what referral? He didn't tell me about that."),
            (a, "Oh, uh, looks like it's for a wisdom tooth extraction."),
            (u, "Okay. Can someone call me back when you've looked at the appeal? I'm on five five five, "
                "oh one four three."),
            (a, "Sure, I'll put that number on the file and the appeals team will call you there."),
            (u, "Great."),
            (a, "Anything else I can help with today?"),
            (u, "No, that's it."),
            (a, "Alright, have a great rest of your day, bye-bye.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=V, callback_verification=V,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M),
        scripted("hv-hc-02", "healthcare", [
            (a, "Hi, you've reached Stillwell Counseling Center, this is Keisha. Just a heads-up, calls "
                "here are recorded."),
            (u, "Hi. Um. I'm calling about my brother, Daniel Reyes. He, um, he passed away last week, and "
                "he had appointments with you guys every Tuesday, and I need to get them cancelled."),
            (a, "Oh, I am so sorry about your brother. Of course I can help with that. Can you give me his "
                "date of birth and his home address, so I know I've got the right person?"),
            (u, "Yeah, it's, uh, May nineteenth, nineteen ninety-four, and thirty-one Linden Avenue, "
                "apartment four."),
            (a, "Thank you. Give me just a moment, our system's being really slow this morning.", 25.0),
            (a, "Okay, sorry about that wait. I've cancelled his remaining sessions with Dr Kaur, so there's "
                "nothing else booked."),
            (u, "Thanks. And, honestly, we got a reminder text for him yesterday. It was awful, seeing his "
                "name pop up like that."),
            (a, "Oh no, I'm really sorry, that must have been so painful. I've switched off all reminders "
                "and I'll let our office manager know what happened."),
            (u, "Thank you."),
            (a, "Is there anything else at all I can help you with today?"),
            (u, "No, that's everything."),
            (a, "Okay. Again, I'm very sorry for your loss. Take care of yourself, goodbye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=M, bereavement=M, closing=M, long_silence=V),
        scripted("hv-hc-03", "healthcare", [
            (a, "Hollybank Surgery, good afternoon, Tracey speaking. Just to let you know, we record our "
                "calls."),
            (u, "Hiya. Um, I'm ringing because my dad died on Saturday, and I think he's still got repeat "
                "prescriptions set up with you, so they'll need stopping."),
            (a, "Okay. What's his name and date of birth?"),
            (u, "Raymond Fletcher, the tenth of August, nineteen forty-one."),
            (a, "And the first line of his address?"),
            (u, "Nine Weaver's Row."),
            (a, "Right, I've got him. So there's his metformin, the amlodipine and the co-codamol on "
                "repeat, I'll stop all three. He's also got an outstanding referral to the memory clinic "
                "and some results back from his liver scan, d'you want me to read those out?"),
            (u, "No, no, that's fine. Could Dr Hughes ring me, though? I've a few questions about the death "
                "certificate."),
            (a, "Course. Is it the number we've got down for you as his next of kin, ending six oh two?"),
            (u, "That's it, yeah."),
            (a, "Right, I'll put a note in and she'll call this afternoon. Anything else?"),
            (u, "No, that's everything."),
            (a, "Okay then, thanks for letting us know, bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=V, callback_verification=M,
            complaint_acknowledged=NA, bereavement=V, closing=M, long_silence=M),
        scripted("hv-hc-04", "healthcare", [
            (a, "Maple Grove Family Medicine, this is Brandon, and this call may be recorded."),
            (u, "Hi Brandon. So, two things. I need to book a follow-up with Dr Alvarez, and I got a bill "
                "for two hundred forty dollars for my physical, which is supposed to be covered a hundred "
                "percent. I'm really not happy about it."),
            (a, "Okay, what's your name and date of birth?"),
            (u, "Jennifer Kowalski, K O W A L S K I, November third, nineteen eighty-two."),
            (a, "Got you. Dr Alvarez wants to see you about your cholesterol results. I've got Wednesday "
                "the ninth at ten forty, or Friday at two."),
            (u, "Wednesday works. And the bill?"),
            (a, "Billing's a separate department, they handle all that."),
            (u, "Can the nurse give me a call about the cholesterol before then? I'd like to know what the "
                "numbers were."),
            (a, "Sure. Is the cell ending two two seven still good?"),
            (u, "Yep."),
            (a, "Okay, I'm gonna transfer you to billing now.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=V, bereavement=NA, closing=V, long_silence=M),
    ]


def _service() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("hv-svc-00", "service", [
            (a, "Hello, thanks for calling Zephyr Fibre and TV, you're through to Imran. How can I help?"),
            (u, "Hiya Imran. I want to cancel the TV side of things. It's eighty-five quid a month and we "
                "hardly watch it, we've got Netflix anyway."),
            (a, "Ah, fair enough. Before you make your mind up, can I see what I can do? If I drop the "
                "sports and cinema packs, I can keep the box and the broadband for forty-two a month, and "
                "throw in six months of Netflix on us."),
            (u, "Forty-two? Hang on, that's half what I'm paying now."),
            (a, "It is, yeah, and there's no new contract, it's just a thirty-day rolling plan."),
            (u, "Go on then, I'll have that."),
            (a, "Sorted, it kicks in from your next bill, and you'll get an email confirming it all. "
                "Anything else I can do today?"),
            (u, "No, that's great, cheers."),
            (a, "No worries, enjoy the rest of your evening.")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("hv-svc-01", "service", [
            (a, "Heron Airways, Tyler speaking, can I get your confirmation code?"),
            (u, "Yeah, it's H, seven, K, Q, two, P. Look, my flight to Denver got canceled, I've been stuck "
                "at O'Hare for nine hours and nobody at the gate knows anything. This is a total "
                "nightmare."),
            (a, "Oh man, nine hours, I'm really sorry, that's a miserable day. Let me see what I can do."),
            (a, _REBOOKING),
            (u, "Okay, I honestly didn't follow half of that. Can I just talk to a supervisor?"),
            (a, "Of course, I can get a supervisor on the line for you. Before I do, want me to hold that "
                "seat on the six-fifteen so you don't lose it?"),
            (u, "Yeah, hold it, then put me through."),
            (a, "Done, the seat's held. Thanks for your patience, and have a safe flight home. I'm "
                "transferring you to my supervisor now.")],
            greeting=V, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=V, closing=M),
        scripted("hv-svc-02", "service", [
            (a, "Morning, Wanderly Travel, it's Ffion, how can I help?"),
            (u, "Hi Ffion. I'd like to cancel my Wanderly Plus membership, please, the annual one."),
            (a, "Okay, can I take the email address on the account?"),
            (u, "It's m dot okafor at example dot com."),
            (a, "Lovely, bear with me while I find it.", 25.0),
            (a, "Right, found you. That's the membership cancelled, it'll run until the fourteenth of next "
                "month and it won't renew after that."),
            (u, "Good. And to be honest, your app's been rubbish lately, it crashed twice when I was trying "
                "to pay for our Lisbon trip and I ended up getting charged twice."),
            (a, "Okay, so the double charge, the second one should drop off within five working days."),
            (u, "Right."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No, that's it."),
            (a, "Thanks for calling Wanderly, have a lovely day.")],
            greeting=M, agent_name=M, cancellation_save=V, complaint_acknowledged=V, escalation_offered=NA,
            long_silence=V, agent_monologue=M, closing=M),
        scripted("hv-svc-03", "service", [
            (a, "Hiya, thanks for ringing Zephyr, what can I do for you?"),
            (u, "Hi. My broadband's been down for a week, a whole week, and I work from home. I've lost two "
                "days' pay over it and I'm absolutely fed up."),
            (a, "Oh no, a week with no internet when you're working from home, that's awful, I'm so sorry. "
                "Let's get it fixed. Can I take the postcode and the first line of the address?"),
            (u, "C F ten, three A B, and it's twenty-seven Heol Y Nant."),
            (a, "Thanks. Right, I can see there's a fault logged on your line from last Tuesday. I'll run "
                "a line test now."),
            (u, "I've done all the tests with your lot already. I want to speak to your manager, please."),
            (a, "The line test only takes a minute, let's do that first and see what it says."),
            (a, "Okay, it's showing a fault between the cabinet and your house, so it needs an engineer. "
                "I'm Gareth, by the way, sorry, I should've said that at the start."),
            (u, "Right. If it's not fixed by Friday, I'm cancelling and going to another provider, I mean "
                "it."),
            (a, "I totally get that. I've booked an engineer for Thursday morning, and if you stay I'll "
                "credit you a full month's bill for the hassle and put you on our five hundred meg "
                "package at the same price."),
            (u, "Fine. Thursday then."),
            (a, "Thursday it is, between eight and one.")],
            greeting=M, agent_name=V, cancellation_save=M, complaint_acknowledged=M, escalation_offered=V,
            long_silence=M, agent_monologue=M, closing=V),
    ]


def heldout5_calls() -> list[ScriptedCall]:
    """Fourteen unseen calls (5 finance, 5 healthcare, 4 service), deterministic."""
    calls = [*_finance(), *_healthcare(), *_service()]
    for k, c in enumerate(calls):
        c.agent = f"agent-{k % 5 + 1}"
        c.caller_key = f"hv-caller-{k}"
    return calls
