"""The healthcare and service calls of the fourteenth held-out set (``guidance_heldout14``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations, voices and labelling conventions.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_COURIER = (  # about 250 words: well over a minute of the agent alone
    "Right, well, deliveries are done by the courier, so that's not really us, love. How it works is, "
    "once your sofa comes off the line at the factory in Brighouse, it goes to the courier's depot at "
    "Wakefield, and they do their own routes, so we don't see what van it's on or when. They're "
    "supposed to text you the night before with a two-hour slot, and if they don't text, that usually "
    "means it's not got loaded, which happens if the van's full or if the order's come in late from "
    "the factory. Now, looking at yours, it says here it was on the van last Wednesday but it come "
    "back undelivered, and there's a code on it that means the driver ran out of time, so it'll have "
    "gone back to the depot overnight. Then Monday it looks like it never got put on at all, and I "
    "can't tell you why, because that's their system, not ours, we only see what they send us at the "
    "end of the day. What normally happens then is they wait for us to rebook it, and we can only "
    "rebook on the days they give us for your postcode, which for Halifax is Mondays and Thursdays, "
    "and they're booked up a fair way ahead at the minute because of the sale. So I can get you the "
    "next free slot they've got, but I can't make them go any faster than that, it's out of my hands."
)


def healthcare14() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h14-hc-00", "healthcare", [
            (a, "Kia ora, Kapiti Coast Health, you're speaking with Aroha. Just so you know, our calls are "
                "recorded for training and safety. How can I help?"),
            (u, "Kia ora, Aroha. It's Hemi Walker. I'm after a repeat of my inhaler, the brown one, I'm "
                "down to the last few puffs. Winter's a shocker for my chest."),
            (a, "No worries, Hemi, we'll get that sorted. First up, can you confirm your date of birth and "
                "your address for me?"),
            (u, "Twenty-ninth of October, nineteen eighty-one. Forty-two Rimu Street, Raumati Beach."),
            (a, "Sweet as, that matches. I can see the beclomethasone inhaler on your repeats, and the last "
                "script was in June. Dr Patel needs to sign it off, so it'll be at the pharmacy tomorrow "
                "afternoon."),
            (u, "Choice. Oh, and the nurse said last time she wanted to check how I'm going with my asthma "
                "plan. Could she give us a buzz sometime this week?"),
            (a, "Yep, I'll ask Nurse Claire to give you a call. Just checking, the number we've got on file "
                "for you is oh two seven, four one eight, five five two nine. Is that still right?"),
            (u, "Yep, that's the one."),
            (a, "Great, she'll ring you on that Thursday morning. Anything else I can do for you today, "
                "Hemi?"),
            (u, "Nah, that's all, cheers."),
            (a, "Thanks for calling, Hemi. Look after that chest. Ka kite.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h14-hc-01", "healthcare", [
            (a, "Berea Ridge Hospital, patient accounts, good afternoon."),
            (u, "Afternoon. Ja, I'm phoning about an account I got for my knee op in September. It's "
                "Thandeka Ndlovu. The medical aid has rejected almost the whole thing, hey, and now you "
                "people want eighteen thousand rand from me."),
            (a, "Let me pull it up. Ndlovu, ja, here. The arthroscopy on the fourteenth of September with "
                "Dr Pillay. The medical aid only pre-authorised a diagnostic scope, but the doctor also "
                "repaired the meniscus, so they rejected the repair, the implant and the second theatre "
                "hour. That's the eighteen thousand four hundred."),
            (u, "But nobody told me anything about pre-authorising a repair! I was lying there asleep, how "
                "must I know what he's going to do? This is really not on. I want to lay a complaint about "
                "how this was handled."),
            (a, "Ma'am, that's between you and your medical aid, the hospital billed correctly. Oh, and I "
                "must mention, this call is recorded. Can I confirm your ID number and date of birth for "
                "the file?"),
            (u, "Eight one oh three one five, oh eight seven six, oh eight three. Fifteenth of March, "
                "eighty-one. So what, I must just pay eighteen thousand for something I never agreed to?"),
            (a, "Ja, unless the medical aid pays, the account is yours. You can pay it off over six months "
                "if you want."),
            (u, "Six months. Wow. I've been a patient here for years, and this is how I get treated. I'm "
                "very upset, honestly."),
            (a, "I understand. Anything else I can help with?"),
            (u, "No. Nothing else."),
            (a, "Okay, thank you for calling, goodbye.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=V, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=V),
        scripted("h14-hc-02", "healthcare", [
            (a, "Good morning, Portree Medical Practice, Catriona speaking. I'll just let you know our calls "
                "are recorded. What can I do for you?"),
            (u, "Good morning, Catriona. It's Morag MacLeod, I'm phoning about my father, Alasdair "
                "MacLeod. He was to be seeing the heart doctor at Raigmore on Tuesday next, and the nurse "
                "here the week after. But Dad slipped away on Sunday night, at home, in his own bed. So "
                "he'll not be needing them, you see."),
            (a, "Oh, Morag, I'm so very sorry. Thank you for letting us know, and at such a time. We've a "
                "bereavement process, and I'll see it's all handled so nothing more goes out in his name. "
                "Before I touch his record, could you give me his date of birth and his address?"),
            (u, "Third of April, nineteen thirty-six. Taigh na Creige, Braes, by Portree."),
            (a, "Thank you, that matches. I'll cancel the cardiology appointment at Raigmore and the nurse "
                "review, and I'll stop his repeat prescriptions so the chemist doesn't make them up. Bear "
                "with me a moment while I do that.", 15.0),
            (a, "That's all done. I'll let Dr Fraser know, and we'll send the family a wee leaflet about "
                "bereavement support on the island."),
            (u, "Thank you. My mother's not great, as you'd expect. Would Dr Fraser maybe give her a ring "
                "in a day or two? She'd take it better from him."),
            (a, "Of course, he'd want to. The number we have for your mother is the house phone, oh one "
                "four seven eight, six one two, three four oh. Is that still the best number for her?"),
            (u, "It is, aye. She'll be in."),
            (a, "Lovely. I'll put the request to Dr Fraser this morning. Is there anything else I can do "
                "for you, Morag?"),
            (u, "No, that's everything. You've been very kind."),
            (a, "Not at all. Thank you for calling, and our thoughts are with you all. Take care now.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=M, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h14-hc-03", "healthcare", [
            (a, "Hi, thanks for calling Lakewalk Family Clinic, this is Britta. Just so ya know, this call "
                "may be recorded. How can I help ya?"),
            (u, "Oh, hi Britta. This is Gary Halvorson. I was just wondering if my blood pressure refill "
                "got sent over to the pharmacy in Hermantown. They said they didn't have anything yet."),
            (a, "Oh, sure, let's take a look. Can I get your date of birth and your address there, Gary?"),
            (u, "Yup, it's June ninth, nineteen sixty. Twenty-one fifteen Jean Duluth Road."),
            (a, "Okay, perfect. So here's what I've got on you: lisinopril ten milligrams, atorvastatin "
                "forty, metformin five hundred twice a day, the tamsulosin from the urologist, your A1C "
                "was seven point eight in August, there's the fatty liver on your ultrasound, and Dr "
                "Lindqvist's note says she wants you down twenty pounds."),
            (u, "Oh, geez. Okay. I really just needed the blood pressure one, but okay."),
            (a, "Right, the lisinopril. Hang on, let me see if that went out.", 24.0),
            (a, "Okay, so that's still sittin' in her inbox, it didn't get signed. I'll flag it for her."),
            (u, "Oh, shoot. Well, I'm out as of tomorrow. Could Dr Lindqvist give me a call back, too? My "
                "readings have been kinda high and I wondered about upping the dose."),
            (a, "Yup, I'll send her a message, she'll give ya a ring sometime this week."),
            (u, "Okay. Well, that'd be good."),
            (a, "Alrighty, you have a good one now, bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=V, callback_verification=V,
            complaint_acknowledged=NA, bereavement=NA, closing=V, long_silence=V, long_hold=M,
            customer_frustration=NA),
    ]


def service14() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h14-svc-00", "service", [
            (a, "Morning, Carn Brea Kitchens, you're speaking to Tamsin. How can I help you today?"),
            (u, "Morning, my 'ansum. This is Jenny Trewhella, over Pool. Your fitters were supposed to "
                "finish my kitchen Friday gone. They've left me with no worktop by the sink, the tap's "
                "hanging off the wall, and the one worktop they did put in has got a great chip out the "
                "front of it. I've been washing up in the bath for a week, and I'm proper fed up, I am."),
            (a, "Oh Jenny, I'm really sorry, that's not good enough at all, and washing up in the bath for "
                "a week sounds miserable. I'm logging this as a complaint now so our installations "
                "manager sees it today, and I'll get the fitters booked back in to finish."),
            (u, "Well, I've heard that before, mind. The lad said Tuesday and nobody come."),
            (a, "I understand why you don't trust that now. So here's what I'll do: the new worktop's in "
                "stock at our Camborne yard, I've checked. Our installations manager, Rob Penhaligon, will "
                "come out himself Thursday morning with the fitters, and he'll ring you tomorrow to "
                "confirm the time. And I'll take the fitting charge for that worktop off your invoice."),
            (u, "Thursday with the manager himself? Well, that's more like it. Thank you, Tamsin."),
            (a, "You're welcome, and I'm sorry again it's come to this. Is there anything else I can help "
                "with today?"),
            (u, "No, that's it, ta."),
            (a, "Thanks for calling, Jenny, and I hope you've got your kitchen back by the weekend. Bye "
                "now.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=NA, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
        scripted("h14-svc-01", "service", [
            (a, "Hiya, good afternoon, you've come through to Cwm Fitness in Pontypridd, it's Rhys "
                "speaking. What can I do for you?"),
            (u, "Oh hiya Rhys. It's Sian Pugh, now. Listen, I'm going to have to knock the gym on the "
                "head, love. I've been paying thirty-four pound a month and I haven't been through the "
                "door since Easter. It's daft, isn't it."),
            (a, "Aw, sorry to hear that, Sian. I can sort that for you, but before I do, can I ask what's "
                "stopped you coming? Sometimes there's something we can do."),
            (u, "Honestly? It's the shifts. I'm in the care home now, twelve-hour shifts, and by the time "
                "I'm done I'm fit for nothing."),
            (a, "Fair enough, mind, twelve hours is a long old day. A couple of things, then: I can freeze "
                "the membership for up to three months for nothing, so you keep your rate, or there's "
                "the off-peak membership at nineteen pound, pool and classes up to four on weekdays and "
                "all weekend. A lot of the shift workers go for that one."),
            (u, "Ooh, nineteen. That's tempting, but no, I know myself, I won't go. I'd rather just "
                "finish, if that's alright."),
            (a, "No problem at all, I'll do that now. There's a month's notice in the contract, so you'll "
                "have one last payment on the first, and you're welcome to use the gym till the end of "
                "next month."),
            (u, "Fair play, that's fine."),
            (a, "Done, you'll have an email confirming it. Is there anything else I can help you with?"),
            (u, "No, that's it, thanks Rhys."),
            (a, "Thanks for calling, Sian. Look after yourself, and if you ever fancy coming back, give us "
                "a shout. Ta-ra.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h14-svc-02", "service", [
            (a, "Good morning, Calder Valley Furniture, customer services, you're through to Dean. How can "
                "I help?"),
            (u, "Morning, Dean. Name's Pauline Haigh, order six six one eight four, a grey three-seater. "
                "I took a day off work last Wednesday for it, nobody came. I took another day off Monday, "
                "nobody came again, no phone call, nowt. I've had two days' pay docked and I'm sat on "
                "garden chairs in me front room. I'm not best pleased, love, I'll be honest."),
            (a, _COURIER),
            (u, "I don't want the ins and outs of the courier, Dean. I want my sofa, and I want somebody to "
                "own up to it. Can I speak to your manager, please?"),
            (a, "There's no point, honestly, she'll only tell you the same as me. Earliest I've got is the "
                "twenty-third."),
            (u, "The twenty-third? That's nearly three weeks. This is a joke. I'm absolutely livid, Dean."),
            (a, "It's the best I can do. Do you want it booking in?"),
            (u, "Go on, then. I've not got much choice, have I?"),
            (a, "Right, that's booked for the twenty-third, all-day slot. Anything else I can help with?"),
            (u, "No. Just get it here."),
            (a, "Will do. Thanks for calling, bye.")],
            greeting=M, agent_name=M, complaint_acknowledged=V, escalation_offered=V, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=V, customer_frustration=V),
        scripted("h14-svc-03", "service", [
            (a, "Good afternoon, and thank you for calling Lagoon Star Television. How may I help you "
                "today?"),
            (u, "Good afternoon. My name is Chinedu Okafor, my smartcard number is seven zero four, one one "
                "two, eight eight five. Since last Sunday my decoder has been showing no signal, one whole "
                "week now, and una still deducted the full month from my account on Tuesday. I'm not "
                "happy at all. Is this how una dey treat customers?"),
            (a, "Ah, Mr Okafor, I'm very sorry about that. A whole week without your channels is not "
                "acceptable, and I understand why you're annoyed. I'm logging a fault report and a "
                "complaint now. Next, a technician will come to check the dish, and I'll credit you for "
                "the days you were off."),
            (u, "Honestly, my brother, I'm tired of this thing. Just disconnect me, let me go and find "
                "another provider."),
            (a, "I understand, and I'll do it if that's what you want. But before you go, let me offer you "
                "something. Apart from the credit for this week, I can give you two weeks of your bouquet "
                "free, and the technician can come on Thursday morning. If it's still not working after "
                "that, I'll cancel it for you with no charge."),
            (u, "Two weeks free and the technician on Thursday? Okay, let me try it one more time."),
            (a, "Thank you, sir. Let me apply the credit and book the technician.", 28.0),
            (u, "Hello? Are you still there?"),
            (a, "Yes, sorry, I'm here. Everything is done. The technician will call you before he comes on "
                "Thursday, and your reference number is L S four four one seven."),
            (u, "Alright. Thank you, I appreciate it."),
            (a, "Okay. Bye bye.")],
            greeting=M, agent_name=V, complaint_acknowledged=M, escalation_offered=NA, cancellation_save=M,
            closing=V, long_silence=V, agent_monologue=M, customer_frustration=M),
    ]
