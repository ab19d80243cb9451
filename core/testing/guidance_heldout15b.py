"""The healthcare and service calls of the fifteenth held-out set (``guidance_heldout15``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations, voices and labelling conventions.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_DELIVERY_POLICY = (  # about 200 words: well over a minute of the agent alone
    "Okay, so I've got it here, the sectional in charcoal, the three-piece. So the way our deliveries "
    "work is, we don't actually run the trucks ourselves, we use a third-party carrier for everything "
    "over a hundred and fifty pounds, and they build their routes the night before, so the window you "
    "get in the confirmation email is an estimate, it's not a guaranteed time. If a truck falls behind "
    "on its route, which happens a lot with the construction on the Stevenson and the Dan Ryan right "
    "now, the stops at the end of the route get pushed to the next available day, and the carrier is "
    "supposed to text you, but that depends on the driver updating the tablet, which they don't always "
    "do. Now, we can't reimburse for time off work, that's in the terms you agreed to at checkout, and "
    "the delivery fee isn't refundable once the order's been routed, but you can ask for a specific "
    "window for a premium fee of forty-nine dollars, which gets you a four-hour slot instead of the "
    "all-day one. Also, when you get the text the night before, you have to reply Y to confirm, "
    "otherwise the carrier can drop you off the route, so make sure you watch for that one."
)


def healthcare15() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h15-hc-00", "healthcare", [
            (a, "Good morning po, Mandaue Family Health Center, this is Joy speaking. This call is being "
                "recorded for quality and patient safety. How can I help you today?"),
            (u, "Good morning, Joy. This is Maricel Dela Cruz. I'm twenty-six weeks pregnant, I had my "
                "ultrasound last Friday with Doc Villanueva. I just want to ask if the result is there "
                "already, and I also need to move my check-up on the fourteenth because of my work."),
            (a, "Sure, ma'am. Before I open your chart, can I have your birthday and your home address, "
                "please?"),
            (u, "March nine, nineteen ninety-six. Address is twenty-seven Sitio Mahayag, Barangay Tipolo, "
                "Mandaue City."),
            (a, "Thank you, ma'am Maricel, that all matches. So Doc Villanueva already signed the "
                "ultrasound report. The baby's growth is normal for twenty-six weeks, and the placenta is "
                "in a good position. She will go through the full report with you at the check-up."),
            (u, "Oh, thank God. I was really thinking about it the whole weekend. Okay, so the check-up, "
                "can I have a Saturday?"),
            (a, "Yes po. You're booked on the fourteenth at nine. I have Saturday the sixteenth at ten, or "
                "Monday the eighteenth at two in the afternoon."),
            (u, "Saturday the sixteenth, please. Ten is okay."),
            (a, "Done, ma'am, Saturday the sixteenth at ten with Doc Villanueva. You'll get a text to "
                "confirm. Is there anything else I can help you with?"),
            (u, "None na, that's all. Thank you so much, Joy."),
            (a, "You're welcome, ma'am. Thank you for calling, and take care of yourself and the baby. "
                "Bye po.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h15-hc-01", "healthcare", [
            (a, "Morning, Conception Bay Family Practice, Sheila speaking. Just so you knows, the calls "
                "are recorded. What can I do for you?"),
            (u, "Morning, my dear. This is Gerald Fitzpatrick, I'm callin' about my father, Patrick "
                "Fitzpatrick. He passed away Sunday night, and I'm after finding a card on the fridge "
                "saying he's got an appointment with Dr Whelan Tuesday. I figured I'd better let ye know."),
            (a, "Okay. Can I get his date of birth and his MCP number?"),
            (u, "Uh, fourth of August, nineteen thirty-nine. MCP is, hang on now, four one seven, "
                "two two eight, nine oh three."),
            (a, "Okay, I got him. So he's down for Dr Whelan Tuesday at ten-thirty, that's the follow-up "
                "on his heart failure, then the echocardiogram in St. John's on the twentieth, the "
                "diabetic foot clinic the week after, the INR check for his warfarin on Monday, and the "
                "referral to the urologist about his prostate is still open too. I'll cancel the lot."),
            (u, "I didn't need all that, my dear. I only wanted to let ye know. Sure he's only gone since "
                "Sunday."),
            (a, "Right. They're all cancelled now, and I've taken him off the list for the flu clinic."),
            (u, "Well. Thanks, I s'pose. Not much of a comfort, is it, hearing all that read off like a "
                "grocery list."),
            (a, "Okay. Bye now."),
            (u, "Yeah. Bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=NA, bereavement=V, closing=V, long_silence=M, long_hold=M,
            customer_frustration=V),
        scripted("h15-hc-02", "healthcare", [
            (a, "G'day, Swan River Health, you're talking to Brodie."),
            (u, "G'day Brodie. Name's Kieran Doyle. I'm FIFO up in the Pilbara, just got back down to "
                "Perth, and I put a claim in for my physio about a month ago and it's come back rejected. "
                "No dramas, I just wanted to find out why."),
            (a, "Doyle, Kieran, yep, got ya. So that's the six sessions with Cottesloe Sports Physio for "
                "the ACL rehab on your right knee. They got knocked back because your extras cover only "
                "kicked in in March, and physio's got a two-month waiting period."),
            (u, "Ah, right. Fair enough, I probably didn't read the fine print when I upgraded."),
            (a, "Happens all the time, mate. Oh, and I'm meant to mention, these calls are recorded for "
                "training and that."),
            (u, "All good. Any chance someone from claims could ring me back about whether the last "
                "couple of sessions might be covered? I'm flying out again Thursday."),
            (a, "No worries, I'll flick it through to claims, they'll give you a bell tomorrow. Let me "
                "just check if there's a reassessment form for that.", 24.0),
            (a, "Sorry, mate, the system's crawling today. Yep, there's a form, I'll email it to you now. "
                "Send it back with the physio's invoices and the dates on them."),
            (u, "Sweet as. Cheers for that."),
            (a, "Anything else I can help you with today, Kieran?"),
            (u, "Nah, that's it."),
            (a, "Thanks for calling Swan River Health, have a good one.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=V, long_hold=M,
            customer_frustration=NA),
        scripted("h15-hc-03", "healthcare", [
            (a, "Good afternoon, Kloof Street Paediatrics, you're speaking to Thandi. Just so you know, our "
                "calls are recorded. How can I help you?"),
            (u, "Hi Thandi. It's Nazeema Adams, I'm phoning about my son, Zaid. Ag, I'm not happy, hey. We "
                "were there Tuesday for his eighteen-month injections, sat for two hours, and the lady at "
                "reception was so rude to me. She said if I don't like waiting I can go to the day "
                "hospital. I want to complain about it."),
            (a, "I'm really sorry, Mrs Adams, nobody should be spoken to like that, and two hours is far "
                "too long. I'm logging it as a complaint for our practice manager, Mrs Jacobs. She'll look "
                "into it and come back to you within five working days."),
            (u, "Okay. Thank you. And I also wanted to ask, did he get everything? The clinic card says "
                "the measles one, but I'm not sure about the booster."),
            (a, "Let me check for you. Can I have Zaid's date of birth and his medical aid number?"),
            (u, "Sixth of May, twenty twenty-four. Medical aid number is eight eight one, four oh two, "
                "seven seven."),
            (a, "Thanks, that matches. On Tuesday he had his second measles dose and the booster, so "
                "he's up to date until his six-year injections."),
            (u, "Okay, lekker. And can Mrs Jacobs phone me rather than email? I'm working shifts at the "
                "hospital."),
            (a, "Of course. The number I have on file for you is oh eight two, five five five, oh one four "
                "seven. Is that still right?"),
            (u, "Yes, that's me."),
            (a, "Perfect. Let me just put that on the complaint.", 9.0),
            (a, "Done. Mrs Jacobs will phone you on that number. Is there anything else I can help with?"),
            (u, "No, that's all. Thanks, Thandi, you've been very sweet."),
            (a, "Thank you for calling, Mrs Adams, and sorry again about Tuesday. Bye-bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=M),
    ]


def service15() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h15-svc-00", "service", [
            (a, "Good evening, and thanks for calling Caroni Cable and Internet. My name is Keisha. How can "
                "I help you tonight?"),
            (u, "Evening, Keisha. This is Dexter Ramnarine, from Chaguanas. My internet down since Friday. "
                "Four days now. I does work from home, I losing money, and every time I call, a recording "
                "tell me they aware of an outage. Allyuh really taking people for granted, yes."),
            (a, "Mr Ramnarine, I'm really sorry. Four days is too long, especially when you work from "
                "home. I'm logging this as a complaint right now, and then I'll see exactly what's wrong. "
                "Can I have your account number?"),
            (u, "C C, four four seven, one nine two."),
            (a, "Thank you. The area outage cleared on Sunday, but your modem is still showing offline, "
                "so the fault is on your line. I'm booking a technician for tomorrow morning, between "
                "eight and twelve, and I'm putting in a credit for the days you had no service."),
            (u, "Tomorrow? Nah, man. Every time is tomorrow. Let me talk to somebody higher up, a "
                "supervisor or something."),
            (a, "I understand, and I can transfer you to my supervisor, Mr Baptiste, right now if you "
                "want. The technician booking is already confirmed either way, you'll get a text "
                "tonight with the technician's name."),
            (u, "Alright, alright. If the man coming in the morning, leave the supervisor. Just make sure "
                "the credit go on."),
            (a, "It's on, four days credited on your next bill. Is there anything else I can help you "
                "with tonight?"),
            (u, "No, that's it. Thanks, Keisha, you sort me out."),
            (a, "Thank you for your patience, Mr Ramnarine. Have a good night.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=M, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
        scripted("h15-svc-01", "service", [
            (a, "Morning, thanks for calling Mersey Pulse Gyms, you're speaking to Jamie. What can I do "
                "for you?"),
            (u, "Alright Jamie. It's Siobhan Kearney. I wanna pack in me membership, to be honest. I've "
                "been going the Bootle one, but I've started nights at Alder Hey and I'm just never "
                "there, so it's money down the drain, innit."),
            (a, "Ah, fair enough, nights are a killer. Before I cancel it, can I mention a couple of "
                "things? We can freeze it for up to three months at two pound a month, so you keep your "
                "old rate. Or there's the off-peak at eighteen ninety-nine. And Bootle's open twenty-four "
                "hours now, so some of the nurses go straight after a shift."),
            (u, "Nah, you're alright, honestly. After a twelve-hour shift the last thing I want is a "
                "treadmill. I'll come back when I'm on days."),
            (a, "No bother at all. Can I just take your date of birth to find you?"),
            (u, "Fourteenth of February, ninety-three."),
            (a, "Lovely. That's cancelled for you. Your last payment's the first of next month, and "
                "there's an email on its way confirming it. Is there anything else I can do for you?"),
            (u, "No, that's it, ta."),
            (a, "Thanks for being with us, Siobhan, and good luck with the nights. Ta-ra.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h15-svc-02", "service", [
            (a, "Hi, thanks for calling Lakeshore Home Furnishings delivery, this is Dana. How can I help "
                "you?"),
            (u, "Hi Dana, this is Marcus Whitfield, I'm over in Bridgeport. I've taken a day off work, "
                "twice now, for my sectional, and twice the truck didn't show. No call, no text, nothing. "
                "I'm honestly pretty fed up, and I want it on record that this is a complaint."),
            (a, "Okay. Deliveries run late sometimes, it's the city traffic. What's the order number?"),
            (u, "L H, six oh three, nine one eight."),
            (a, _DELIVERY_POLICY),
            (u, "I don't need the whole policy, Dana. Can I talk to your supervisor, or somebody above "
                "you?"),
            (a, "My supervisor's just going to tell you the same thing. The next opening is Thursday, "
                "eight to five."),
            (u, "An all-day window. Unbelievable. Fine, Thursday. I still don't see why I have to take a "
                "third day off for your mistake."),
            (a, "You're down for Thursday. Is there anything else I can help you with today?"),
            (u, "No."),
            (a, "Alright, thanks for calling Lakeshore, have a good day.")],
            greeting=M, agent_name=M, complaint_acknowledged=V, escalation_offered=V, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=V, customer_frustration=V),
        scripted("h15-svc-03", "service", [
            (a, "Good morning, you're through to the Canongate Festival Box Office. How can I help?"),
            (u, "Oh, hello there. It's Morag Lindsay. I booked four tickets for the Saturday ceilidh at "
                "the Assembly Rooms, and I've not had the e-tickets through yet. It's the day after "
                "tomorrow, so I just wanted to check they're coming."),
            (a, "Okay, let's have a look. Can you give me the booking reference?"),
            (u, "It's C F, two nine four seven one."),
            (a, "Right, just give me a wee moment, the system's awful slow this morning.", 27.0),
            (a, "Here we go. The tickets went out on Monday, but the email bounced. It's down as m dot "
                "lindsay with two l's. I'll correct it and send them again now."),
            (u, "Oh, that'll be me and my fat fingers. Yes, it's just the one l."),
            (a, "That's them sent. They should be with you in a couple of minutes."),
            (u, "Oh, there they are, all four. Lovely. Thanks very much."),
            (a, "Cheerio.")],
            greeting=M, agent_name=V, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=NA,
            closing=V, long_silence=V, agent_monologue=M, customer_frustration=NA),
    ]
