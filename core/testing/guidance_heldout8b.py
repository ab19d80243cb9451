"""The healthcare and service calls of the eighth held-out set (``guidance_heldout8``).

Written blind by a helper engineer, 2026-12-06, with the finance calls; see that module.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_COVER = (  # about 270 words: well over a minute of the agent alone, at any voice's pace
    "Right, so, the way your cover works, and I know the paperwork doesn't make it very clear, is that "
    "it's what we call a parts-and-labour plan, so the engineer's time is covered and any part we fit is "
    "covered, but only where the fault's down to normal wear and tear, if you follow me. Now, on the "
    "first visit, the one in October, the engineer's notes say he found a sock, well, a baby's sock, in "
    "the pump filter, and he's put that down as a blockage rather than a fault, and blockages, foreign "
    "objects, coins, hair grips, that sort of thing, they're classed as accidental, which is a separate "
    "add-on, and you haven't got that one on this policy. So that's where the call-out charge of "
    "sixty-nine pounds has come from. Then what happens is, once a machine's had a blockage logged, the "
    "system flags it, and any repeat visit within ninety days gets checked against the first one to see "
    "if it's the same fault, which is why your second booking went into what they call a review queue "
    "instead of going straight to an engineer, and I think that's probably why nobody turned up on the "
    "Tuesday, because it was sat waiting for someone to approve it, and the text telling you about the "
    "slot had already gone out automatically. And then the drum bearing, which is what you're hearing "
    "now, the grinding noise on the spin, that one is wear and tear, so that would be covered, but they "
    "won't send anyone for that until the review's cleared, and the review's got to be done by the "
    "claims side, not by us on the phones, and they work Monday to Friday, nine till five."
)


def healthcare8() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h8-hc-00", "healthcare", [
            (a, "Bluestem Orthopedics, this is Kayleigh, and just so you know, this line is recorded for "
                "quality purposes. How may I help you?"),
            (u, "Hi, yes, um, this is Dolores Fitch. I had an MRI on my knee Monday, over at your imaging "
                "place on Fourth Street, and I was wondering, well, has anybody looked at it yet?"),
            (a, "Let's find out. Could you confirm your date of birth for me, and the street address we'd "
                "have for you?"),
            (u, "It's, uh, November ninth, nineteen sixty-one. And twenty-two oh seven Larkin Avenue."),
            (a, "Thank you, Ms Fitch, that matches what I've got. Okay, so the radiologist's report came "
                "back yesterday. It shows a tear in the meniscus on the inside of the knee, and Dr Okafor's "
                "left a note that he'd like to see you to go over the treatment options."),
            (u, "Oh. Okay. Well, see, this is the thing. I had an appointment with him last Thursday, and "
                "somebody cancelled it and nobody called me. I drove forty minutes and sat in that lobby "
                "before anybody told me. I'm sorry, but that's just not right."),
            (a, "Oh gosh, no, I'm so sorry. That should never have happened, and I'd be upset too. I'm going "
                "to report it to our practice manager so she can find out where the call got missed, and "
                "I'll make sure your next visit is confirmed before we hang up."),
            (u, "I'd appreciate that. And could his nurse maybe give me a call about the knee before then? "
                "I've got questions about whether I can still, um, do my water aerobics."),
            (a, "Absolutely. I have a cell number ending in five eight one three on your chart. Is that "
                "still the best way to reach you?"),
            (u, "That's the one, yep."),
            (a, "Great. Give me just a moment to look at his schedule.", 13.0),
            (a, "Thanks for holding. I've got Tuesday the ninth at two-fifteen with Dr Okafor, and his "
                "nurse, Renee, will call you on that cell tomorrow."),
            (u, "Tuesday's fine."),
            (a, "Wonderful. Is there anything else you need from us today?"),
            (u, "No, hon, that's all."),
            (a, "Thank you so much for calling, Ms Fitch, and again, I'm sorry about Thursday. Take care.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M),
        scripted("h8-hc-01", "healthcare", [
            (a, "Radiology bookings, Glenmorven Royal, Fiona."),
            (u, "Oh, hello there. Um, I've got a letter here saying I missed my scan last week, and I wanted "
                "to, well, to explain, and get another one."),
            (a, "Hospital number?"),
            (u, "It's, eh, G, four seven seven, two oh one nine."),
            (a, "Right, Mrs Dunbar. CT scan of the abdomen, requested by Mr Rahman in gastroenterology, "
                "Tuesday at ten. It's marked as did not attend."),
            (u, "Aye, I know. My husband passed away the week before, and Tuesday was his funeral. I just, I "
                "clean forgot about the letter, with everything."),
            (a, "Okay. So when it's a did not attend I need to rebook you. Next slot I've got is the "
                "fourteenth at half eight."),
            (u, "The fourteenth. Right. Could Mr Rahman's secretary phone me about whether I still need it? "
                "Only it'd be best on my daughter's number, I'm stopping with her just now. It's oh seven "
                "seven oh oh, nine double eight, four one two."),
            (a, "Oh seven seven oh oh, nine double eight, four one two. Noted."),
            (u, "Thanks. And it's the same department, aye? Same place as last time?"),
            (a, "Same place. Fourteenth, half eight."),
            (u, "Okay."),
            (a, "That's you.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=V, closing=V, long_silence=M),
        scripted("h8-hc-02", "healthcare", [
            (a, "Mesa Verde Community Health, Darnell speaking. Calls on this line are recorded. What can I "
                "do for you?"),
            (u, "Yeah, hi. This is Brenda Castillo. Look, this is the third time I'm calling this week. I "
                "left a message Monday, I left one Tuesday, and nobody ever called me back. I'm down to my "
                "last two blood pressure pills."),
            (a, "Okay. Messages can take seventy-two hours. Name and date of birth?"),
            (u, "Brenda Castillo. April fourth, nineteen seventy-three."),
            (a, "Got you. Alright, so I'm looking at your chart here. You've got the lisinopril ten "
                "milligrams, last filled in September. Your last visit with Dr Lin was for the blood "
                "pressure, and she also noted the weight management plan, the sleep apnea referral, your "
                "A one C at six point one, the HIV screening in March came back negative, your Pap smear's "
                "overdue, and there's an open referral to behavioral health for the anxiety."),
            (u, "I, okay, I didn't ask for all that. I just need the refill."),
            (a, "Alright, let me send a message to her nurse.", 25.0),
            (a, "Okay, it's sent. The refill should go over to your pharmacy by end of day."),
            (u, "Should? I've been told should all week."),
            (a, "That's what the system says."),
            (u, "Fine. Whatever."),
            (a, "Is there anything else I can help with today?"),
            (u, "No."),
            (a, "Alright. Thanks for calling Mesa Verde.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=V, bereavement=NA, closing=M, long_silence=V),
        scripted("h8-hc-03", "healthcare", [
            (a, "Good morning, Cedar Hollow Medical Group, this is Alma. I'll mention this call is being "
                "recorded. How can I help you?"),
            (u, "Morning, ma'am. My name's Wade Pruett. I'm calling for my mama, Opal Pruett. She, uh, she "
                "passed on Sunday, and I've got a stack of her appointment cards here and I don't, um, I "
                "don't rightly know what to do with 'em."),
            (a, "Oh, Mr Pruett, I am so sorry for your loss. Thank you for letting us know, I know calls "
                "like this aren't easy to make. We have a process for this, and I'll take care of it all for "
                "you. Could you give me your mother's date of birth and her home address, so I'm sure I have "
                "the right chart?"),
            (u, "Yes, ma'am. March second, nineteen thirty-eight. Route four, box nineteen, Kerrville."),
            (a, "Thank you, that's her. I see she has two physical therapy visits and a follow-up with Dr "
                "Brandt still on the books. I'll cancel all of those, and I'll mark her chart so no more "
                "reminder calls or letters go out. We'll also mail you a little packet with some grief "
                "support resources, if that's alright."),
            (u, "That's kind of you. And, uh, somebody from billing, could they call me about whatever she "
                "still owes? I'd rather just get it squared away."),
            (a, "Of course. You're listed as her emergency contact with a phone number ending in seven seven "
                "oh two. Is that the right number for them to use?"),
            (u, "Yes, ma'am, that's my cell."),
            (a, "Alright. One moment while I put the cancellations through.", 9.0),
            (a, "Okay, all three appointments are cancelled, and I've sent a note to billing to call you on "
                "that number. They'll usually reach out within a week."),
            (u, "Thank you. I appreciate it."),
            (a, "Is there anything else I can do for you today, Mr Pruett?"),
            (u, "No, ma'am, that's it."),
            (a, "Thank you for calling, and again, I'm very sorry about your mother. Take care of "
                "yourself.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=M, closing=M, long_silence=M),
    ]


def service8() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h8-svc-00", "service", [
            (a, "Hi, thanks for calling Ironwood Fitness member services, you've got Marcus. How's your day "
                "going?"),
            (u, "Uh, it's going, I guess. So, um, I'm calling 'cause I wanna cancel my membership. I've been "
                "trying to do it in the app for like a week and it just keeps saying contact your club, "
                "which, I mean, come on."),
            (a, "Ugh, yeah, I'm sorry about the app runaround, that's on us. I'll flag it to our tech team "
                "so it gets fixed, and I can definitely help you with the membership today. Before I do "
                "anything, can I ask what's got you leaving?"),
            (u, "Honestly it's just time. I started a new job, I'm commuting an hour each way, and I'm "
                "paying forty-nine a month for a place I go to, like, twice."),
            (a, "Totally get it. One option before you go: we can freeze the membership for up to three "
                "months at five bucks a month, or drop you to our off-peak plan at twenty-four a month, and "
                "that one works at any Ironwood, including the one by the Franklin Street station, if that's "
                "on your commute."),
            (u, "Oh, wait, there's one by Franklin? Huh. Okay, um, the off-peak one, what are the hours?"),
            (a, "Off-peak is any time before four p.m. and after seven on weekdays, plus all weekend."),
            (u, "After seven works, actually. Yeah, let's just do that instead."),
            (a, "Done. You're on off-peak from your next billing date, the fourteenth, at twenty-four a "
                "month, and a confirmation email's on its way. Anything else I can do for you today?"),
            (u, "Nope, that's it. Thanks, man."),
            (a, "Thanks for sticking around with us. Have a good one!")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=M, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("h8-svc-01", "service", [
            (a, "Yeah, account email?"),
            (u, "Oh. Um, right. It's jaspreet dot kaur eighty-eight at gmail dot com."),
            (a, "Go on."),
            (u, "So I want to cancel the subscription. The last two boxes turned up warm, and the chicken "
                "was, honestly, it smelled off. I had to bin the lot. That's sixty quid of food in the bin, "
                "twice."),
            (a, "Right. Cancelled from today. Last box still goes out Thursday unless you skip it."),
            (u, "Well, can you skip it? I don't want another warm box, do I."),
            (a, "Skipped."),
            (u, "And what about the money for the two I binned?"),
            (a, "You'd have to email that in with photos."),
            (u, "Unbelievable. Fine."),
            (a, "That's done, then.")],
            greeting=V, agent_name=V, cancellation_save=V, complaint_acknowledged=V, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=V),
        scripted("h8-svc-02", "service", [
            (a, "Good afternoon, HomeGuard Appliance Cover, my name's Stuart, how can I help?"),
            (u, "Hiya Stuart. I've had an engineer booked twice now for my washing machine and nobody's "
                "turned up either time. I took a day off work for the second one. It's making a horrible "
                "grinding noise and I've got two little ones, so the washing's piling up."),
            (a, "Oh, I'm sorry, that's really poor, especially taking a day off for it. Let me get you a "
                "proper booking sorted, and I'll put a note on it so it can't get dropped again. Before I "
                "do, can I ask why they said it wasn't covered? Is that on your letter?"),
            (u, "Aye, it says I owe a call-out charge for October. Why's that, when I pay for cover every "
                "month?"),
            (a, _COVER),
            (u, "Sorry, I've lost you a bit there. Can I speak to your supervisor about it, please? I'd "
                "like somebody to look at that sock thing again."),
            (a, "Honestly, a supervisor would tell you the same, the notes are the notes. I'll check the "
                "engineer's diary for you now.", 26.0),
            (a, "Right, I've got Friday between eight and one, and I've pushed the review through myself so "
                "he'll definitely come."),
            (u, "Friday. Okay. Fine."),
            (a, "Is there anything else I can help you with?"),
            (u, "No, that's it."),
            (a, "Thanks for calling HomeGuard, and sorry again about the wait. Bye now.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=V,
            long_silence=V, agent_monologue=V, closing=M),
        scripted("h8-svc-03", "service", [
            (a, "Good evening, Harbourlight Hotels guest relations, Tomasz speaking. How can I help you?"),
            (u, "Ah, hello, Tomasz. Look, I'm after getting home from your place in Tenby, and I wouldn't "
                "normally ring, but I have to say it. We paid extra for a sea view, for our anniversary, "
                "and we got a room looking out over the bins and the car park."),
            (a, "Oh, that's not what you should have got at all, and on your anniversary as well, I'm really "
                "sorry. Could I take the booking reference? I'll log a formal complaint with the hotel "
                "manager, and you'll hear back from them within three working days."),
            (u, "It's H L, four one, nine nine six. And I'm not being funny, but I'd like a word with "
                "someone higher up. We asked at the desk twice and they just shrugged at us."),
            (a, "That's fair enough. I can pass it to my duty manager, Ruth, tonight, and she'll phone you "
                "tomorrow morning, or I can try her now if you'd prefer to hold. Which would you like?"),
            (u, "Tomorrow suits me. Will we get the extra back, do you think?"),
            (a, "I can't make promises on the refund, I'm afraid, that's Ruth and the hotel's decision, but "
                "I'll make sure it's on the complaint. Let me check the notes from the front desk.", 12.0),
            (a, "Sorry to keep you. Yes, the desk logged that you asked for a move on the first "
                "night, so that's on record for Ruth."),
            (u, "Well, that's something, anyway."),
            (a, "Is there anything else I can do for you this evening?"),
            (u, "No, no, that's it."),
            (a, "Thank you for letting us know, and happy anniversary to you both. Goodnight now.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=M, closing=M),
    ]
