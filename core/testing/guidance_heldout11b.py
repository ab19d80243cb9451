"""The healthcare and service calls of the eleventh held-out set (``guidance_heldout11``).

Written blind by a helper engineer on 2026-12-06, with the finance calls, from a summary of the
rules only; never tuned on, nothing to be changed after the first run; see that module for the
organisations and voices.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_WRAPUP = (  # about 250 words: well over a minute of the agent alone
    "Thank you, Brianna. Okay, so I've gone ahead and processed that cancellation for you, and I'll "
    "just walk you through what happens from here so there aren't any surprises. You're on the Premium "
    "plan with the four screens, and it's paid through the nineteenth, so you keep full access until "
    "the end of the day on the nineteenth, and you won't be charged again after that. There's no "
    "partial refund for the days that are left, because the billing period has already started, but "
    "like I said, you can keep watching right up until then. Anything you downloaded to the app on your "
    "phone or your tablet will stop playing once the access ends, and those downloads get removed the "
    "next time you open the app. Your profiles, your watch history, your ratings and your list all stay "
    "saved on the account for ten months, so if you come back any time before then, everything will be "
    "right where you left it. After ten months, that data gets deleted for good. You'll get an email "
    "confirming the cancellation in the next hour or so, and it'll have the end date on it, so hang on "
    "to that for your records. If you have a gift card balance, that stays on the account too, and it "
    "doesn't expire. And if you ever want to come back, you just sign in with the same email and pick a "
    "plan, and you're all set."
)


def healthcare11() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h11-hc-00", "healthcare", [
            (a, "Morning, Kersal Moor Dental, Jodie speaking. Just to let you know, calls are recorded for "
                "training. How can I help?"),
            (u, "Alright, Jodie. It's Tariq, Tariq Hussain. I had a check-up last week and the dentist "
                "said something about a crown, but I was half asleep, to be honest, and none of it went "
                "in. Can you tell me what she actually said?"),
            (a, "Course I can. I just need to check I've got the right Tariq Hussain first, we've got two! "
                "Can I take your date of birth and the first line of your address?"),
            (u, "Ha, yeah. Twenty-third of January, nineteen ninety. Forty-two Moorfield Road, Salford."),
            (a, "Brilliant, that's you. So, Dr Adeyemi's notes say the big filling in your lower left back "
                "tooth has cracked, and she's recommending a crown on it. She's booked it as two visits, "
                "one to prep the tooth and take the mould, then the fit about two weeks later."),
            (u, "Right. Does it need a root canal an' all? My mate had to have one before his."),
            (a, "Not according to these notes, no, she's only put down the crown. If that changes, she'll "
                "talk you through it at the first visit."),
            (u, "Okay, sound. And how much is it gonna be? Could the dentist give me a ring about the cost, "
                "like? I'd rather talk it through with her."),
            (a, "Yeah, no problem, I'll ask her to ring you. Is the best number still the mobile ending "
                "nine one two? That's the one we've got on file."),
            (u, "Yeah, that's the one, oh-seven-seven-double-oh, nine-double-oh, nine one two."),
            (a, "Perfect, I'll put a note on for her to call you on that one this afternoon, she's usually "
                "free after three. Anything else I can help with today?"),
            (u, "No, that's it, ta."),
            (a, "No worries. Thanks for calling, Tariq. Ta-ra.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M, long_hold=M,
            customer_frustration=M),
        scripted("h11-hc-01", "healthcare", [
            (a, "Thank you for calling Sonoran Prescription Benefits, my name is Marcus. This call may be "
                "recorded for quality assurance. How can I help you today?"),
            (u, "Hi, Marcus. I'm calling for my dad, Ernesto Ochoa. He's seventy-eight, he's right here "
                "with me, but his English isn't great, so I handle his stuff. The pharmacy on Speedway told "
                "us his insulin got rejected by you guys yesterday, and he's got maybe two days left."),
            (a, "Okay, let me pull him up. Ernesto Ochoa. Yes, I see it. So the claim for his insulin pens "
                "was rejected yesterday at four twelve p.m., reject code seventy-five, prior authorization "
                "required. The last prior auth on his insulin expired on the thirtieth."),
            (u, "Prior authorization? He's been on that same insulin for six years!"),
            (a, "Yeah, I understand. So just so you have the full picture, I'm looking at his profile here. "
                "He's also got active prescriptions for metformin a thousand milligrams, lisinopril twenty, "
                "atorvastatin forty, tamsulosin, and sertraline fifty, and the diagnoses on file are type "
                "two diabetes, high blood pressure, an enlarged prostate and major depression. The "
                "sertraline and the tamsulosin were both filled on the third, no issues with any of those."),
            (u, "Okay... I didn't need all that, honestly. I didn't even know about the, the depression "
                "one. Look, this is the second time this year, and every time it's the same runaround. I "
                "want to make a complaint."),
            (a, "I'm sorry, Ms Ochoa, that's really frustrating, especially with him running low. I'm "
                "logging a formal complaint right now about the lapsed authorization, and I'll ask the "
                "prior auth team to expedite it. Can I put you on a brief hold while I call the pharmacy "
                "about an emergency supply?"),
            (u, "Fine. Yes."),
            (a, "Thank you. One moment, I'm placing you on hold now."),
            (u, "Mm-hm.", 165.0),
            (a, "Ms Ochoa? Thank you for holding. So the pharmacy can dispense a seven-day emergency supply "
                "today, and the expedited prior auth should be decided within seventy-two hours."),
            (u, "That was almost three minutes on hold, Marcus. Three minutes of that music while my dad's "
                "sitting here asking me what's going on. And now I have to drive back to the pharmacy "
                "today. I'm honestly so done with this whole system."),
            (a, "I know, and I'm sorry about the wait. The seven-day supply will be ready after two today, "
                "and your complaint reference is S R, six six zero three. Is there anything else I can help "
                "you with?"),
            (u, "No. That's it."),
            (a, "Okay. Thank you for calling, and please tell your dad I hope he feels well. Bye now.")],
            recording_notice=M, identity_before_phi=V, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M, long_hold=V,
            customer_frustration=V),
        scripted("h11-hc-02", "healthcare", [
            (a, "Redcliffe Coast Pathology, Tegan speaking, how can I help?"),
            (u, "Oh, hi Tegan. Look, I had bloods done at your Scarborough collection centre on Thursday, "
                "and my GP's on leave till next week, and I'm just a bit anxious, you know, to find out if "
                "the iron's come back. Are you able to tell me?"),
            (a, "Yep, I can let you know if the results are in. Just need your full name, date of birth and "
                "Medicare number, please."),
            (u, "Bronwyn Anne Tully, ninth of September, seventy-four. Medicare's, um, hang on, it's in my "
                "purse... two nine five one, six seven three four eight, one."),
            (a, "Thanks, Bronwyn. Okay, the iron studies are back. Your ferritin's flagged as low, it's "
                "nine. I can't really interpret it for you, that's one for your doctor, but it's been sent "
                "through to the clinic. The B12 isn't back yet, that one takes a few more days."),
            (u, "Right. Low. Okay. Could somebody from the lab give me a ring when the B12's back? I don't "
                "want to wait for the GP to get back from Bali."),
            (a, "No worries, we'll give you a bell when it's in."),
            (u, "Great. And look, while I've got you, I'm not trying to make a fuss, but I waited nearly an "
                "hour at Scarborough, and the girl had three goes at my arm. I've got a bruise the size of "
                "a fist. It's not good enough, really."),
            (a, "Oh no, I'm really sorry, Bronwyn, that sounds awful, and an hour's way too long. I'll log "
                "it for the Scarborough centre manager and she'll follow it up with the collector. Let me "
                "just pull up the form.", 27.0),
            (a, "Sorry, Bronwyn, you still there? System's slow today. Righto, that's logged, reference "
                "F B, three one seven."),
            (u, "Yep, still here. Okay. Thanks for that."),
            (a, "No worries. Righto, see ya.")],
            recording_notice=V, identity_before_phi=M, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=M, bereavement=NA, closing=V, long_silence=V, long_hold=M,
            customer_frustration=M),
        scripted("h11-hc-03", "healthcare", [
            (a, "Good morning, Kilimani Heights Hospital, patient accounts. My name is Wanjiru. Please note "
                "this call is recorded for quality purposes. How may I assist you?"),
            (u, "Good morning, Wanjiru. My name is Otieno Odhiambo. I am calling about the bill for my "
                "mother, Grace Akinyi Odhiambo. She passed on last Tuesday, and now the family is trying "
                "to settle everything before we travel to Kisumu for the burial."),
            (a, "Oh, Mr Odhiambo, I am so sorry for the loss of your mother. Pole sana. Please, take your "
                "time. We have a bereavement desk that handles the final accounts for families, and I will "
                "make sure your mother's account goes through them, so nothing is rushed. Kindly give me "
                "her date of birth and the inpatient number on her documents, so I am sure I have the "
                "correct account."),
            (u, "Thank you. She was born on fourth May, nineteen forty-eight. The inpatient number is K H, "
                "two zero five five three eight."),
            (a, "Thank you, I have found her account and everything matches. How may I help with the bill?"),
            (u, "The problem is, the bill says she had two CT scans of the chest on the same day, the "
                "eleventh. But she only had one. I was with her the whole day. So we are being charged "
                "twice, and it is eighteen thousand shillings each. At a time like this, it is very "
                "painful to find such mistakes."),
            (a, "You are right to raise it, and I am very sorry, this is the last thing your family needs "
                "now. I can see the two chest CT entries on the eleventh, at the same time. I am logging "
                "this as a complaint and sending it to radiology billing to reverse the duplicate. I cannot "
                "tell you the final figure until they confirm, but your complaint reference is B D, seven "
                "four two."),
            (u, "Okay. Thank you. Can someone call me back once it is corrected? I will be in and out of "
                "Nairobi this week."),
            (a, "Yes, of course. The number we have on file for you as next of kin ends in six seven "
                "eight. Is that still the best one?"),
            (u, "Yes, that is my line, zero seven one two, three four five, six seven eight."),
            (a, "Sawa, confirmed. The bereavement desk will call you on that number once the bill is "
                "corrected. Is there anything else I can help you with?"),
            (u, "No, that is all. Thank you very much, you have been helpful."),
            (a, "You are welcome, Mr Odhiambo. Thank you for calling, and may God comfort your family. "
                "Goodbye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=M, closing=M, long_silence=M, long_hold=M,
            customer_frustration=M),
    ]


def service11() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h11-svc-00", "service", [
            (a, "Hi there, thanks for calling Fundy Mobile, you're speaking with Rémi. How can I help you "
                "today?"),
            (u, "Hi Rémi, how's she goin'? It's Shauna MacIsaac. So I'm movin' in with my partner in Glace "
                "Bay at the end of the month, and he's already got internet and all that, so I'd like to "
                "cancel my home internet with yous, please."),
            (a, "Oh, congrats on the move! I can definitely help with that. Before I put the cancellation "
                "through, can I ask, are you keeping your cell plan with us, or is that going too?"),
            (u, "Oh, the cell, I'm keepin' that. Just the internet."),
            (a, "Got it. So, one option before you decide: we could move the internet to your new place "
                "instead, and because you've been with us eight years, I can bring it down to fifty-five a "
                "month for a year, on the faster speed. Then your partner could drop his, if that works "
                "out cheaper for the two of yous. And bundled with your cell, it'd be another ten off."),
            (u, "Ah, that's good of you, b'y, but he's on a contract with his, so I'd just be paying double. "
                "I'll just cancel, if that's alright."),
            (a, "Totally understand. So I'll set the internet to end on the thirtieth. I'll email you a "
                "prepaid label for the modem, and your last bill will be prorated to the thirtieth. Your "
                "cell plan stays exactly as it is."),
            (u, "Perfect. That was easier than I thought it'd be."),
            (a, "Glad to hear it. Is there anything else I can help you with today, Shauna?"),
            (u, "No, that's it, thanks!"),
            (a, "Thank you for calling Fundy Mobile, and good luck with the move. Take care now.")],
            greeting=M, agent_name=M, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
        scripted("h11-svc-01", "service", [
            (a, "Hi, thanks for calling Flickside support. How can I help you tonight?"),
            (u, "Hi. Yeah, um, I'd like to cancel my subscription. I barely watch anything on it anymore, "
                "honestly. I've got like four of these things and I'm trying to cut back."),
            (a, "Sure, I can cancel that for you. Can I get the email address on the account?"),
            (u, "It's B Kowalski eighty-eight, at example dot com."),
            (a, _WRAPUP),
            (u, "Okay. Wow, that's a lot. But okay, thanks."),
            (a, "Is there anything else I can help you with tonight?"),
            (u, "Nope, that's it."),
            (a, "Thanks for being a Flickside member, Brianna. Have a great night!")],
            greeting=M, agent_name=V, complaint_acknowledged=NA, escalation_offered=NA, cancellation_save=V,
            closing=M, long_silence=M, agent_monologue=V, customer_frustration=M),
        scripted("h11-svc-02", "service", [
            (a, "Tynebridge Energy. Account number?"),
            (u, "Er, right. It's four four seven, two nine one, oh six. Malcolm Robson."),
            (a, "Kerry here. What's it about?"),
            (u, "Me bill, pet. It's come in at three hundred and forty-two quid for one month. One month! "
                "It says it's estimated, but I put me readings in on the app on the first, I've got the "
                "screenshot and everything. Me usual's about ninety. I'm not paying that, I'm just not."),
            (a, "Oh, I'm sorry, Mr Robson, I can see why that's a shock. Right, the readings did come in on "
                "the first, but the system rejected them as too low, so it's billed you on an estimate. I'm "
                "putting your actual readings on now and rebilling it, and you'll get a corrected bill by "
                "email within five working days. I'll pop a note on so the direct debit doesn't go out for "
                "the estimate."),
            (u, "This is the third time this year, man. Third time. Every time I ring, somebody says it's "
                "sorted, and then it happens again. I want to speak to your manager. I'm not having it "
                "anymore."),
            (a, "There's honestly no point, they'd only tell you the same as me. It's sorted now, the "
                "rebill's gone through."),
            (u, "That's what the last one said an' all. I'm sick to death of it. I'm paying a fortune, and "
                "I'm the one doing all the chasing. It's a joke, it really is."),
            (a, "I understand. The corrected bill will be with you by Friday. Is there anything else I can "
                "help you with today?"),
            (u, "No. Just get it right this time."),
            (a, "Will do. Thanks for calling, Mr Robson. Bye now.")],
            greeting=V, agent_name=M, complaint_acknowledged=M, escalation_offered=V, cancellation_save=NA,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=V),
        scripted("h11-svc-03", "service", [
            (a, "G'day, thanks for calling Ironbark Fitness, you're speaking with Kayla. How can I help?"),
            (u, "Hi Kayla, my name is Nikhil Sharma, I'm a member at the Cannington club. I want to cancel "
                "my membership, actually. I hurt my knee playing cricket in September, I emailed in asking "
                "to freeze it, nobody replied, and I've been charged three more fortnights for a gym I "
                "can't even use. I'm pretty annoyed, to be honest."),
            (a, "Oh, Nikhil, I'm so sorry, that's not good enough, you should've had a reply to that email. "
                "And sorry about the knee, too. I'm logging a complaint about the missed email now, and "
                "I'll put in a request for those three fortnights to be refunded. I can't guarantee the "
                "refund, the club manager approves those, but she usually comes back within three business "
                "days."),
            (u, "Okay. I still kind of want to cancel, though. And I'd like to talk to the manager myself, "
                "actually, if that's possible."),
            (a, "Of course. I can put you through to the Cannington manager, Leanne, right now, or book her "
                "to call you back today, whichever's easier. And before you cancel, can I just mention: "
                "with a medical certificate we can do a medical freeze for up to three months at no cost, "
                "and your rate stays locked in at the old price. If you cancel and rejoin later, it'd be "
                "the new rate, which is about six dollars a fortnight more."),
            (u, "Oh, I didn't know about the rate thing. Okay, in that case let's do the freeze instead. "
                "I've got a doctor's certificate, I can email it. And yeah, can Leanne call me back this "
                "afternoon?"),
            (a, "Beauty. I'll set up the freeze from today and send you the upload link for the certificate, "
                "and I'll book Leanne to ring you after two. Is there anything else I can help you with?"),
            (u, "No, that's all, thanks Kayla. You've been really good."),
            (a, "No worries at all, Nikhil. Thanks for calling, and I hope the knee's better soon. See ya.")],
            greeting=M, agent_name=M, complaint_acknowledged=M, escalation_offered=M, cancellation_save=M,
            closing=M, long_silence=M, agent_monologue=M, customer_frustration=M),
    ]
