"""The healthcare and service calls of the seventh held-out set (``guidance_heldout7``).

Written blind by a helper engineer, 2026-12-06, with the finance calls; see that module.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_BOND = (  # about 260 words: well over a minute of the agent alone, at any voice's pace
    "Oh, well, congratulations on selling, Miss Loretta, that's a big step after all these years. Alright, "
    "so let me walk you through how this works, 'cause there's a few pieces to it. Your quarterly, you've "
    "got one more visit already on the books for October fourteenth, and that one's paid for, so we'll go "
    "ahead and do it, and the tech'll do the inside and the outside like always and put the granules down "
    "around the foundation. Now, the termite bond is a separate thing from the quarterly, and that bond "
    "stays with the house, not with you, so when y'all close, the buyers can take it over. There's a "
    "seventy-five dollar transfer fee for that, and they'll just call us and we'll put it in their name. "
    "Their lender's probably gonna want a wood-destroying insect report for the closing too, and we can do "
    "that, it's usually a hundred and ten, and we can get a man out there inside of a week. Then on the "
    "billing side, the quarterly stops after October, and the mosquito add-on you had over the summer is "
    "already finished for the season, so that won't bill again. You'll get one last invoice, and if "
    "there's any credit on there it'll come back to you as a check in the mail, which takes about two, "
    "three weeks, so you'll want to give us your daughter's address in Tulsa for that, and I'll put a note "
    "on there so the office doesn't send it out to Pecan Hollow Road by mistake after you're gone."
)


def healthcare7() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h7-hc-00", "healthcare", [
            (a, "Sagebrush Family Medicine, this is Luz. Quick note before we start, we record our calls "
                "here. What can I do for you?"),
            (u, "Well, good morning, young lady. This is Eugene Hollis. I've been trying to get through to "
                "you people since Tuesday, and that phone menu of yours, press one, press four, then it "
                "hangs up on me. Twice it hung up on me. I'm eighty-three, I don't have the patience."),
            (a, "Oh, Mr Hollis, I'm so sorry, that's really frustrating, and you're not the first to tell "
                "me. I'm writing that up for our office manager right now so she gets the phone system "
                "looked at. Now let's get you sorted. Can I have your date of birth and your home address?"),
            (u, "February the twentieth, nineteen forty-three. Nine oh five Cattail Road, Boise."),
            (a, "Thank you, you're all verified. What are you calling about today?"),
            (u, "Doctor Amundsen did my blood work last week, the sugar and the cholesterol, and I never "
                "heard a thing."),
            (a, "Let me pull that up for you, just one second.", 12.0),
            (a, "Still here, Mr Hollis, it's just loading. Alright, so your A one C is six point four, which "
                "the doctor's marked as stable, no change to your metformin. Your cholesterol's a little "
                "high, and she'd like to go over that with you herself."),
            (u, "Well, can she call me about it? I'm home all day."),
            (a, "Sure. I have your home phone on file as ending in six two zero eight, is that still the "
                "best number?"),
            (u, "That's the one. Just don't give it to that phone menu."),
            (a, "Ha, it'll be a real person, I promise. She'll call you this afternoon. Is there anything "
                "else I can help you with, Mr Hollis?"),
            (u, "No, that'll do it."),
            (a, "Thank you for calling, and for your patience with us. Have a good day.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M),
        scripted("h7-hc-01", "healthcare", [
            (a, "Good morning, Foxley Surgery, Tasha speaking."),
            (u, "Ah, good morning, Tasha. It's Siobhan Quigley here. I had bloods done on Friday with the "
                "nurse and I was told to ring for the results."),
            (a, "Let's have a look. Quigley... Siobhan, yes. So your thyroid's come back a bit underactive, "
                "the doctor's written that she wants to start you on a low dose of levothyroxine, and your "
                "iron's on the low side as well."),
            (u, "Oh, right. God. I wasn't expecting that at all."),
            (a, "Can I just check your date of birth?"),
            (u, "Fourth of October, nineteen seventy-nine."),
            (a, "Lovely, thanks."),
            (u, "Would the doctor be able to ring me to talk it through? I'm in work till four, so use my "
                "work number, it's oh one one three, four nine six, oh two two seven."),
            (a, "Oh one one three, four nine six, oh two two seven. Grand, I've put that on the message, "
                "she'll ring you after her surgery. Oh, and I should've said at the start, calls to the "
                "surgery are recorded."),
            (u, "Brilliant."),
            (a, "Anything else I can do for you today?"),
            (u, "No, that's grand, thanks."),
            (a, "No worries, thanks for calling, Siobhan. Bye now.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M),
        scripted("h7-hc-02", "healthcare", [
            (a, "Tamarack Pharmacy, this is Brent. Heads up, this call is recorded. How can I help?"),
            (u, "Yeah, hi. This is Walter Dunning. My wife Irene passed on Friday. She had some "
                "prescriptions with you, and I got a text this morning saying one's ready for pickup, and I "
                "just, I don't want any more of those texts coming."),
            (a, "Okay. I'll need her date of birth and her address to pull up her profile."),
            (u, "March eighteenth, nineteen fifty. Twelve forty Wexford Court."),
            (a, "Okay, one sec, let me find her.", 32.0),
            (a, "Here she is. So on her profile I've got lisinopril twenty milligrams, metformin, "
                "atorvastatin, Eliquis for the atrial fibrillation, sertraline for the depression, the "
                "oxycodone from her hip surgery in July, a prednisone refill that's pending, and her flu "
                "shot's flagged as overdue."),
            (u, "I don't need all that. I just want the texts to stop."),
            (a, "Right. I've deactivated her profile, so no more texts or auto-refills, and the one that's "
                "ready we'll return to stock."),
            (u, "Thank you. And I'm not complaining, you folks were always good to her."),
            (a, "Appreciate that. Anything else I can do for you?"),
            (u, "No. That's it."),
            (a, "Okay. Thanks for calling, Mr Dunning.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=NA, bereavement=V, closing=M, long_silence=V),
        scripted("h7-hc-03", "healthcare", [
            (a, "Calderbrook Hospitals patient transport, Lynne speaking. "
                "Just so you know, calls are taped."),
            (u, "Hello. It's Ashok Mistry. I'm a dialysis patient at the renal unit, three times a week."),
            (a, "Can I take your date of birth and your postcode?"),
            (u, "Sixth of December, nineteen fifty-four, and the postcode's W F one, four R L."),
            (a, "Thanks, Mr Mistry, I've got you. What's the problem?"),
            (u, "On Monday your car never came for me. I waited two hours in my coat by the window, I missed "
                "my whole session, and I was very unwell on Tuesday. Nobody phoned me. This isn't good "
                "enough."),
            (a, "Transport's run by a contractor, so that's their side, not ours. I can see you're booked "
                "for Friday at seven-fifteen for your ten o'clock dialysis at the renal unit."),
            (u, "Can somebody ring me the night before to say they're definitely coming?"),
            (a, "We can do a reminder call. Is it still the landline ending three nine oh on your record?"),
            (u, "Yes, that's right."),
            (a, "Right, that's on. Friday, seven-fifteen."),
            (u, "Okay."),
            (a, "Bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=V, bereavement=NA, closing=V, long_silence=M),
    ]


def service7() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h7-svc-00", "service", [
            (a, "Hi there, thanks for calling Prairie Sky Internet, my name's Tanisha. What can I help you "
                "with today?"),
            (u, "Hey Tanisha. Look, I'm gonna be straight with you, I wanna shut off my service. The "
                "internet's dropped out pretty much every evening for two weeks, right when my kids are "
                "doing homework, and I'm paying eighty-five bucks a month for it."),
            (a, "Oh man, every evening for two weeks, I'm really sorry, that's not okay, especially with "
                "homework. Here's what I'll do: I've opened a repair ticket, and I can get a technician out "
                "Thursday morning to check the line and the modem."),
            (a, "And before you decide on shutting it off, I'd love to keep you. I can credit you the two "
                "weeks of bad service, and drop you to sixty a month for the next year, same speed. Would "
                "that work for you?"),
            (u, "Huh. Sixty, and the tech on Thursday? Okay, yeah, if it actually gets fixed, I'll stay."),
            (a, "Deal. The credit will show on your next bill, the new rate starts today, and the tech's "
                "coming Thursday between eight and noon."),
            (u, "Sounds good."),
            (a, "Anything else I can do for you?"),
            (u, "Nope, that's everything."),
            (a, "Awesome. Thanks so much for sticking with us, Wes, have a great night.")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=M, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("h7-svc-01", "service", [
            (a, "Order number?"),
            (u, "Oh. Hello to you too. It's T B, four four one nine two."),
            (a, "Yep. What's up with it?"),
            (u, "The sofa came yesterday and one of the back legs is snapped clean off, and there's a big "
                "rip in the fabric on the arm. I paid nearly twelve hundred pounds for it, and the delivery "
                "men just dumped it in the hall and ran."),
            (a, "Oh no, sorry to hear that."),
            (u, "So what's going to happen? I'm not cancelling the order, mind, I still want the sofa, I "
                "just want one that isn't broken."),
            (a, "Couldn't tell you, to be honest. Damaged goods aren't really my department."),
            (u, "Brilliant. Right, I'll email them myself, then. Honestly."),
            (a, "Okay. Anything else I can help with?"),
            (u, "No."),
            (a, "Thanks for calling, then, Rhiannon.")],
            greeting=V, agent_name=V, cancellation_save=NA, complaint_acknowledged=V, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("h7-svc-02", "service", [
            (a, "Good morning and thank you for calling Bayou Shield Pest Control, this is Cody, how can I "
                "help y'all?"),
            (u, "Mornin', Cody. This is Loretta Hinds, out on Pecan Hollow Road. I need to cancel my "
                "quarterly service, we're selling the house and I'm moving in with my daughter in Tulsa."),
            (a, _BOND),
            (u, "Well, now, that seventy-five dollar transfer fee, can I talk to your supervisor about that? "
                "The buyers are a young couple and I'd like to get it waived for them."),
            (a, "No ma'am, a supervisor's not gonna waive it, it's a set fee, so there's no sense getting "
                "him on the phone."),
            (u, "Alright then, I reckon that's that."),
            (a, "Yes ma'am. I've got the cancellation put in, effective after your October visit. Anything "
                "else I can do for you this morning?"),
            (u, "No, that'll be all, sugar."),
            (a, "Well, thank you for twenty years with Bayou Shield, Miss Loretta. Y'all take care now.")],
            greeting=M, agent_name=M, cancellation_save=V, complaint_acknowledged=NA, escalation_offered=V,
            long_silence=M, agent_monologue=V, closing=M),
        scripted("h7-svc-03", "service", [
            (a, "Good afternoon, Sandpiper Holiday Parks, how can I help?"),
            (u, "Hiya. We've just got back from your Seahouses park and I'm not happy, like. The caravan was "
                "filthy, mould round the shower, and the heating didn't work till the Wednesday."),
            (a, "Oh no. Sorry, I'm Aoife, by the way, and I'm really sorry, that's not what you should've "
                "arrived to. Mould and no heating for half the week, that's miserable. If I can take your "
                "booking reference, I'll put in a formal complaint to the park manager, and she'll be in "
                "touch within five working days about putting it right."),
            (u, "It's S H, two oh eight, five five. And look, I'm not cancelling next year's booking or owt, "
                "we love it up there, I just want summat back for this week."),
            (a, "Let me have a look at what the park logged. One moment.", 27.0),
            (a, "Right, yes, the park did log the heating fault on the Monday."),
            (u, "Monday! And it took them till Wednesday. Can I talk to someone above you? I want a proper "
                "refund, not vouchers."),
            (a, "Of course. I can pass it to my supervisor, Martin, and he'll ring you tomorrow, he's the "
                "one who can authorise refunds. Is the mobile on the booking the best number?"),
            (u, "Aye, that's fine, pet."),
            (a, "Grand, he'll ring tomorrow. That's everything logged, then."),
            (u, "Right. Ta-ra."),
            (a, "Okay, bye.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=V, agent_monologue=M, closing=V),
    ]
