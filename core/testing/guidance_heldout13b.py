"""The healthcare and service calls of the thirteenth held-out set (``guidance_heldout13``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations and voices.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_PLAN_TERMS = (  # about 250 words: well over a minute of the agent alone
    "Right, that's cancelled for you now. So just so you know how it works, cancellations go through "
    "at the end of the billing month, so you'll still pay the eight quid for December, that's already "
    "gone out on the first, and that covers you till the thirty-first, so if you want to bring the bike "
    "in for anything before then you're still covered, same as before. After that the direct debit "
    "stops on its own, you don't need to ring your bank or owt, we cancel it our end. Any services "
    "you've already had on the plan this year, and I can see you had a safety check back in February, "
    "those aren't charged back or anything, that's all fine. The ten percent off parts and accessories "
    "comes off your account from the first of January as well, so if you were thinking of getting "
    "anything, lights or a lock or whatever, best do it before then. If you ever want to come back on "
    "the plan you can just sign up again in any of the shops, Stockport, Chorlton or the one in town, "
    "or online, but there's no loyalty rate once you've cancelled, it's the standard price at that "
    "point, which is going up to nine pound a month from January. You'll get an email confirming the "
    "cancellation in the next day or so, and that's got all of what I've just said written down in it, "
    "so you don't need to remember any of it."
)


def healthcare13() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h13-hc-00", "healthcare", [
            (a, "Good morning, Taff Meadow Surgery, Ffion speaking. Just to let you know, calls to the "
                "surgery are recorded. How can I help?"),
            (u, "Morning, Ffion. It's Bethan Howells, I'm ringing for my dad, Emrys Howells. I'm his "
                "carer, like, and I think there's a form on his file so I can talk to you about him. He "
                "had bloods done last Tuesday and he's worrying himself silly about them, bless him."),
            (a, "No problem, Bethan. I'll just check a couple of things first. Can you give me your dad's "
                "date of birth and his address?"),
            (u, "Yeah, it's the second of November, nineteen thirty-eight, and he's at fourteen Clive "
                "Road, Canton."),
            (a, "Lovely, that all matches, and I can see the consent form for you on his record, so that's "
                "fine. Bear with me a second while I open the results.", 12.0),
            (a, "Thanks for waiting. Dr Prydderch has looked at them. Most came back normal, but she'd "
                "like to see him about his kidney function. It's not urgent, she says, but she wants him "
                "in within the next two weeks."),
            (u, "Oh, right. Duw, he'll be fretting now. Could Dr Prydderch give me a ring back to explain "
                "it, do you think? He doesn't hear well on the phone."),
            (a, "Of course. I'll ask her to ring you this afternoon. The number I've got for you on the "
                "consent form is oh seven seven nine six, double five, one four one two. Is that still "
                "the best one?"),
            (u, "Yes, that's the one."),
            (a, "Perfect, I'll put the request through now. And shall I book your dad in with her for "
                "next Thursday at ten, while we're at it?"),
            (u, "Oh, go on then, that'd be lush. Thursday's fine."),
            (a, "Done. Is there anything else I can help you with, Bethan?"),
            (u, "No, that's it. Thanks ever so much, Ffion."),
            (a, "You're welcome. Thanks for calling, and give your dad my best. Ta-ra now.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h13-hc-01", "healthcare", [
            (a, "Hi there, Wasatch Front Dermatology, this is Kaylee!"),
            (u, "Hi, Kaylee. Um, my name's McKenna Larsen. I had a biopsy on my left shoulder last "
                "Wednesday with Doctor Whitaker, and they said I'd hear back in like five days, and it's "
                "been eight, so I'm just kind of nervous and wanted to see if the results are in."),
            (a, "Oh, for sure, let me look. Larsen, McKenna, yep, here it is. So the pathology came back as "
                "a basal cell carcinoma. So, I'm also seeing your isotretinoin from twenty twenty-three, "
                "the monthly pregnancy tests for that, the mole mapping from last spring, your mom's "
                "history of melanoma, and a note about your anxiety medication."),
            (u, "Wait, what? Carcinoma, like cancer? Oh my gosh. Why am I hearing this from the front "
                "desk? Honestly, that is not okay. Doctor Whitaker should have called me himself."),
            (a, "Oh, shoot, I was supposed to say at the start, these calls are recorded. But the doctor "
                "signed off on the result, so we're allowed to give it out over the phone. It's the most "
                "common kind, it's super treatable."),
            (u, "Oh my heck. Okay. Can Doctor Whitaker at least call me back today and explain it? I can't "
                "believe this."),
            (a, "Yeah, I'll send him a message, he'll give you a call when he's got a minute."),
            (u, "Fine. I'm honestly really upset right now."),
            (a, "Okay. Is there anything else I can help with today?"),
            (u, "No."),
            (a, "Okay, thanks for calling, McKenna, have a good one!")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=V, callback_verification=V,
            complaint_acknowledged=V, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=V),
        scripted("h13-hc-02", "healthcare", [
            (a, "Good afternoon, Deccan Lifeline Hospital insurance desk, Priyanka speaking. This call is "
                "being recorded for quality purposes. How may I help you?"),
            (u, "Hello, madam. I am Rohan Kulkarni. I am calling about my father's cashless claim. His "
                "name is Vasant Kulkarni. He was in your ICU for nine days. He passed away on Tuesday "
                "morning, and now the final bill is showing ninety thousand rupees we have to pay, and "
                "nobody has explained me why the insurance has not covered it."),
            (a, "Okay. Please tell me the patient's UHID number and date of birth."),
            (u, "UHID is D L four four seven two zero nine. Date of birth is third August, nineteen "
                "fifty-one."),
            (a, "Okay, one minute, I am checking on the TPA portal.", 40.0),
            (u, "Hello? Madam, are you there?"),
            (a, "Yes, yes. So the insurer has approved three lakh twenty thousand out of four lakh ten "
                "thousand. The deduction is for consumables, which are not covered in the policy, and "
                "the room rent difference, because the ICU bed was above his room-rent limit."),
            (u, "But nobody told us this at admission. We signed everything in a hurry, my father was "
                "critical. This is not fair, madam. I want to complain about this."),
            (a, "I'm sorry, sir, you should have been told about the room-rent limit at admission. I am "
                "registering a grievance for you now, the reference is G R two three one eight. The "
                "billing manager will review it and reply within forty-eight hours."),
            (u, "Okay. Can someone call me back when the manager replies? I can't keep coming to the "
                "hospital."),
            (a, "Yes, we will call you on the number registered with us, nine eight two two zero, one "
                "one six six two. Is that correct?"),
            (u, "Yes, that is correct. Very disappointing, all this. Very disappointing."),
            (a, "Okay, sir. Bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=V, closing=V, long_silence=V, long_hold=M,
            customer_frustration=V),
        scripted("h13-hc-03", "healthcare", [
            (a, "Good morning, Kitsilano Point Dental, this is Jasmine. Just a heads-up that our calls "
                "are recorded. How can I help you today?"),
            (u, "Hi Jasmine. My name's Marjorie Lindqvist. I got a letter from you folks with a "
                "seventy-five dollar missed-appointment fee, and frankly I'm pretty upset about it. I "
                "missed that appointment because my husband passed away that week. I was at the "
                "hospital with him."),
            (a, "Oh, Marjorie, I'm so sorry about your husband. Please accept our condolences. And I'm "
                "sorry that letter landed on you at a time like this. Let me take care of it. Can I just "
                "confirm your date of birth and your address, so I'm in the right file?"),
            (u, "May fourth, nineteen forty-nine. And it's twenty-two oh five West Third Avenue."),
            (a, "Thank you, I've found you. I've added a bereavement note to your file so the whole team "
                "knows, and I've logged a complaint about the fee with our office manager, Dev. I can't "
                "waive it myself, but he reviews these, and I've flagged it for him today."),
            (u, "Well, thank you. That's more than I expected, honestly."),
            (a, "Of course. Now, you still have the crown to finish on that lower left molar. Would you "
                "like me to rebook it, whenever you're ready?"),
            (u, "Yes, maybe in January. Mornings are better for me."),
            (a, "How about Tuesday, January thirteenth, at nine-thirty, with Doctor Okafor?"),
            (u, "That works."),
            (a, "Perfect, you're booked. Is there anything else I can do for you?"),
            (u, "No, that's everything. You've been very kind, Jasmine."),
            (a, "Thank you for calling, Marjorie. Take good care of yourself.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=M, bereavement=M, closing=M, long_silence=M, long_hold=M,
            customer_frustration=M),
    ]


def service13() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h13-svc-00", "service", [
            (a, "Good morning, Glasgow council tax, my name's Stuart. How can I help?"),
            (u, "Aye, hiya Stuart. It's Morag Kerr. Listen, I'm raging, to be honest. My flatmate moved "
                "out in July, I phoned yous in July and told yous, and I've still no had my single person "
                "discount. Now I've got a reminder letter saying I'm behind. I've done everything right "
                "here."),
            (a, "Ah, Morag, I'm sorry, that's really annoying when you've done what you're supposed to. Let "
                "me have a look. Can I get your council tax reference and the address?"),
            (u, "It's three oh oh eight one two four five, and it's flat two-one, forty-six Dumbarton "
                "Road."),
            (a, "Right, I can see your call from July, the note's there, but the discount was never put "
                "on. That's our mistake, and I'm sorry. I'm applying the discount from the fourteenth of "
                "July now, and I'm logging a complaint about the delay so it gets looked at. What happens "
                "next is you'll get a new bill within ten working days, and the reminder's cancelled, so "
                "you don't need to pay anything extra in the meantime."),
            (u, "Oh, right. Well, that's a relief. So I'm no actually behind?"),
            (a, "No, once the discount's on you're slightly in credit, and that comes off your next "
                "instalment."),
            (u, "Magic. Cheers, Stuart, I was ready to go off my head there."),
            (a, "No bother. Is there anything else I can do for you today?"),
            (u, "Naw, that's me."),
            (a, "Thanks for calling, Morag. Have a good day.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=NA, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
        scripted("h13-svc-01", "service", [
            (a, "Howdy, thanks for calling Hill Country Fiber, this is Travis. How can I help you today?"),
            (u, "Hi Travis. This is Wayne Pruitt, out on Ranch Road twelve. I wanna go ahead and cancel my "
                "internet. The bill went up to eighty-nine ninety-nine a month, and it's just me and the "
                "wife, we don't stream a whole lot. My nephew says we can get by on our phones."),
            (a, "I can sure help you with that, Mr. Pruitt. Before I put the cancellation through, can I "
                "tell you about a couple of options? Since it's just the two of you, our Basic plan is "
                "forty-nine ninety-nine a month, same fiber, just slower, still plenty for email, the "
                "news, video calls with the grandkids. And since you've been with us six years, I can "
                "lock that price in for twenty-four months. Would that work better for y'all?"),
            (u, "Forty-nine ninety-nine, locked in? Huh. And no installation fee or nothin'?"),
            (a, "No, sir, nothing to install. I'd just switch the plan on our end, and it takes effect "
                "with your next bill."),
            (u, "Well, shoot. Yeah, let's do that instead. Beats messin' around with the phones."),
            (a, "You got it. I've switched you to Basic at forty-nine ninety-nine, locked for twenty-four "
                "months, and there's no cancellation on the account. Is there anything else I can help "
                "you with today?"),
            (u, "No, sir, that'll do it."),
            (a, "Well, I appreciate you calling, Mr. Pruitt. Y'all have a good one.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h13-svc-02", "service", [
            (a, "Hello, Liffey Air baggage services, you're talking to Ciara. How can I help you?"),
            (u, "Hiya Ciara. Declan Furlong here. I flew in from Lanzarote on Saturday and my bag never "
                "came off the belt. It's Wednesday now. I've rang three times and every time it's, it's "
                "being traced. I've no clothes for work, and my young lad's inhaler was in it. This is a "
                "joke, honestly."),
            (a, "I'm really sorry, Declan, that's a horrible few days, and I'm sorry nobody's given you a "
                "straight answer. I'm logging this as a complaint now, and then I'll find out exactly where "
                "your bag is. Have you the file reference there?"),
            (u, "D U B L A, four one eight eight two."),
            (a, "Thanks.", 28.0),
            (a, "Right. So the bag was tagged in Arrecife, but it hasn't shown up in the system since. What "
                "happens next is the tracing team move it to a full search at both airports, and you'll "
                "get an update by text within twenty-four hours. You can claim for essentials as well, "
                "just keep the receipts."),
            (u, "Twenty-four hours, again. No. I want to talk to your supervisor, or a manager, someone "
                "who can actually do something."),
            (a, "There's no supervisor on this line, I'm afraid. The tracing team are the ones who handle "
                "it."),
            (u, "Unbelievable. So I just wait. Again."),
            (a, "You'll get the text. Right so, bye.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=V, cancellation_save=NA,
            closing=V, long_silence=V, agent_monologue=M, customer_frustration=V),
        scripted("h13-svc-03", "service", [
            (a, "Irwell Cycles, service plans. Membership number?"),
            (u, "Oh, er, hi. It's I C seven seven three oh two. I'm Priya Shah. I want to cancel my Care "
                "Plan, the eight quid a month one. I've not been in to use it all year, to be honest, and "
                "I've got a new bike now that's still under warranty."),
            (a, _PLAN_TERMS),
            (u, "Right. Okay, fine. Thanks."),
            (a, "Anything else I can help with?"),
            (u, "No, that's it."),
            (a, "Cheers then, have a good one.")],
            greeting=V, agent_name=V, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=V,
            closing=M, long_silence=M, agent_monologue=V, customer_frustration=NA),
    ]
