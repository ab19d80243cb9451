"""The healthcare and service calls of the sixteenth held-out set (``guidance_heldout16``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations and voices.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_DELIVERY = (  # about 185 words: well over a minute of the agent alone
    "Oh, for sure, that's no problem at all, people move their deliveries all the time. So the way it "
    "works with us is, the trucks go out from the warehouse in Saint-Laurent, and we do the island "
    "on Tuesdays, Thursdays and Saturdays, and the West Island and Laval on the other days. When you "
    "pick a new date, you don't get a time right away, you get the window the evening before, by text, "
    "and it's a four-hour window, so either eight to noon or noon to four, and then the driver calls "
    "you about thirty minutes before he arrives. For a sectional like yours it's always two guys, and "
    "they bring it up the stairs, they put the pieces together, and they take the boxes and all the "
    "plastic away with them, so you don't have to keep anything. If you live on a third floor with an "
    "outside staircase, like a lot of places in the Plateau, just let them know, because sometimes they "
    "need to take the legs off to get it through the door, and they do that there for you. And there's "
    "no charge to move the date the first time, it's only if you move it twice that there's a fee."
)


def healthcare16() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h16-hc-00", "healthcare", [
            (a, "Good morning, Periyar Mission Hospital pharmacy, this is Anjali. All our calls are "
                "recorded, just so you know. How can I help you?"),
            (u, "Good morning, madam. I am calling for my mother, Mrs Thankamma Varghese. Her thyroid "
                "tablets are finishing by Friday, and the refill, we had asked last week itself. I just "
                "want to know if it is ready, no?"),
            (a, "I'll check that for you. Can you tell me your mother's date of birth and her hospital "
                "number, please?"),
            (u, "Fourth of August, nineteen forty-seven. Hospital number is K M, three three eight one "
                "five."),
            (a, "Thank you, that matches. One moment, I am opening the pharmacy queue.", 15.0),
            (a, "Thank you for waiting. Yes, her thyroxine refill is ready, the same fifty microgram "
                "strength as before. You can collect it from counter four any time after eleven."),
            (u, "Very good. One more thing, madam. The doctor said something about taking it before "
                "tea or after tea, Amma is confused. Can the pharmacist call me and explain properly?"),
            (a, "Of course. The pharmacist will call you this afternoon. The number we have on file "
                "for your mother is the one ending four four one seven. Is that the right number to "
                "call?"),
            (u, "Yes, yes, that is my mobile only. Four four one seven is correct."),
            (a, "Good, I've put the request in for Mr Joseph, our pharmacist, to ring you on that "
                "number after two. Is there anything else I can do for you today?"),
            (u, "No, that is all. Thank you so much, madam."),
            (a, "You're most welcome. Thank you for calling, and take care of your mother.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h16-hc-01", "healthcare", [
            (a, "Derwent Valley Physio and Imaging, Shaz speaking. Heads up, calls here get recorded. "
                "What can I do for you?"),
            (u, "G'day Shaz. Bryce Pennicott here. I had an MRI on me shoulder on Monday and I'm just "
                "ringing to see if it's come back yet, that's all."),
            (a, "Pennicott, yep, got you. Yep, it's back. So, the report says a partial-thickness tear "
                "of the supraspinatus, with some bursitis around it."),
            (u, "Oh, right. That's, well, that's not nothing, is it."),
            (a, "And while I've got you up, the file's also got your ultrasound from March, which showed "
                "fluid in the same spot, Dr Ashwell's referral mentioning your reflux and the blood "
                "pressure tablets, the amlodipine, and the note about your knee reconstruction back in "
                "twenty-nineteen."),
            (u, "Yeah, I know all that, mate, I was only after the shoulder. Can you get the physio to "
                "give us a bell about what happens next?"),
            (a, "No dramas, I'll get Bronwyn to ring you when she's free this arvo."),
            (u, "Righto. Cheers, Shaz."),
            (a, "No worries. Hooroo.")],
            recording_notice=M, identity_before_phi=V, minimum_necessary=V, callback_verification=V,
            complaint_acknowledged=NA, bereavement=NA, closing=V, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h16-hc-02", "healthcare", [
            (a, "Penobscot Bay Orthopedics, billing, this is Darrell. How can I help you?"),
            (u, "Hi Darrell. Ayuh, my name's Lorraine Bickford. I got a bill for my knee scope from "
                "September, and it says the insurance denied it, and I owe the whole thing. I called "
                "before the surgery and somebody told me it was all approved."),
            (a, "Okay. I'll need your date of birth and the member ID on your insurance card."),
            (u, "It's the nineteenth of May, nineteen sixty-one. The ID is M, E, four oh two, six six "
                "eight one."),
            (a, "Okay, I've got you. So the arthroscopy on September twelfth went to Pine Tree Health "
                "and they denied it, no prior authorization on file. Hang on, let me pull up the denial "
                "letter.", 26.0),
            (a, "Yeah, so it's denied. Oh, and I should've said, this call's recorded. Anyway, that's "
                "between you and the insurance."),
            (u, "Well, that's just wicked wrong. Your office was supposed to get the authorization, not "
                "me. I'd like to make a formal complaint about it, because this isn't my mistake."),
            (a, "I mean, you can call the insurance and appeal, but there's nothing we can do on our "
                "end. The balance is still due in thirty days."),
            (u, "So nobody's going to own up to it. Nine thousand dollars. I'm so angry I could spit, "
                "honestly. I did everything I was supposed to."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No. I guess not."),
            (a, "Alright, thanks for calling, have a good day.")],
            recording_notice=V, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=V, bereavement=NA, closing=M, long_silence=V, long_hold=M,
            customer_frustration=V),
        scripted("h16-hc-03", "healthcare", [
            (a, "Bula, good afternoon, Tamavua Private Hospital, appointments, you're speaking with "
                "Salote. Please be aware this call is recorded. How can I help you?"),
            (u, "Bula, Salote. My name is Mereani Tuilagi. I'm calling about my father, Josaia Tuilagi. "
                "We lost him two weeks ago. And your hospital is still sending him text messages every "
                "day about his appointments. My mother reads them and cries. It's really not on, "
                "someone should have stopped them."),
            (a, "Oh, Mereani, I'm so sorry about your father, and I'm truly sorry about those messages. "
                "That should not have happened, and I'll make sure it stops today. I'm also logging "
                "what happened as a complaint so our records team look at why it wasn't picked up. So "
                "I can find his file, can you give me his date of birth and his home address?"),
            (u, "Thank you. It's the second of February, nineteen fifty. Lot twelve, Ratu Sukuna Road, "
                "Nasese."),
            (a, "Thank you, that matches his file. I can see two appointments still booked: his diabetes "
                "review on the ninth and the eye screening on the twentieth. I'll cancel both now and "
                "switch off the reminders, so no more messages will go to his phone."),
            (u, "Vinaka. That's a relief. My mother will be glad."),
            (a, "Our bereavement office can also close his file properly and send the family a letter, "
                "and they can help with any bills that are still open, so you don't get those by post. "
                "Would you like me to ask them to contact you?"),
            (u, "Yes please, that would help. Sorry I was sharp before, it's been a hard fortnight."),
            (a, "Please don't apologise, you had every reason. I've passed it on, they'll write to you "
                "at the family address. Is there anything else I can help you with?"),
            (u, "No, that's everything. Vinaka vakalevu, Salote."),
            (a, "Thank you for calling, Mereani. Our thoughts are with you and your mother. Take care.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=M, bereavement=M, closing=M, long_silence=M, long_hold=M,
            customer_frustration=M),
    ]


def service16() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h16-svc-00", "service", [
            (a, "Afternoon, thanks for calling Tyneside HomeCare, you're through to Kyle. How can I help?"),
            (u, "Alreet Kyle. Aye, I want shot of me boiler cover, man. I'm gannin' to live at me "
                "daughter's in Whitley Bay and there's nae gas there, it's all electric, like."),
            (a, "Ah, fair enough, a new start. Before I take it off for you, can I just mention a couple "
                "of things? We can move the cover to your daughter's, and our electrics and plumbing "
                "plan covers the wiring, the immersion and the pipes, and for existing customers it's "
                "six pound a month instead of eleven. Would that be any use to you?"),
            (u, "Nah, ta. Our Karen's lad's a sparky, he sees to all that for nowt."),
            (a, "Can't beat that. Then I'll cancel the boiler cover from the end of this month. There's "
                "no charge to leave, and you'll get a letter confirming it."),
            (u, "Canny. That was easier than I thought it'd be."),
            (a, "Is there anything else I can help you with today?"),
            (u, "No, that's me, pet."),
            (a, "Lovely. Thanks for being with us all these years, and all the best with the move.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h16-svc-01", "service", [
            (a, "Grand Concourse Grocer delivery. Order number?"),
            (u, "It's four seven seven two one. Listen, my order came three hours late last night, "
                "half the eggs smashed, and the ice cream was soup. I'm not happy about this at all."),
            (a, "I'm sorry about that, that's not okay. I'm putting a thirty-eight dollar credit on "
                "your account for the eggs and the frozen stuff, and you'll see it by tomorrow "
                "morning. I'm flagging the driver's route too."),
            (u, "Okay, but this is the third time this month. Third time. I want to talk to your "
                "supervisor, 'cause somebody needs to fix this, not just throw credits at me."),
            (a, "Supervisors don't take calls, ma'am. The credit's all they'd do anyway."),
            (u, "Are you serious right now? So I can't talk to nobody? I'm paying for the delivery "
                "pass every month for this."),
            (a, "You can email the help address if you want."),
            (u, "Unbelievable. Honestly, this is ridiculous, I swear. Third time."),
            (a, "Is there anything else I can help with tonight?"),
            (u, "No."),
            (a, "Okay. Thanks for calling, have a good night.")],
            greeting=V, agent_name=V, complaint_acknowledged=M, escalation_offered=V, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=V),
        scripted("h16-svc-02", "service", [
            (a, "Hi, good morning, thanks for calling Maison Laurier Furniture, my name is Chloé. What "
                "can I do for you?"),
            (u, "Hi Chloé, good morning. I'm Gary Weinstock. I've got a sectional coming on Thursday, "
                "and it turns out I'll be in Ottawa for work that day, so I need to move the delivery "
                "to the week after, if that's possible."),
            (a, _DELIVERY),
            (u, "Okay, great. Good to know about the stairs, I'm on a third floor in the Mile End."),
            (a, "Okay, let me check what the trucks have for the week after.", 24.0),
            (a, "So I can do Saturday the nineteenth. Does that work?"),
            (u, "Saturday the nineteenth is perfect. Thanks a lot."),
            (a, "Done, it's moved. You'll get the text the Friday night."),
            (u, "Great, thank you."),
            (a, "Okay, bye.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=NA,
            closing=V, long_silence=V, agent_monologue=V, customer_frustration=NA),
        scripted("h16-svc-03", "service", [
            (a, "Good evening, and thank you for calling Kafue SkyView TV. My name is Mwila. How may I "
                "help you?"),
            (u, "Good evening, Mwila. I am Mr Chanda Mulenga, from Kabulonga. Eh, my decoder is saying "
                "no signal for one whole week now. We are paying for nothing, and I have called two "
                "times already. It is not fair at all, my friend."),
            (a, "I'm very sorry, Mr Mulenga, a week without the service is too long, and you shouldn't "
                "have had to call three times. There's a fault on the Kabulonga transmitter since last "
                "Tuesday. Our engineers are working on it, and I'm putting a full week's credit on "
                "your account now, so you won't pay for those days."),
            (u, "Mm. They told me that also last time. I want to talk to the one who is above you, "
                "please. Somebody senior."),
            (a, "You're entitled to that, sir. My supervisor, Mrs Banda, is on the floor tonight. I can "
                "transfer you to her straight after we finish, or she can call you tomorrow morning. "
                "Which would you prefer?"),
            (u, "Let me talk to her now, tonight."),
            (a, "I will. I'll put a note on the account so she has everything and you don't need to "
                "repeat yourself. The credit is already showing, and the engineers expect the signal "
                "back by Thursday."),
            (u, "Okay. At least you are explaining. Thank you, Mwila, that is better."),
            (a, "Is there anything else I can help you with before I transfer you?"),
            (u, "No, that is all."),
            (a, "Thank you for your patience, Mr Mulenga. Have a good evening, I'm putting you through "
                "to Mrs Banda now.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=M, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
    ]
