"""The healthcare and service calls of the nineteenth held-out set (``guidance_heldout19``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations, voices and labelling conventions.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_RETAIN = (  # about 120 words: under a minute of the agent alone
    "I understand, Mr Staniforth, and I'd much rather sort you out than lose you. Before I put a "
    "cancellation through, can I tell you what I can do? You're on our nine-hundred-meg package, which "
    "is more than most houses need. If it's mainly the telly, emails and video calls to the grandkids, "
    "our hundred-and-fifty-meg plan would be plenty, and for customers who've been with us as long as "
    "you, that's twenty pound a month, with no set-up fee, same router, same email address, so nothing "
    "changes your end. There's also our social tariff at fifteen pound if you get pension credit. If "
    "neither suits, I'll cancel today, and there's no charge as you're out of contract."
)

_DEPOT = (  # about 210 words: well over a minute of the agent alone
    "Yeah, so what happens at our end is, all the parcels for the southern suburbs come into the "
    "Rongotai depot overnight, off the ferry and the airport, and they get sorted onto the vans by about "
    "seven. The drivers on the Island Bay run are contractors, so they've got their own vans and they're "
    "paid per drop, and they've usually got a hundred and twenty, a hundred and forty parcels on a good "
    "day, more in the lead-up to Christmas. When they get to an address they're meant to knock, wait a "
    "minute or so, and if nobody comes they scan it as card left and take it back to the depot. Now, the "
    "scanner asks them for a reason, and sometimes if it's chucking it down or there's a southerly "
    "blowing, they'll just pick the first option on the list to keep moving, which isn't great, I know. "
    "Then the parcel sits at the depot for five working days, and after three failed attempts the system "
    "normally sends it back to the sender on its own, which is why I wanted to catch it today. So it's "
    "booked on tomorrow's run with a note to knock and wait, or you can pick it up from the depot any "
    "time before six."
)


def healthcare19() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h19-hc-00", "healthcare", [
            (a, "Good morning, Cotteridge Lane Surgery, you're speaking to Parminder. Calls to the "
                "surgery are recorded. How can I help?"),
            (u, "Morning, bab. I had me bloods done on Tuesday, for the sugar, and the doctor said ring "
                "on Friday for the result, so I'm ringing."),
            (a, "No problem. Can I take your full name and date of birth, please, and the first line of "
                "your address?"),
            (u, "Maureen Bradley, twenty-fifth of July, nineteen fifty-six. Forty-two Hazelwell "
                "Crescent."),
            (a, "Thank you, Maureen, that all matches. Bear with me a sec while it loads.", 16.0),
            (a, "Thanks for holding on. Right, your sugar test, the HbA1c, has come back at forty-four, "
                "which the doctor has marked as normal, no further action. He'll see you at your annual "
                "review as usual."),
            (u, "Oh, bostin'. Only I was a bit worried, like. Could the nurse give us a ring, though? I "
                "wanna ask her about me feet, they've gone all tingly."),
            (a, "Course she can. Just so we ring the right number, we've got a mobile ending seven three "
                "one eight on your record. Is that still the best one?"),
            (u, "Ar, that's the one."),
            (a, "Lovely. I've booked you a phone call with Sister Hughes between two and four this "
                "afternoon. Is there anything else I can help with today?"),
            (u, "No, that's it, ta."),
            (a, "You're welcome, Maureen. Thanks for calling, ta-ra.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h19-hc-01", "healthcare", [
            (a, "Parade Dermatology, Brodie speaking, how can I help?"),
            (u, "Hi Brodie, it's Trish Mavromatis. I had a biopsy on a spot on me shoulder three weeks "
                "ago, and you lot have cancelled my follow-up twice now. Twice! I took the arvo off "
                "work both times. I just want to know what the result is, deadset, it's doing my head "
                "in."),
            (a, "Yeah, rosters change, that happens. Can I get your date of birth and your address?"),
            (u, "Third of the ninth, eighty-one. Fourteen Osmond Terrace, Norwood."),
            (a, "Okay, got you. So the biopsy came back as a basal cell carcinoma, a superficial one. "
                "While I'm in here, your file's also got the mole map from last year with the two "
                "atypical ones on your back, the Roaccutane you were on in twenty-sixteen, the "
                "referral from your GP mentioning your anxiety and the sertraline, and a note that you "
                "reacted to the local anaesthetic last time."),
            (u, "Hang on, hang on. Carcinoma? That's cancer, isn't it? And why are you reading me all "
                "that other stuff? Nobody's even said sorry about the cancellations. This is a joke."),
            (a, "It's the common kind, the doctor will go through it. Your next appointment is Thursday "
                "the twelfth at ten fifteen."),
            (u, "Thursday. If that gets cancelled as well I'm going somewhere else. I'm really not "
                "happy, Brodie."),
            (a, "Anything else I can do for you?"),
            (u, "No."),
            (a, "Okay, thanks for calling. Bye.")],
            recording_notice=V, identity_before_phi=M, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=V, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=V),
        scripted("h19-hc-02", "healthcare", [
            (a, "Hello, Leith Walk Physio, it's Eilidh. Just to let you know, calls are recorded. How "
                "can I help?"),
            (u, "Hiya. Aye, my name's Isla Henderson. I've had a letter fae yous charging me thirty "
                "pound for missing two appointments. Thing is, my brother Davie died the week before, "
                "and I was up in Inverness sorting everything, and physio was the last thing on my "
                "mind. It's a bit much, a letter like that, the now."),
            (a, "Oh, Isla, I'm so sorry about your brother. That's an awful time, and the last thing you "
                "need is a letter like that, I'm sorry it came. I'm logging it as a complaint so the "
                "charge gets looked at, and I'll note the bereavement so no more letters go out about "
                "it. Can I just check your date of birth and postcode first?"),
            (u, "Twenty-ninth of January, nineteen seventy. E H six, four R J."),
            (a, "Thank you, that's you confirmed. Bear with me a wee second.", 14.0),
            (a, "Right, the two sessions you missed were your knee rehab after the ligament repair. I can "
                "get you back in with Graeme on Tuesday the ninth at half nine, if that suits?"),
            (u, "Aye, that's fine. Could Graeme maybe phone me before that? I've lost track of the "
                "exercises, I've no' done them for a fortnight."),
            (a, "Of course. Is the mobile ending five two six zero still right for you? That's the one "
                "on your file."),
            (u, "Aye, that's me."),
            (a, "Grand, he'll ring you on that tomorrow afternoon. Is there anything else I can do for "
                "you?"),
            (u, "No, you've been awfy kind. I'm feeling a lot better about it, to be honest."),
            (a, "I'm glad. Take care of yourself, Isla, and thanks for calling. Bye just now.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=M, closing=M, long_silence=M, long_hold=M,
            customer_frustration=M),
        scripted("h19-hc-03", "healthcare", [
            (a, "Good afternoon, Osu Family Clinic, this is Abena speaking. Please note that this call "
                "is being recorded. How may I help you?"),
            (u, "Good afternoon, my sister. My name is Kwabena Asante. Please, I am calling about my "
                "pressure medicine. The doctor said he will renew it, and I went to collect it at the "
                "Oxford Street pharmacy, but they said it has not come yet."),
            (a, "Okay, Mr Asante, let me check. Yes, I can see Dr Owusu renewed your losartan, fifty "
                "milligrams once a day, and he added hydrochlorothiazide because your pressure was "
                "still high at your last review."),
            (u, "Oh, he added another one? Okay."),
            (a, "Yes, please. Before I go further, can I have your date of birth?"),
            (u, "Fourteenth of March, nineteen sixty-eight."),
            (a, "Thank you. Let me check why the pharmacy cannot see it.", 24.0),
            (u, "Hello? Abena, are you there?"),
            (a, "Yes, sorry. The prescription was sent to the Spintex branch by mistake. I have moved it "
                "to Oxford Street, you can collect it from four o'clock."),
            (u, "Okay, thank you. But about this new tablet, I want the doctor to call me and explain. "
                "Please use this number, zero two four, five five five, zero one nine two. The one "
                "you have is my old phone, it got spoilt."),
            (a, "No problem, I have noted the new number. The doctor will call you on it tomorrow "
                "morning."),
            (u, "Thank you very much."),
            (a, "Is there anything else I can help you with?"),
            (u, "No, that is all. God bless you."),
            (a, "Thank you for calling Osu Family Clinic, Mr Asante. Have a good afternoon.")],
            recording_notice=M, identity_before_phi=V, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=V, long_hold=M,
            customer_frustration=NA),
    ]


def service19() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h19-svc-00", "service", [
            (a, "Morning, you're through to Don Valley Fibre, my name's Jodie. How can I help?"),
            (u, "Ey up, Jodie. I want to pack in me broadband, love. It's forty-two quid a month now, "
                "and me neighbour's paying half that wi' another lot. I'm a pensioner, I can't be "
                "doing wi' that."),
            (a, _RETAIN),
            (u, "Twenty quid, same router? Reyt, go on then, that'll do me. I'll stop."),
            (a, "Smashing. I've switched you to the hundred-and-fifty plan from your next bill, and "
                "you'll get an email confirming it today. Is there anything else I can help with?"),
            (u, "No, that's champion, love. Ta."),
            (a, "Thanks for staying with us, Mr Staniforth. Have a lovely day, bye.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h19-svc-01", "service", [
            (a, "Hi, thanks for calling Fort Point Athletic Club, how can I help you?"),
            (u, "Hey, how ya doin'. So I gotta cancel my membership. I'm movin' out to Worcester next "
                "month, the commute on the Pike is wicked brutal, I'm not drivin' in just to use the "
                "treadmill."),
            (a, "Okay, no problem. Can I get your name and date of birth?"),
            (u, "Sean Fitzgerald, June second, eighty-nine."),
            (a, "Okay, Sean, you're all set, the membership's cancelled as of the first. You'll get an "
                "email."),
            (u, "That's it? Alright, pissah. Oh, and I still got a guest pass, can my brother use it?"),
            (a, "Sure, it's good till the end of the month."),
            (u, "Wicked. Thanks."),
            (a, "Yup. Take care.")],
            greeting=M, agent_name=V, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=V,
            closing=V, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h19-svc-02", "service", [
            (a, "Kia ora, Southerly Express, you're talking to Hemi. What can I do for you?"),
            (u, "Kia ora Hemi. Look, I'm a bit over it, eh. I've had a card in the letterbox three times "
                "now saying you tried to deliver my parcel in Island Bay, and I've been home every "
                "single time. Nobody knocked. It's a new pair of work boots, and I've been going round "
                "in my munted old ones for a fortnight."),
            (a, "Aw, that's not good, I'm sorry, that's really frustrating. Give me the tracking number "
                "and I'll get it rebooked with a note for the driver to knock."),
            (u, "S E, four four seven nine two."),
            (a, _DEPOT),
            (u, "Yeah, nah, I didn't really need the whole story, mate. Is there someone further up the "
                "food chain I could have a word to? Because this keeps happening."),
            (a, "I'll pop a note on the file for the depot to look at the driver's route. Tomorrow's "
                "delivery is between nine and one."),
            (u, "Right. So nobody, then. Sweet. I'll believe it when I see it, honestly. Three times."),
            (a, "Is there anything else I can help you with today?"),
            (u, "Nah, that's it."),
            (a, "Cheers, thanks for calling Southerly Express. Have a good one.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=V, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=V, customer_frustration=V),
        scripted("h19-svc-03", "service", [
            (a, "Good morning, thank you for calling Liguanea Appliance Care, my name is Kemar. How may "
                "I help you today?"),
            (u, "Morning, Kemar. Listen nuh, mi vex this morning. Di technician was supposed to come "
                "Tuesday fi fix mi fridge, mi tek di whole day off work, and him never show up, nobody "
                "call. Mi have food spoiling. It's not right at all."),
            (a, "I'm really sorry, ma'am, that should never have happened, and I understand why you're "
                "upset. Can I get your name and the job number so I can see what went wrong?"),
            (u, "Claudette Barrett. Job number is L A, three three one six."),
            (a, "Thank you, Mrs Barrett. The technician's van broke down on Tuesday, and the office "
                "should have called you, and they didn't. I'm logging a complaint about that now, and "
                "I'm booking you first on the list tomorrow, between eight and ten, with our senior "
                "technician."),
            (u, "Tomorrow. Hmm. Mi nah cancel di warranty or nutten, mi just want di fridge fi work. But "
                "mi want somebody bigger than you to know say dis happen, you understand?"),
            (a, "Absolutely. I can put you through to my supervisor, Miss Campbell, right now, or she can "
                "call you this afternoon, whichever you prefer."),
            (u, "Make she call me this afternoon. Okay, Kemar, you handle it good. Mi feel better now, "
                "thank you."),
            (a, "You're welcome. Is there anything else I can help you with today?"),
            (u, "No, that's all, darling."),
            (a, "Thank you for calling Liguanea Appliance Care, Mrs Barrett. Walk good.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=M, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
    ]
