"""The healthcare and service calls of the eighteenth held-out set (``guidance_heldout18``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations, voices and labelling conventions.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_SOLAR = (  # about 200 words: well over a minute of the agent alone
    "No dramas, thanks Sharon, I've got you. Right, so here's how it all works. First up, your "
    "installer sends the paperwork off to Energex, and they come out and swap your old meter for a "
    "smart meter that can measure the power going both ways. That usually takes two to four weeks, and "
    "you don't need to be home, as long as they can get to the meter box. Until the new meter's in, "
    "the old one can't count what you send back, so don't stress if your first bill doesn't show any "
    "credit. Once it's swapped, we put you on our solar feed-in tariff, which is eight cents for every "
    "kilowatt hour you export to the grid. Now, with six-point-six kilowatts you'll be making heaps "
    "more than you use in the middle of the day, so a lot of our solar customers go onto the "
    "time-of-use plan as well. On that plan, power's cheapest between nine and three, when your panels "
    "are pumping, and dearest between four and nine at night. So if you run the dishwasher, the washing "
    "machine and the pool pump in the middle of the day, you save twice over. And if you ever think "
    "about a battery down the track, give us a bell first, because the plan would change again."
)


def healthcare18() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h18-hc-00", "healthcare", [
            (a, "Hello, good afternoon, Bedok Reservoir Family Clinic, Mei Ling speaking. Just to inform "
                "you, this call is recorded for quality purposes. How can I help?"),
            (u, "Hi, afternoon. I did my blood test there last Tuesday, for the cholesterol. The doctor "
                "said the result will come out in a few days, so I'm calling to check, can or not?"),
            (a, "Can, no problem. Before I check, may I have your full name as in your IC, and your date "
                "of birth?"),
            (u, "Goh Wee Liang. Date of birth is seventh of July, nineteen seventy-six."),
            (a, "Thank you, Mr Goh, that matches our record. Give me a moment to open the lab report, ah.",
             12.0),
            (a, "Okay, sorry for the wait. Your result is in. Your LDL cholesterol is three point four, "
                "which Dr Wong has marked as slightly high, and she wants to talk to you about diet and "
                "maybe medication at a follow-up."),
            (u, "Aiyah, slightly high. Can Dr Wong call me to explain? I'm at work the whole week, cannot "
                "come down so fast."),
            (a, "Sure, I can arrange a phone consult. For the call, we have your handphone as nine one "
                "seven two, four four oh eight. Still correct?"),
            (u, "Correct, that's my number."),
            (a, "Okay, noted. Dr Wong will call that number tomorrow, between two and four. Anything else "
                "I can help you with?"),
            (u, "No, that's all. Thank you ah."),
            (a, "You're welcome, Mr Goh. Thank you for calling, bye bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
        scripted("h18-hc-01", "healthcare", [
            (a, "Good morning, Northwoods Hospice and Palliative Care, this is Brenda. Just so you know, "
                "calls here are recorded. How can I help ya?"),
            (u, "Morning, Brenda. Gordy Halvorson here, up in Two Harbors. My wife Marlys was with you "
                "folks, home hospice. She passed Sunday night, real peaceful, with the kids there."),
            (a, "Oh, Gordy, I'm so sorry. Marlys was a lovely lady, and the nurses thought the world of "
                "her. Is this about the equipment at the house, or is there something else I can help "
                "with?", 23.0),
            (u, "Sorry. Ya, the equipment. The hospital bed and the oxygen machine are still in the front "
                "room, and there's a box of her medicines, the morphine and that, and I don't know what "
                "I'm supposed to do with any of it. Uff da, it's a lot."),
            (a, "Of course. So I can pull up her chart, can you give me Marlys's date of birth and your "
                "home address?"),
            (u, "January ninth, nineteen forty-one. Eleven-oh-five Third Avenue, Two Harbors."),
            (a, "Thank you, that's her. Our supply company will pick up the bed and the oxygen "
                "concentrator on Thursday morning. For the medicines, her nurse, Joanne, will come by "
                "and destroy the morphine and the lorazepam from her comfort kit right there with you, "
                "so you don't have to handle them yourself."),
            (u, "Oh, that's a relief, you betcha. And would the grief lady be able to give me a call "
                "sometime? The kids go home Saturday, and it's gonna be awful quiet around here."),
            (a, "Absolutely. We support families for thirteen months after a loss, with phone calls, "
                "visits and a grief group in Duluth. Our bereavement coordinator, Pastor Dale, will give "
                "you a ring this week."),
            (u, "Okay. Thanks, Brenda. You folks were so good to her."),
            (a, "That means a lot to hear. Is there anything else I can do for you today, Gordy?"),
            (u, "No, I think that's it for now."),
            (a, "Okay. Thank you for calling, and take good care of yourself.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=M, closing=M, long_silence=V, long_hold=M,
            customer_frustration=NA),
        scripted("h18-hc-02", "healthcare", [
            (a, "Hello, Bedminster Dental, NHS line, you're speaking to Gemma. Calls are recorded for "
                "training. How can I help?"),
            (u, "Alright, my lover. It's Tracey Prewett. I had the first half of a root canal with you lot "
                "back in August, and I was meant to get a letter for the second bit, and I've heard "
                "nothing. Now the temporary filling's come out."),
            (a, "Okay, let me find you. What's your date of birth, and the first line of your address?"),
            (u, "Second of May, eighty-one. Forty-two Coronation Road."),
            (a, "Thanks, Tracey, got you. So the notes say the first stage of the root canal on your "
                "lower left molar was done on the fourteenth of August, and you're on the waiting list "
                "for the second stage with Dr Okafor. The next NHS slot for that is the end of February."),
            (u, "February? I'm not being funny, but I've rung three times since September and every time "
                "I get told it'll be sorted, and now there's a hole in my tooth. I'm gert fed up, honest."),
            (a, "Yeah, the NHS list is the NHS list, there's nothing I can do about it. If you want it "
                "quicker you can go private, that's about two hundred and eighty."),
            (u, "Two hundred and eighty? Where am I supposed to find that? So I just sit here with a hole "
                "in my tooth till February. That's absolutely shocking, that is."),
            (a, "You could come to the urgent clinic on Monday morning if it gets painful, they'll put a "
                "new temporary in. That's first come first served, from eight."),
            (u, "Great. Queue up at eight in the morning for a temporary. Still no proper appointment, and "
                "nobody's even said sorry. I've had it with this place."),
            (a, "Okay. Right, bye then.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=NA,
            complaint_acknowledged=V, bereavement=NA, closing=V, long_silence=M, long_hold=M,
            customer_frustration=V),
        scripted("h18-hc-03", "healthcare", [
            (a, "Good afternoon, Kits Point Pharmacy on West Fourth, this is Tyler. Heads up, this call "
                "is recorded. What can I do for you?"),
            (u, "Hey, Tyler. It's Darren Fong. I just wanted to check if my inhaler refill is ready to "
                "pick up. I'm heading up to Whistler this weekend and I don't want to be stuck up there "
                "without it, eh."),
            (a, "Sure thing, Darren, I've got your profile up here. So your salbutamol inhaler is ready, "
                "but while I've got you, the sertraline, fifty milligrams, is due as well, and so is the "
                "ramipril for your blood pressure. The doctor's note here says the sertraline was "
                "started for anxiety back in March, and there's a hold on your naproxen because of your "
                "kidney function results. Oh, and I should double-check, what's your date of birth?"),
            (u, "Uh, sure, November eighteenth, nineteen ninety. Can I just grab the inhaler for now?"),
            (a, "Yep, that matches, thanks. I'll put the inhaler through on its own. It'll be at the "
                "front counter, and we're open till nine tonight."),
            (u, "Perfect. I'll swing by after work."),
            (a, "Sounds good. Anything else I can help you with today?"),
            (u, "Nope, that's it. Thanks, man."),
            (a, "No problem, Darren, thanks for calling Kits Point. Have a good one, and enjoy Whistler.")],
            recording_notice=M, identity_before_phi=V, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=NA),
    ]


def service18() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h18-svc-00", "service", [
            (a, "Good evening, thank you for calling Eko-Link customer care. My name is Chidinma. How may "
                "I help you today?"),
            (u, "Good evening o. Chidinma, I bought a thirty gig data plan yesterday morning, eight "
                "thousand naira, and by night it said I have exhausted it. I did not even watch anything, "
                "just WhatsApp and small browsing. This is the second time this month. Na wa for you "
                "people o."),
            (a, "Ah, I'm sorry, sir, that is really not how it should be, and I understand why you're "
                "upset. I'm logging a complaint now so our data team can check the usage on your line, "
                "and I'll tell you what I find. May I have your name, please?"),
            (u, "Tunde Adebayo, on this same line I'm calling with. But I beg, I did this before with one "
                "of your people and nothing happened. Let me talk to your oga, somebody that can "
                "actually fix it."),
            (a, "I hear you, sir. I can transfer you to my supervisor, Mr Okonkwo, right now, or he can "
                "call you back within the hour once the data team has looked at it. Which one do you "
                "prefer?"),
            (u, "Let him call me. But what about my money?"),
            (a, "Let me check the usage for you now.", 10.0),
            (a, "Thank you for holding on. The records show the bundle was used by an app update running "
                "in the background, but since you didn't ask for it, I'm restoring the full thirty gig to "
                "your line as a goodwill gesture. You should get an SMS in the next five minutes."),
            (u, "Ehen! It's entering now, I can see the SMS. Thank you, Chidinma, you've tried. You've "
                "really tried."),
            (a, "You're welcome, sir. Mr Okonkwo will still call you so you can tell him about the last "
                "time. Is there anything else I can help you with tonight?"),
            (u, "No, that's all. God bless you."),
            (a, "Thank you for choosing Eko-Link, Mr Adebayo. Enjoy the rest of your evening. Bye.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=M, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
        scripted("h18-svc-01", "service", [
            (a, "Thanks for calling Bluegrass Sentry Security, this is Cody. How're you doin' today?"),
            (u, "Well, I'm fair to middlin', Cody. This is Loretta Combs, over in Paintsville. I reckon "
                "I'm gonna have to cancel my alarm monitoring. Money's tight since my husband retired, and "
                "my grandson put one of them camera doorbells on the porch, so he says I don't need y'all "
                "no more."),
            (a, "I understand, Ms Combs, and it's good your grandson's looking out for you. Before I go "
                "ahead and cancel, can I run a couple of options by you? We've got a basic plan at twelve "
                "ninety-nine a month that keeps the fire and carbon monoxide monitoring, which a doorbell "
                "camera can't do. Or I can give you three months free on your current plan while you "
                "think it over."),
            (u, "Twelve ninety-nine? Well, that's less'n half what I'm paying now. And the fire part, I "
                "hadn't thought about that, with the wood stove and all. I might could do that one."),
            (a, "Great. I'll switch you to the basic plan from your next bill, so no cancellation, and "
                "nothing changes with your equipment. You'll get a confirmation in the mail."),
            (u, "Well, bless your heart. I was dreadin' this call, to be honest with you."),
            (a, "Glad we could help. Is there anything else I can do for you, Ms Combs?"),
            (u, "No, hon, I believe that's all."),
            (a, "Thank you for staying with us, and you have a good day now.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=NA),
        scripted("h18-svc-02", "service", [
            (a, "G'day, you've called Riverlight Energy. How can I help you this arvo?"),
            (u, "Oh, g'day. Name's Shaz, Sharon Pickering, out at Redcliffe. We've just had six-point-six "
                "kilowatts of solar put on the roof, and the installer said I need to ring you lot to get "
                "the feed-in tariff sorted. I've got no idea how any of it works, to be honest."),
            (a, "Congrats on the panels. Can I grab the address on the account?"),
            (u, "Fourteen Anzac Avenue, Redcliffe."),
            (a, _SOLAR),
            (u, "Righto, that's heaps to take in, but I think I've got it. So I don't need to do anything "
                "till the meter bloke comes?"),
            (a, "That's it. Once the new meter's in, Josh in our solar team will switch your plan over and "
                "send you a letter with the new rates. Anything else I can help with today?"),
            (u, "Nah, that's the lot. Cheers."),
            (a, "Thanks for calling Riverlight, Sharon. Enjoy the sunshine, and have a good one.")],
            greeting=M, agent_name=V, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=V, customer_frustration=NA),
        scripted("h18-svc-03", "service", [
            (a, "Good afternoon, Savannah Vision, you're speaking with Kerry-Ann. How can I help you?"),
            (u, "Afternoon. Shiva Rampersad, from Chaguanas. Look, my bill come this month with a sports "
                "package on it, three hundred and forty dollars, and I never order no sports package. Is "
                "the second month now allyuh doing this, and I call last month already and a fella tell "
                "me it would come off."),
            (a, "I'm sorry about that, Mr Rampersad, let me have a look at the account and see what "
                "happened there.", 23.0),
            (a, "Okay, I see the package was added in January, and the credit from last month's call was "
                "never put through. I'm sorry for that. I'm sending in a request now to reverse both "
                "months, and it should show on your next bill."),
            (u, "A request? Steups. Every time is a request with allyuh. Put me on to somebody who could "
                "actually decide something, because this going round and round."),
            (a, "Sir, anybody here would tell you the same thing, it have to go through as a request. "
                "Nobody could take it off today."),
            (u, "Well, that is real nonsense. I paying for something I never ask for, and allyuh don't "
                "care. I real vex, oui."),
            (a, "The request is in. Alright, bye.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=V, cancellation_save=NA,
            closing=V, long_silence=V, agent_monologue=M, customer_frustration=V),
    ]
