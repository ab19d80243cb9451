"""The healthcare and service calls of the twelfth held-out set (``guidance_heldout12``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations and voices.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_ZONES = (  # about 230 words: well over a minute of the agent alone
    "So here's how it works. The zone permit is for the block you live on, and your block is zone three "
    "eighty-three, that's Belmont up to Roscoe, Damen over to Western. The permit runs a year, July first "
    "to June thirtieth, and it's twenty-five dollars for a regular car, more if it's one of them big "
    "trucks, and if you buy after January it's half price, but you're buying now, so it's the full "
    "twenty-five. Before we can issue it you need three things. The car's gotta be registered at your "
    "new address with the Secretary of State, not your old one. You need proof you live there, a lease "
    "or a utility bill in your name, dated in the last thirty days. And you need the city vehicle "
    "sticker, the wheel tax one, that's a separate thing and it's not us, that's the clerk's office. "
    "Enforcement in three eighty-three is six at night to six in the morning, every night except "
    "Sunday, and the street cleaning signs are separate again, the permit doesn't get you out of those. "
    "If you have people over, you buy guest passes, they come in books of fifteen for eight dollars, "
    "you scratch off the date and put it on the dash, driver's side, where they can see it. And if you "
    "park in a zone that isn't yours, that's a seventy-five dollar ticket, permit or no permit, so don't "
    "go parking over on the other side of Western."
)


def healthcare12() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h12-hc-00", "healthcare", [
            (a, "Good morning, Tolka Vale Medical Practice, Róisín speaking. Just so you know, calls to the "
                "surgery are recorded. What can I do for you?"),
            (u, "Ah, howya Róisín. Listen, I'm after having bloods done there last Tuesday and I'm "
                "wondering are they back yet. And I have to say, I rang yesterday and was left hanging on "
                "the line for forty minutes before it cut me off. It's a bit much, like."),
            (a, "Ah no, I'm sorry about that, that's not good enough. Mornings are chaos here, but that's no "
                "excuse. I'll put it in the complaints book for the practice manager so she sees it. Now, "
                "about the bloods, can I get your full name and your date of birth?"),
            (u, "Declan Furlong. Twenty-third of May, nineteen eighty-four."),
            (a, "Thanks, Declan. And just the first line of your address?"),
            (u, "Fourteen Clonturk Grove."),
            (a, "Lovely, that's you. So the results are back, and Dr Nwosu has marked them normal, no "
                "action needed. That includes the thyroid test she was checking for."),
            (u, "Oh, brilliant, that's a weight off. One other thing. Could she ring me about changing my "
                "blood pressure tablets? They have me dizzy in the mornings."),
            (a, "She can, surely. She does her phone calls after lunch. The number we have for you is a "
                "mobile ending four four seven one. Is that still the right one?"),
            (u, "It is, yeah."),
            (a, "Grand, I've put you on her list for today. Anything else I can help you with?"),
            (u, "No, that's it. Thanks a million."),
            (a, "No bother, Declan. Thanks for calling, and mind yourself.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M, long_hold=NA,
            customer_frustration=NA),
        scripted("h12-hc-01", "healthcare", [
            (a, "Cascade Foothills Veterans Clinic, billing, this is Travis. How can I help you?"),
            (u, "Hi, Travis. My name's Marcy Whitcomb. I'm calling for my husband, Gene, he's a veteran, "
                "he's a patient up there. I'm on his paperwork to talk about his bills. We got a statement "
                "for eight hundred sixty dollars and I just can't make heads or tails of it."),
            (a, "Sure thing, Marcy. Gene Whitcomb, yep, here he is. Okay, so the eight sixty is for his "
                "physical therapy on the left knee, the six sessions in October. And looking at the "
                "account, he's also got the counseling for the PTSD every other week, the audiology "
                "fitting for his hearing aids, and the diabetic eye exam back in September, but those all "
                "went through community care, so they're zero balance."),
            (u, "Oh. Okay. Well, that's, um, more than I needed, honestly. It's just the knee I'm asking "
                "about. The VA told us the physical therapy was covered because his knee is "
                "service-connected. So this bill's wrong, and frankly, this is the third time we've had to "
                "call about a bill that's wrong."),
            (a, "I'm sorry, Marcy, that's on us, and I understand why you're fed up. I'm logging a billing "
                "complaint right now, and I'm sending the knee claims to our community care coordinator to "
                "check against his service-connected rating. While it's being reviewed the bill's on hold, "
                "so you don't need to pay anything. You should get a letter within thirty days."),
            (u, "Okay. Thank you. I appreciate that."),
            (a, "You bet. Oh, and just for the file, could you give me Gene's date of birth?"),
            (u, "April second, nineteen sixty-nine."),
            (a, "Thanks. Is there anything else I can help with today?"),
            (u, "No, that's it."),
            (a, "Alright, thanks for calling, Marcy, and tell Gene we said hi.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M, long_hold=NA,
            customer_frustration=NA),
        scripted("h12-hc-02", "healthcare", [
            (a, "Good morning, Humber Bend Physiotherapy, this is Farah. Just so you know, this call may be "
                "recorded. How can I help?"),
            (u, "Hey, Farah. Yeah, um, it's Andre Campbell. So I just checked my credit card and you guys "
                "charged me a sixty-five dollar no-show fee for last Thursday. But I called the day before "
                "to cancel, I talked to somebody. So that's kinda not fair, you know?"),
            (a, "Oh, I'm sorry, Andre, that's annoying, and if you called ahead you shouldn't have been "
                "charged. I'm going to note this as a complaint for our clinic manager and look into it "
                "right now. Can I just confirm your date of birth and your postal code first?"),
            (u, "July ninth, ninety-two. Postal code is M six S, two K four."),
            (a, "Thank you, that matches. Okay, give me a sec while I look at your file.", 11.0),
            (a, "Alright, so I see the note from Wednesday saying you cancelled, so the fee was a mistake on "
                "our end. I've asked for it to be reversed, and the manager will confirm by email. And "
                "your next session with Jordan for the shoulder is still on for Tuesday at four."),
            (u, "Okay, cool. Um, actually, can Jordan call me before then? I wanna ask if I should keep "
                "doing the band exercises, 'cause it's been kinda sore."),
            (a, "For sure. I have four one six, five five five, oh one four eight on your file. Is that "
                "still the best number to reach you?"),
            (u, "Yeah, that's me."),
            (a, "Perfect, I'll leave Jordan a message to call you today or tomorrow. Anything else I can do "
                "for you?"),
            (u, "Nah, that's it. Thanks, Farah."),
            (a, "No problem, Andre. Thanks for calling, take care.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M, long_hold=NA,
            customer_frustration=NA),
        scripted("h12-hc-03", "healthcare", [
            (a, "Good afternoon, Fynbos Medical Scheme, Riaan speaking. Please note calls are recorded for "
                "quality purposes. How can I help?"),
            (u, "Hi, Riaan. I'm phoning about my mother, Grace Mokoena. She passed away on the third, in "
                "hospital, and now the hospital has sent us a bill for twenty-eight thousand rand, saying "
                "the scheme didn't pay for her last four days."),
            (a, "Okay. What's the membership number?"),
            (u, "It's F M S, eight three zero, four four one two. And her date of birth is the eleventh of "
                "January, nineteen fifty-one."),
            (a, "Okay.", 32.0),
            (u, "Hello? Are you still there?"),
            (a, "Ja, I'm here. The claim for the ICU days from the twenty-ninth was declined. There was no "
                "pre-authorisation for the admission."),
            (u, "No pre-authorisation? She collapsed at home, the ambulance took her straight in. Who was "
                "meant to phone you for authorisation while she was dying? Eish, no. This is not right. I "
                "want to lay a complaint."),
            (a, "The rules are the rules, ma'am. The hospital must get authorisation within forty-eight "
                "hours. You'll have to take it up with them."),
            (u, "So I must just sort it out myself. Fine. Can someone from claims at least phone me back "
                "and explain it properly?"),
            (a, "Ja, I'll ask them to give you a call."),
            (u, "When? I've taken leave from work for all of this, and honestly, I'm finished. Nobody seems "
                "to care that she's gone."),
            (a, "They'll phone when they can. Okay, bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=V, bereavement=V, closing=M, long_silence=V, long_hold=NA,
            customer_frustration=V),
    ]


def service12() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h12-svc-00", "service", [
            (a, "Good morning, Aire and Wharfe Water, you're through to Callum. How can I help?"),
            (u, "Morning, Callum. It's Sheila Haigh. Right, I'll not keep you long. I've just opened a bill "
                "for four hundred and twelve pound for the quarter. It's never more than ninety. There's "
                "only me and the cat in the house. Either you've made a right mess of it or there's a leak "
                "somewhere, and I'm not paying four hundred pound, I'll tell you that for nowt."),
            (a, "Oh, I'm sorry, Mrs Haigh, that's a horrible thing to open on a Monday. Let's get it sorted. "
                "I'm raising a complaint on the bill and putting it on hold, so you won't be chased for it, "
                "and I'll book an engineer to check the meter and look for a leak. You'll get a text with "
                "the visit time, and once they've been, the bill gets redone off a proper reading. Can I "
                "take the postcode?"),
            (u, "L S six, four Q T. And I'll be honest, love, this is the second time I've rung. Last time "
                "some lad said he'd ring me back and never did. I want to speak to your manager this time."),
            (a, "That's fair enough, and I'm sorry nobody rang you. I can put you through to my team "
                "leader, Bev, right now, or she can give you a ring this afternoon, whichever you'd rather."),
            (u, "Oh, this afternoon's fine, I've the grandkids coming in a minute."),
            (a, "Right, I've booked Bev to ring you after two, and the engineer's coming Thursday morning. "
                "Is there anything else I can do for you?"),
            (u, "No, that's it, ta."),
            (a, "Thanks for ringing, Mrs Haigh. Take care now.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=M, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h12-svc-01", "service", [
            (a, "Thanks for calling Palmetto Shield Pest Control, how can I help you today?"),
            (u, "Yeah, hi, good morning. I wanna cancel my quarterly service. Your guy's been out twice "
                "since September and I still got palmetto bugs runnin' across my kitchen counter at night. "
                "Big ones. I'm payin' eighty-nine dollars a quarter for this?"),
            (a, "Okay. I can take care of the cancellation. What's the service address?"),
            (u, "Forty-two eleven Lakeview Circle, Boca Raton. That's it? You're not even gonna ask why, "
                "or send somebody out who knows what they're doin'?"),
            (a, "It's cancelled effective today. You'll get a final invoice for the September visit."),
            (u, "Unbelievable. Let me talk to your supervisor, please."),
            (a, "A supervisor's just gonna tell you the same thing, ma'am. The account's closed."),
            (u, "Thirty years I lived in Brooklyn, never had a bug, I come down here, I pay you people, and "
                "this is how you talk to a customer? Forget it."),
            (a, "Okay. You have a good day.")],
            greeting=M, agent_name=V, complaint_acknowledged=V, escalation_offered=V, cancellation_save=V,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=V),
        scripted("h12-svc-02", "service", [
            (a, "Kia ora, you've called Kōwhai Mobile, it's Hemi here. What can I do for you today?"),
            (u, "Oh, hey, Hemi, it's Jess Tane. Yeah, nah, so I need to cancel my plan. I'm moving over to "
                "Melbourne for work at the end of the month, so there's no point keeping it."),
            (a, "Ah, sweet as, big move, congrats. I can definitely sort that for you, but before I do, can "
                "I run a couple of things past you? Heaps of people heading across the ditch keep their Kiwi "
                "number on our Park It plan. It's five bucks a month, so bank codes and texts from home "
                "still get through. Or if you might come back, I can pause your plan for up to three "
                "months and you keep your current deal. Would either of those be handy?"),
            (u, "Hmm. Aw, the bank thing's actually a good point. But nah, I reckon I'll just change my "
                "number with the bank. Keep it simple, eh."),
            (a, "Yeah, fair enough, all good. I'll cancel it for the thirtieth then, so you've still got it "
                "till you fly. Just bear with me while it goes through.", 17.0),
            (a, "Cheers for waiting. That's done. Your final bill comes on the fifth, and you'll get a text "
                "to confirm. Anything else I can help with?"),
            (u, "Nah, that's everything. Cheers, Hemi."),
            (a, "Thanks for being with us, Jess. All the best over in Melbourne.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h12-svc-03", "service", [
            (a, "Residential permits. Plate number?"),
            (u, "Oh, uh, okay. It's Illinois, uh, C V nine, four four two one. I just moved to Roscoe "
                "Village, off Belmont, and I need one of those zone stickers before I get a ticket."),
            (a, "Okay. This is Dolores, I'll get you set up."),
            (a, _ZONES),
            (u, "Okay, wow. So, uh, can I do all that now, over the phone?"),
            (a, "Uh-huh.", 26.0),
            (a, "Yeah, you're in. Zone three eighty-three, the sticker mails out in seven to ten business "
                "days. Bring the lease to the clerk's office if they ask for proof."),
            (u, "Okay... great. Thanks, I guess.")],
            greeting=V, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=NA,
            closing=V, long_silence=V, agent_monologue=V, customer_frustration=NA),
    ]
