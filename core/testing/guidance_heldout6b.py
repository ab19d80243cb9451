"""The healthcare and service calls of the sixth held-out set (``guidance_heldout6``).

Written blind by a helper engineer, 2026-12-06, with the finance calls; see that module.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_DEPOT = (  # about 240 words: well over a minute of the agent alone, at any voice's pace
    "Right, so what's happened here, and I'll be honest with you, it's not the first one I've had today, "
    "is that your parcel went into our Daventry hub on Monday night, and Daventry had a fault with one of "
    "the sorting belts, so a whole load of parcels got the wrong route label printed on them. The driver "
    "picks up his cage in the morning, scans everything on, and then the handheld tells him your parcel "
    "isn't on his round, so it comes back to the depot at the end of the day and goes through again, "
    "which is why it's been out for delivery three days running and then never arrived. Now, the bit on "
    "the app that says the delivery was cancelled, that's just what the system shows when a driver takes "
    "something off his round. It doesn't mean the order's been cancelled, and the sender hasn't been "
    "told anything, so you don't need to contact the shop or anything like that. What I've done is pull "
    "it out of the automatic sort, so it'll be hand-labelled tomorrow, and it'll go on the first van out "
    "on Friday morning, which is still before the birthday. If you'd rather not wait in for it, I can "
    "send it to a pickup point instead, there's one at the newsagent on your high street, and it'd be "
    "there from about two o'clock on Friday, and they're open till nine. Either way you'll get a text "
    "with a one-hour window the night before."
)


def healthcare6() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h6-hc-00", "healthcare", [
            (a, "Redwood Valley Pediatrics, this is Courtney, how can I help you?"),
            (u, "Yes, hello, good morning. I am calling about my son. He did the throat test on Monday, for "
                "strep, and the doctor said somebody will call with the result, but until now nobody call. "
                "Three days now. This is not okay for us, we are worried."),
            (a, "Oh, I'm sorry, that shouldn't have happened. Let me find it for you right now. Can I get "
                "your son's full name and his date of birth?"),
            (u, "Park Min-jun. First name Min-jun, last name Park. Birthday is August fourth, twenty "
                "nineteen."),
            (a, "Thank you. And you're Dad, Mr Park, I see you're listed as the parent. Okay, so the strep "
                "test came back negative, so he doesn't need antibiotics."),
            (a, "Oh, and I should mention, our calls are recorded for quality."),
            (u, "Okay, good. But he still has a little bit fever. Can the nurse call me back today?"),
            (a, "Sure. The number we have on his chart is a cell ending eight three one five, is that still "
                "the best one?"),
            (u, "Yes, this is my number."),
            (a, "Great, the nurse line will call you by three. Anything else I can help with?"),
            (u, "No, that's all. Thank you."),
            (a, "You're welcome, and I hope he feels better soon. Bye now.")],
            recording_notice=V, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M),
        scripted("h6-hc-01", "healthcare", [
            (a, "Kennet Vale Hospital, outpatient appointments, Marcia speaking. Please be aware this call "
                "is being recorded."),
            (u, "Hello, yes, it's Derek Pollard, I'm ringing about my -"),
            (a, "Ah, Mr Pollard, yes, I've got you up already. You're the colonoscopy on the fourteenth at "
                "the endoscopy unit, and the bowel prep's been posted out to you."),
            (u, "Well, that's just it, love. I've been waiting eleven months for this, and I've just had a "
                "letter moving it to March. Eleven months! It's a disgrace, frankly."),
            (a, "Oh, I'm so sorry, Mr Pollard, that's an awful long time to wait, and I know it's worrying. "
                "Can I just confirm your date of birth and the first line of your address?"),
            (u, "Second of February, fifty-one. Eight Millbrook Lane."),
            (a, "Thank you. I've logged your concerns and passed them to the patient advice team, who'll be "
                "in touch, and I've put you on our short-notice list, so if a slot comes free before March "
                "you'll be offered it."),
            (u, "Right. Can somebody ring me when something comes up? You'd better take my mobile, it's oh "
                "seven seven double oh, nine double oh, one two three."),
            (a, "Oh seven seven double oh, nine double oh, one two three. Lovely, that's on there now, "
                "they'll ring you on that."),
            (u, "Thank you."),
            (a, "Is there anything else I can help with, Mr Pollard?"),
            (u, "No, no, that's all."),
            (a, "Thanks for calling, and sorry again about the wait. Take care.")],
            recording_notice=M, identity_before_phi=V, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M),
        scripted("h6-hc-02", "healthcare", [
            (a, "Copperline Health Plan member services, my name is Trevor, how can I help you today?"),
            (u, "Hello. My husband, Tomasz Nowak, he pass away in October, and now I get the bills from the "
                "hospital for him, many bills, I don't understand what is this."),
            (a, "Okay. Can I get his member ID number and his date of birth?"),
            (u, "Member ID is C H P, nine zero four four, seven one two. Birthday is, um, June sixth, "
                "nineteen fifty-eight."),
            (a, "Okay, got him. So I'm looking at his claims for this year. There's the hospital admission "
                "in October, the cardiology visits, his dialysis three times a week since May, a psychiatry "
                "visit in August, prescriptions for sertraline and warfarin, and a claim from the urology "
                "clinic that's still pending."),
            (u, "Oh. I did not know about all this. I only ask about the bill from the hospital, for eight "
                "thousand dollars."),
            (a, "Right, the October admission. That one's processed. The plan paid most of it, and the eight "
                "thousand is the part that went to his out-of-pocket. You can ask the hospital about a "
                "payment plan or their financial assistance program."),
            (u, "Okay. Thank you for explain."),
            (a, "Is there anything else I can help with today?"),
            (u, "No, this is all."),
            (a, "Okay, thanks for calling Copperline, take care.")],
            recording_notice=V, identity_before_phi=M, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=NA, bereavement=V, closing=M, long_silence=M),
        scripted("h6-hc-03", "healthcare", [
            (a, "Kingsmead Medical Practice. All calls to and from the practice are recorded. Donna "
                "speaking."),
            (u, "Hi, it's Abigail Toms. Dr Fenwick was meant to phone me last Wednesday about my scan "
                "results and nobody rang. That's the third time this has happened and I'm getting really "
                "fed up with it."),
            (a, "Date of birth?"),
            (u, "Seventeenth of July, nineteen ninety."),
            (a, "And the first line of your address?"),
            (u, "Twenty-two Copse Hill."),
            (a, "Well, the doctors are very busy, they get to the call-backs when they can. Let me see if "
                "the results are back. Hold on.", 35.0),
            (a, "Right, the results are in, but the doctor wants to go through them with you herself, so I "
                "can't read them out."),
            (u, "So can she actually ring me this time?"),
            (a, "Is it still the mobile ending seven seven two?"),
            (u, "Yes."),
            (a, "Right, she'll ring you tomorrow morning."),
            (u, "Okay. Bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=V, bereavement=NA, closing=V, long_silence=V),
        scripted("h6-hc-04", "healthcare", [
            (a, "Good afternoon, Juniper Hospice Care, Lorraine speaking. Before we get going, I should say "
                "these calls get taped, just for quality."),
            (u, "Hi, Lorraine. Um, my mom was one of your patients, Carol Whitlock, and she passed away "
                "early Sunday morning."),
            (a, "Oh, honey, I'm so very sorry. I know the team were really fond of her. What can I help you "
                "with today?"),
            (u, "Thank you. So, a couple of things. The hospital bed and the oxygen are still in her living "
                "room, and the pickup guys were supposed to come Thursday and never showed. Nobody called, "
                "nothing. It's really hard having it all sitting there."),
            (a, "I'm so sorry, that should never have happened, especially right now. Let me pull up her "
                "file. Can you confirm her date of birth and her home address for me?"),
            (u, "April ninth, nineteen forty-four, and it's two sixteen Bellflower Drive."),
            (a, "Thank you. Okay, I've put in an urgent pickup for Monday between nine and noon, and I've "
                "written it up for our operations manager so she knows the Thursday visit was missed."),
            (u, "Thank you. And the other thing, her nurse, Gloria, she was so good with Mom. Could she give "
                "me a call? I just want to ask her about that last night."),
            (a, "Of course. Gloria's note from Saturday evening says your mom was comfortable and settled, "
                "and I know she'll want to talk with you herself. We have you down as Carol's contact on the "
                "cell ending five five zero two, is that still the right number?"),
            (u, "Yes, that's me."),
            (a, "Okay, she'll call you tomorrow. And our bereavement coordinator will reach out in a couple "
                "of weeks too, that's part of our support for families. Is there anything else I can do for "
                "you right now?"),
            (u, "No. That's everything. Thank you."),
            (a, "You're so welcome, Megan. Take good care of yourself.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=M, closing=M, long_silence=M),
    ]


def service6() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h6-svc-00", "service", [
            (a, "Hey, thanks for calling Ridgeline Fitness, this is Javier, what can I do for you?"),
            (u, "Hi Javier. I need to cancel my membership. I'm moving to Phoenix at the end of the month."),
            (a, "Oh, congrats on the move! Before I cancel it, just so you know your options: we've got two "
                "clubs in Scottsdale, and I can transfer you over at the same rate, no fee. Or if you're not "
                "sure yet, I can freeze it for up to three months for five bucks a month."),
            (u, "Scottsdale's like forty minutes from where we'll be, so no, I'll just cancel."),
            (a, "Totally understand. Okay, I've put the cancellation through. Your last draft is the "
                "fifteenth, and your key tag stops working on the thirtieth."),
            (u, "Perfect."),
            (a, "Anything else I can help you with before you go?"),
            (u, "Nope, that's it."),
            (a, "Alright Brooke, good luck with the move, and thanks for being with us.")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("h6-svc-01", "service", [
            (a, "Tracking number?"),
            (u, "Er... right. It's T W, nine nine one, four seven two, eight eight."),
            (a, "Yeah, go on."),
            (u, "So this parcel's been out for delivery three days running and never turned up, and this "
                "morning the app says the delivery was cancelled. It's my daughter's birthday present and "
                "her birthday's Saturday. I'm really not happy."),
            (a, "Oh no, that's rubbish, especially with a birthday, I'm really sorry. I've raised an "
                "investigation with the depot now, and someone'll get back to you within twenty-four "
                "hours."),
            (u, "I don't want someone getting back to me, I want to speak to your manager. Now."),
            (a, "Yeah, course, I can get my team leader on for you. Before I do, let me tell you what's "
                "happened, 'cause it might save you some time."),
            (a, _DEPOT),
            (u, "Okay. Friday's fine, then, I don't need the manager. Just make sure it actually comes this "
                "time."),
            (a, "I've put a note on it myself. Anything else I can do for you?"),
            (u, "No. Thanks."),
            (a, "Cheers, sorry again, and I hope she has a lovely birthday.")],
            greeting=V, agent_name=V, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=V, closing=M),
        scripted("h6-svc-02", "service", [
            (a, "Good evening, thank you for calling Tidewater Wireless, you've got Anjali. What can I do "
                "for you tonight?"),
            (u, "Yeah, hi. My bill went up eighteen bucks this month with no warning whatsoever. I've been "
                "with you guys six years, and I'm done. I wanna cancel my line and take my number to "
                "another carrier."),
            (a, "Oh, I'm sorry, a surprise jump like that is really frustrating. I'll put a note on the "
                "account about the increase and send it to billing for review, and you'll get an email about "
                "it within three business days. Now, to port out I just need to give you your account "
                "number and a transfer PIN."),
            (u, "Okay."),
            (a, "Give me a moment, I've got to generate the PIN in a different system.", 28.0),
            (a, "Okay. Your account number is four one seven, two two nine, zero eight three, and the "
                "transfer PIN is six three nine one. Your new carrier will need both."),
            (u, "And what about the eighteen bucks? I want that back. Let me talk to your supervisor."),
            (a, "A supervisor can't do anything I can't, sir. It's with billing now, and that's the "
                "process."),
            (u, "Unbelievable. Whatever."),
            (a, "Is there anything else I can help you with tonight?"),
            (u, "No."),
            (a, "Alright. Thanks for being a Tidewater customer, Ray, have a good night.")],
            greeting=M, agent_name=M, cancellation_save=V, complaint_acknowledged=M, escalation_offered=V,
            long_silence=V, agent_monologue=M, closing=M),
        scripted("h6-svc-03", "service", [
            (a, "Morning! Greenhithe Energy home services, Owen here, what can I do for you?"),
            (u, "Good morning. I have the boiler service on Thursday, but I must cancel it, I am working "
                "that day, so please I need another day."),
            (a, "No bother. Can I take the postcode and the house number?"),
            (u, "B S five, seven J P, number eleven."),
            (a, "Thanks, Mrs Ferreira. Yep, I can see Thursday's visit. I've got next Tuesday or Wednesday, "
                "all-day slots."),
            (u, "Tuesday is okay. But also I must say, last time your engineer came three hours late, he "
                "don't call, and he left black marks on my kitchen floor. Nobody did anything, I sent an "
                "email also."),
            (a, "Right. So Tuesday, that's eight till six, and the engineer'll text you about half an hour "
                "before."),
            (u, "Okay."),
            (a, "That's you booked in for Tuesday, then."),
            (u, "Okay, bye.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=V, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=V),
    ]
