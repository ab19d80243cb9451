"""The healthcare and service calls of the seventeenth held-out set (``guidance_heldout17``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations, voices and labelling conventions.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_INTERIM = (  # about 195 words: well over a minute of the agent alone
    "So for the things you've had to buy, that's what we call interim expenses, and you can claim them "
    "back from us. The way it works is, you keep every receipt, for the clothes, the toiletries, the bits "
    "for the children, anything you genuinely needed because the bag wasn't there. Then when you're home, "
    "you go onto the website, into the baggage section, and you fill in the delayed baggage claim form "
    "with the file reference you gave me, and you upload photos of the receipts along with your boarding "
    "passes and the bag tag. It has to be in within twenty-one days of the day you get the bag back, "
    "that's under the Montreal Convention, so don't leave it too long. We'd normally expect the basics, "
    "so toiletries and a change of clothes for each person, rather than anything designer, and if it's a "
    "big amount the claims team might ask you for a bit more detail. They aim to come back to you within "
    "six weeks, and the money goes back onto the card you booked with, or they can do a bank transfer if "
    "you'd rather, you just tick the box on the form."
)


def healthcare17() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h17-hc-00", "healthcare", [
            (a, "Good morning, thank you for calling Lakeview Virtual Care, this is Joy. Please be advised "
                "that this call is being recorded for quality and training purposes. How may I help you "
                "today?"),
            (u, "Hi Joy. It's Donna Kowalski, calling from Toledo. I did my bloodwork on Monday for my "
                "sugar, the A1c, 'cause Dr Patel upped my metformin back in the spring, and I'm just "
                "wondering if it's back yet."),
            (a, "Sure, ma'am, I'd be happy to check that for you. Before I can open anything, may I have "
                "your full name and your date of birth, please?"),
            (u, "Donna Marie Kowalski, that's K O W A L S K I. June ninth, nineteen fifty-eight."),
            (a, "Thank you, Ms Kowalski, I've verified your record. Kindly stay on the line for a few "
                "seconds while I open your results.", 10.0),
            (a, "Thank you for waiting, ma'am. Your A1c from Monday is back, it came in at six point "
                "eight. Dr Patel has already reviewed it, and she left a note that she'd like to go over "
                "it with you herself."),
            (u, "Okay. Is that good or bad? Actually, could she just give me a call back? I'd rather hear "
                "it from her, you know?"),
            (a, "Of course, ma'am. I'll request a callback from Dr Patel. Just to verify, the number we "
                "have on file for you ends in two two nine oh. Is that still the best number to reach "
                "you?"),
            (u, "Yep, that's my cell. Two two nine oh."),
            (a, "Noted, ma'am. She'll call you on that number between one and four this afternoon, "
                "Eastern time. Is there anything else I can help you with today?"),
            (u, "Nope, that's it. Thanks, hon."),
            (a, "You're most welcome, Ms Kowalski. Thank you for calling Lakeview Virtual Care, and have "
                "a great day.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h17-hc-01", "healthcare", [
            (a, "Good morning, Kempenfelt Bay Dental, this is Kayla speaking. How can I help you?"),
            (u, "Hi Kayla, it's Jen Lachance. Sorry, I'm a bit worked up. I just got a bill for a fifty "
                "dollar missed-appointment fee from January, and that was the day of the big storm, the "
                "four hundred was closed, eh. I phoned that morning and left a message. I really don't "
                "think that's fair."),
            (a, "Oh, I'm sorry about that, Jen, that's really frustrating, and you did exactly the right "
                "thing by calling. I can see your voicemail logged that morning. I'm noting your complaint "
                "on your file and sending it over to Linda, our office manager, to take the fee off, and "
                "she'll confirm with you by email this week."),
            (u, "Okay, thank you, that's a relief. While I have you, I wanted to ask about the crown "
                "Dr Brar said I need. Did Sun Life ever get back to you on the predetermination?"),
            (a, "Let me have a look. Can I just confirm your date of birth and your home address first?"),
            (u, "October second, eighty-nine, and it's fourteen Cundles Road East, in Barrie."),
            (a, "Thanks, Jen. So the predetermination for the crown on your lower left molar went to Sun "
                "Life on the fourth, and they haven't answered yet. They usually take two or three "
                "weeks."),
            (u, "Okay. Could you guys call me when it comes in, so I can book the appointment?"),
            (a, "Yep, for sure, we'll give you a shout as soon as it's in."),
            (u, "Perfect, thanks."),
            (a, "Anything else I can help with today?"),
            (u, "No, that's all. Thanks so much, Kayla, sorry again for being snippy."),
            (a, "Not at all, you're welcome. Take care, Jen, bye now.")],
            recording_notice=V, identity_before_phi=M, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=M),
        scripted("h17-hc-02", "healthcare", [
            (a, "Morning, Larkhill Lane Surgery, prescriptions line, you're speaking to Gemma. Just so "
                "you know, calls are recorded. What can I do for you?"),
            (u, "Hiya Gemma. Honest to God, I've been stuck in that queue since ten past eight, it's a "
                "joke, it's doing my head in. I'm only after me inhalers."),
            (a, "Ah, I know, I'm really sorry, love, the phones have been mad since eight. That's not good "
                "enough, and I'm putting your comments through to Janet, the practice manager, because "
                "she's looking at the phone system this month. Let's get you sorted now. Can I take your "
                "full name, your date of birth and the first line of your address?"),
            (u, "Yeah, it's Tracey Gallagher, twelfth of the eleventh, seventy-nine, and it's forty-two "
                "Breck Road."),
            (a, "Lovely, ta, Tracey. Give us a sec while I check what's been signed off.", 17.0),
            (a, "Thanks for hanging on. Your blue one, the salbutamol, and the brown one, the Clenil, were "
                "both signed by Dr Okafor this morning, and they've gone over to the Boots on County "
                "Road. They should be ready after two."),
            (u, "Ah, you're a star. Sorry for moaning before, it's not your fault, like."),
            (a, "Don't be daft, you're fine. Is there anything else I can help you with?"),
            (u, "No, that's it, ta."),
            (a, "Right you are. Thanks for calling, Tracey. Ta-ra, love.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=M),
        scripted("h17-hc-03", "healthcare", [
            (a, "Patient financial services, Lakeshore Mercy Hospital, this is Marcus. This call may be "
                "recorded for quality purposes. How can I help you?"),
            (u, "Hi, Marcus. My name is Barbara Nowak. I'm calling about a bill for my husband, Walter "
                "Nowak. Walt passed in August, and I keep getting these statements in the mail, and I "
                "don't understand what I'm supposed to be paying. I just want to know what's owed."),
            (a, "Okay. To pull up the account I'll need the patient's date of birth and the home address "
                "on file."),
            (u, "March fourth, nineteen forty-six. Fifty-two thirty North Austin Avenue, here in Chicago."),
            (a, "Thank you, I've got the account. So this is for the admission from July twenty-second to "
                "August ninth. The diagnoses were congestive heart failure, acute kidney injury, sepsis "
                "and type two diabetes, and there were three dialysis sessions, the cardiology consult, "
                "the PICC line, and the hospice referral on the eighth. Total charges were a hundred and "
                "eighty-four thousand, Medicare paid most of that, the supplemental paid part, and the "
                "balance is two thousand three hundred and twelve dollars."),
            (u, "Oh. Okay. I was there for all of that. So it's two thousand three hundred, then?"),
            (a, "Two thousand three hundred and twelve. You can pay online, over the phone, or set up a "
                "payment plan."),
            (u, "I don't know how I'm going to do this. Is there any kind of help? Could somebody from "
                "financial assistance call me back? I can't think straight on the phone right now."),
            (a, "Yes, I'll put in a callback request for financial counseling. I have the number on the "
                "account as ending four four seven one. Is that still the right number to reach you?"),
            (u, "Yes, that's the house phone."),
            (a, "Okay, they'll call within two business days. Anything else I can help you with?"),
            (u, "No. I still don't really know where I stand with any of it. It's all too much, "
                "honestly. I'll just wait for them to call, I guess."),
            (a, "Okay, thanks for calling Lakeshore Mercy. Bye now.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=V, callback_verification=M,
            complaint_acknowledged=NA, bereavement=V, closing=M, long_silence=M, long_hold=M,
            customer_frustration=V),
    ]


def service17() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h17-svc-00", "service", [
            (a, "Good morning, Dyffryn Water, you're speaking with Rhys. How can I help you today?"),
            (u, "Morning, Rhys. Look, I'm not being funny, but the water up here in Penywaun has been "
                "coming out the colour of weak tea since Sunday. I've got a baby in the house, and I'm "
                "not best pleased, to be honest with you."),
            (a, "Oh, I'm really sorry, that's the last thing you need with a little one. There was a burst "
                "main on the Hirwaun road on Sunday, and it's stirred up the sediment. I've logged your "
                "report against that job, and a crew is flushing the mains in Penywaun this afternoon. "
                "After five, run the cold kitchen tap for ten minutes and it should clear. If it hasn't "
                "by tomorrow morning, ring us back and we'll send someone out to you."),
            (u, "Right. And who do I have to talk to above you to get something knocked off the bill? "
                "I've been buying bottled water all week, butt."),
            (a, "That's fair enough. I can put you through to my supervisor, Carys, now, or she can ring "
                "you back this afternoon, whichever suits you better."),
            (u, "Ringing back is fine, I'll be in now in a minute anyway. Oh, that's tidy, thanks Rhys, "
                "you've been lush."),
            (a, "No problem at all. I've asked Carys to ring you after two. Is there anything else I can "
                "help with today?"),
            (u, "No, that's it. Diolch."),
            (a, "Diolch, thanks for calling Dyffryn Water, and I hope it clears for you soon. Bye now.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=M, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
        scripted("h17-svc-01", "service", [
            (a, "Hiya, ClydeFibre, what can I dae for ye?"),
            (u, "Aye, hiya. Listen, I'm wantin' shot o' the broadband. I'm movin' in wi' ma boyfriend in "
                "Dennistoun at the end o' the month, and he's already got fibre wi' somebody else, so "
                "there's nae point in me keepin' mine goin'."),
            (a, "Right, nae bother. Can I get your account number and the postcode, please?"),
            (u, "Aye, it's C F, seven seven oh four two. And the postcode's G forty-one, three, that's "
                "Shawlands, for now anyway."),
            (a, "That's me got ye. I'll put the cancellation through for the thirtieth. Your last bill'll "
                "come in a fortnight, and ye'll get a bag in the post to send the router back. I'm "
                "Stacey, by the way, if ye need to phone back aboot it."),
            (u, "Magic. That was dead easy."),
            (a, "Is there anything else I can help ye wi' the day?"),
            (u, "Naw, that's me, cheers."),
            (a, "Cheers for bein' wi' us. Take care, bye.")],
            greeting=M, agent_name=V, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=V,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h17-svc-02", "service", [
            (a, "Good morning, thanks for calling Sonoran Blue Pool Service, this is Marisol. How can I "
                "help you?"),
            (u, "Hi Marisol, this is Greg Hawthorne, up in Ahwatukee. I need to cancel this Thursday's "
                "visit. We're having the backyard regraded, the gate code's going to change, and honestly "
                "there's going to be dirt everywhere."),
            (a, "No problem, Mr Hawthorne, I'll skip Thursday for you. With the dust and this heat, I'd "
                "suggest we bring the next visit forward to Monday so your chlorine doesn't drop too far. "
                "Would Monday work?"),
            (u, "Monday's great. What about the new gate code?"),
            (a, "Just text it to the office line once it's set, and I'll add it to Luis's route notes. "
                "Let me pull up his schedule real quick to make sure Monday's open.", 16.0),
            (a, "Okay, Luis has you Monday morning between eight and ten, before it hits a hundred and "
                "ten."),
            (u, "Perfect."),
            (a, "Anything else I can help you with today?"),
            (u, "Nope, that's all."),
            (a, "Thanks so much for calling, Mr Hawthorne. Stay cool out there, bye!")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h17-svc-03", "service", [
            (a, "Hello, Liffey Air baggage services, my name is Aoife. How can I help?"),
            (u, "Howya, Aoife. Me bag never turned up in Lanzarote. Four days now I'm in the same clothes, "
                "the kids' stuff is all in it, and nobody's answering the emails. It's an absolute "
                "disgrace, to be honest."),
            (a, "I'm really sorry, that's a miserable start to a holiday. Can I have the file reference "
                "the desk in Arrecife gave you, so I can see where it's got to?"),
            (u, "A C E, L A, four one one nine two."),
            (a, "Thanks. Right, I have it. The bag was left behind in Dublin on the day, it's been traced, "
                "and it's going out on tomorrow morning's flight. The local courier will bring it to your "
                "hotel by the evening, and I've put a note on it so you get a text when it's loaded."),
            (u, "Tomorrow. Grand. I was told that on Tuesday as well. Is there anyone there with a bit "
                "more clout than yourself I could talk to?"),
            (a, "No, there isn't anyone else, I'm afraid. It all comes through this desk."),
            (u, "Right. And what about all the stuff I've had to go out and buy?"),
            (a, _INTERIM),
            (u, "Forms. I've been at this four days, and I'm not filling in forms on me holidays. "
                "Unreal."),
            (a, "Is there anything else I can help with?"),
            (u, "No. There's not."),
            (a, "Okay. Thanks for calling Liffey Air. Goodbye.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=V, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=V, customer_frustration=V),
    ]
