"""The healthcare and service calls of the tenth held-out set (``guidance_heldout10``).

Written blind by a helper engineer, 2026-12-06, with the finance calls; see that module.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_CLOSEOUT = (  # about 210 words: well over a minute of the agent alone, at any voice's pace
    "Okay, I've got the account up, and I can go ahead and take care of that cancellation for you right "
    "now. So the way it works is, your monitoring agreement runs thirty-six months, and the renewal was "
    "signed in March of last year, so there's fourteen months left on it. Normally there'd be an early "
    "termination charge of seventy-five percent of whatever's left, but because you're selling the home, "
    "we can waive that, as long as we get a copy of the listing agreement or the closing statement from "
    "your realtor, which you can email in or fax in, either one. The monitoring itself stops at midnight "
    "on the day you pick, and I've put in the last day of the month, so you'll get one final bill for "
    "that month, prorated. Now, the equipment. The panel and the keypad by the front door stay with the "
    "house, those belong to the home. But the cellular communicator, that's the little white box up in "
    "the closet next to the panel, that one is ours, and it has to come back to us within thirty days, "
    "or there's a hundred and forty-nine dollar unreturned equipment fee. We'll mail you a prepaid box "
    "with the label already on it, and all you do is unplug it, put it in the box and drop it at the "
    "post office."
)


def healthcare10() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h10-hc-00", "healthcare", [
            (a, "Good afternoon, Lauderhill Family Medicine, this is Destiny. Quick note, this call is "
                "being recorded. How can I help you?"),
            (u, "Good afternoon, Destiny. Mi name is Marcia Campbell, and I'm calling for my mother, "
                "Hyacinth Campbell. She's eighty-four and she can't hear so good on the phone, so I do "
                "all her calling. She's nearly out of her pressure tablets, and the pharmacy say they're "
                "waiting on the doctor."),
            (a, "No problem. To find her chart I'll need your mom's date of birth and her home address, "
                "please."),
            (u, "March the third, nineteen forty-one. Eighteen-forty Northwest Fifty-Sixth Avenue, "
                "Lauderhill."),
            (a, "Thank you, that matches, and I see you're on her contact list, so we're good. Okay, the "
                "refill request for her amlodipine came in yesterday. Dr Okafor just hasn't signed it "
                "yet."),
            (u, "She only have two tablets left, you know. Could the nurse call me back today and let me "
                "know when it gone through? I'm at work till five."),
            (a, "Sure thing. I'll flag it for the nurse. The number on your mom's file for you is a cell "
                "ending in four six two. Is that still the best one to reach you?"),
            (u, "Yes, man, that's the one."),
            (a, "Perfect. Let me send this over to the nurse's queue.", 9.0),
            (a, "Okay, I've marked it urgent, since she's almost out. The nurse should call you before "
                "four, and once it's signed it goes straight to the pharmacy on Oakland Park."),
            (u, "Bless you. That's a big load off my mind."),
            (a, "You're very welcome. What else can I help you with today?"),
            (u, "Nothing else, darling, that's everything."),
            (a, "Thanks for calling, Ms Campbell. Tell your mom we said hello.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M),
        scripted("h10-hc-01", "healthcare", [
            (a, "Ness Bank Medical Practice, Kirsty speaking, how can I help?"),
            (u, "Aye, hello. It's Alasdair MacLeod. I'm eighty-eight, so you'll need to speak up a wee bit, "
                "lass. I handed a water sample in to the nurse on Monday, and she said to phone today."),
            (a, "Nae bother, Mr MacLeod. I'll just bring you up.", 24.0),
            (a, "Sorry about that, the computer's awful slow the day. Right, your urine sample. It's come "
                "back showing an infection, and Dr Fraser's sent a prescription for antibiotics down to "
                "the chemist on Church Street."),
            (u, "An infection. Och, that'll be why I've been up half the night. Will I need to come in?"),
            (a, "She's not said you need to. Just take the whole course of tablets."),
            (u, "Right. And could the doctor give me a ring later on? I'd like to ask her whether I keep "
                "taking my other pills alongside these ones."),
            (a, "Aye, I'll put you on her list, she'll phone you after her surgery this afternoon."),
            (u, "Grand. Thank you, lass."),
            (a, "Is there anything else you need the day, Mr MacLeod?"),
            (u, "No, no, that's me."),
            (a, "Thanks for phoning. Cheerio.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=M, callback_verification=V,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=V),
        scripted("h10-hc-02", "healthcare", [
            (a, "Good morning, Sandton Park Hospital accounts, you're speaking to Lerato. Please note that "
                "calls are recorded for quality purposes. How may I assist?"),
            (u, "Good morning. My name is Elna van der Merwe. I'm phoning about an account for my husband, "
                "Johan. He passed away in your hospital at the end of September, and I've now had two "
                "statements for the same stay, and the second one says final demand, addressed to him. I "
                "must say I found that very upsetting, and I'd appreciate it if someone could sort it "
                "out."),
            (a, "Okay, ma'am. Can I have the patient's ID number and date of birth?"),
            (u, "His ID number is five one oh six one two, five oh eight three, oh eight seven. Date of "
                "birth, the twelfth of June, nineteen fifty-one."),
            (a, "Thank you. Okay, I have Mr van der Merwe. He was admitted on the fourteenth of September "
                "through casualty with a suspected stroke, then four days in ICU on a ventilator, then "
                "moved to the neuro ward, and he had the MRI, the CT angiogram and three sessions of "
                "dialysis before he passed on the twenty-ninth. The medical aid paid the ICU portion, but "
                "the ward portion is outstanding."),
            (u, "I know what happened to him. I was there. I only want to know why there are two "
                "statements."),
            (a, "Ja, the second statement is the same amount. It was generated when the medical aid "
                "short-paid, so you can ignore the first one."),
            (u, "And the final demand? It's addressed to a man who has died."),
            (a, "The system sends those automatically. You'll need to send us the death certificate and "
                "the executor's details, then the account moves over to the estate."),
            (u, "Fine. Where do I send them?"),
            (a, "To accounts at sandtonpark dot co dot za. Okay, so that's everything. Bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=V, callback_verification=NA,
            complaint_acknowledged=V, bereavement=V, closing=V, long_silence=M),
        scripted("h10-hc-03", "healthcare", [
            (a, "Good morning, Southside Physiotherapy, Krista speaking. I'll just let you know our calls "
                "are recorded. What can I do for you?"),
            (u, "Good morning, my love. This is Bride Power. I'm calling about my husband, Gerard. He "
                "passed away last Thursday, and this morning his phone went off with a text reminding "
                "him about his physio on Monday. I'm not blaming anybody, but it gave me an awful turn, "
                "and I don't want it happening again."),
            (a, "Oh, Mrs Power, I'm so sorry for your loss. And I'm sorry that text caught you the way it "
                "did, that must have been a terrible shock. I'll make sure nothing else goes out to him, "
                "and I'll report it to our clinic manager so we can look at how the reminders are "
                "handled. So I have the right file, could you give me Gerard's date of birth and his "
                "address?"),
            (u, "The twenty-second of November, nineteen forty-seven. Forty-one Waterford Bridge Road."),
            (a, "Thank you, that's him. He had three visits booked for his knee, this Monday and the two "
                "Mondays after, and I'm cancelling all three now, along with the reminders."),
            (u, "Thank you. And there's a bit of money left on his account, I think, from a package he "
                "paid up front. Could somebody who does the billing call me about that? There's no "
                "rush."),
            (a, "Of course. Our billing coordinator, Shawn, can give you a call. I have a home number on "
                "the file ending three one seven. Is that the best one to reach you on?"),
            (u, "Yes, that's the house phone. It's only me there now."),
            (a, "Alright. I'll put the note in for Shawn.", 10.0),
            (a, "That's done. Shawn's in tomorrow, so you'll hear from him then, and there's no rush on "
                "your end at all."),
            (u, "You've been very kind, Krista."),
            (a, "Is there anything else at all I can help you with, Mrs Power?"),
            (u, "No, my dear, that's all."),
            (a, "Thank you for calling, and take good care of yourself. Again, I'm very sorry about "
                "Gerard.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=M, closing=M, long_silence=M),
    ]


def service10() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h10-svc-00", "service", [
            (a, "Good morning, and thanks for calling Kiskadee Cable and Internet. My name is Anil. How can "
                "I help you this morning?"),
            (u, "Morning, Anil. Is Mrs Joycelyn Baptiste here. I want to cancel everything, the cable and "
                "the internet, because I going up to Toronto to live by my daughter at the end of the "
                "month."),
            (a, "Oh, that's a big move, Mrs Baptiste, congratulations. I can help with that. Could you give "
                "me the address on the account?"),
            (u, "Is number twelve, Saddle Road, Maraval."),
            (a, "Thank you. Before I close it out, let me tell you your options. If somebody else will be "
                "staying in the house, we can move the account into their name and give them the "
                "internet at half price for six months. Or if you might come back home for Carnival, we "
                "have a seasonal hold: we suspend the service up to six months for a hundred dollars, and "
                "you keep your email address."),
            (u, "Ah, that is kind, but no. The house sold already, and the new people moving in on the "
                "first."),
            (a, "Understood, then I'll process the cancellation. The service will stop on the thirtieth, "
                "and a technician will pass by to collect the box and the modem. Let me book that for "
                "you.", 8.0),
            (a, "Right, the pickup is booked for the twenty-eighth, between nine and twelve. Your final bill "
                "will come by email, and the reference for the cancellation is K C, eight one four six."),
            (u, "Eight one four six. All right, I write it down."),
            (a, "Is there anything else I can help you with before you go, Mrs Baptiste?"),
            (u, "No, that is all, thank you, son."),
            (a, "Thank you for being a Kiskadee customer all these years, and all the best in Toronto. "
                "Wrap up warm!")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("h10-svc-01", "service", [
            (a, "Good afternoon, thank you for calling Magnolia Shield Home Security, you've reached "
                "customer care. How may I help you?"),
            (u, "Well, hey there, honey. This is Dorothy Pruitt, out on County Road Nine in Fairhope. I need "
                "to cancel our alarm service. My husband Wendell's gone into memory care, bless him, and "
                "I'm selling the house and moving in with my sister over in Mobile."),
            (a, "Yes ma'am. Can I get the four-digit passcode on the account?"),
            (u, "It's, let me see now, it's the year we married. One nine six four."),
            (a, _CLOSEOUT),
            (u, "Oh my. That's a lot to take in. So I just put the little box in the mail?"),
            (a, "Yes ma'am, in the prepaid box, it'll come in about a week. The cancellation is done, and "
                "your confirmation number is M S, four four seven oh."),
            (u, "Well, alright then. Thank you, sugar."),
            (a, "Is there anything else I can do for you today, Mrs Pruitt?"),
            (u, "No, that'll do it."),
            (a, "Thank you for calling Magnolia Shield, ma'am, and we wish you and Mr Pruitt all the "
                "best.")],
            greeting=M, agent_name=V, cancellation_save=V, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=M, agent_monologue=V, closing=M),
        scripted("h10-svc-02", "service", [
            (a, "Account number?"),
            (u, "Oh. Um, good afternoon. It's H F, two oh four, seven seven one."),
            (a, "Ja, okay. Sipho here. What's the issue?"),
            (u, "Well, my fibre has been down since Monday. A technician was booked for Wednesday and again "
                "for this morning, and both times nobody arrived and nobody phoned. I work from home, so "
                "that's three days of work lost now. I'm trying to be patient, but honestly, this is very "
                "poor."),
            (a, "The callouts are done by a contractor, so the bookings are on their side. Let me see what "
                "they logged.", 26.0),
            (a, "Okay, they say there was no access to the property."),
            (u, "No access? I was home the whole day, both days. Look, I'd like to speak to your manager, "
                "please. This can't carry on."),
            (a, "I can rebook you for Monday, eight to one. Is that fine?"),
            (u, "I asked for a manager."),
            (a, "Monday is the earliest I have."),
            (u, "Monday. Well, I suppose I don't have a choice."),
            (a, "Okay. It's booked. Reference is T K, nine nine one."),
            (u, "Right."),
            (a, "Okay, sharp.")],
            greeting=V, agent_name=M, cancellation_save=NA, complaint_acknowledged=V, escalation_offered=V,
            long_silence=V, agent_monologue=M, closing=V),
        scripted("h10-svc-03", "service", [
            (a, "Kia ora, you've reached Kea Couriers, Aroha here. What can I help you with?"),
            (u, "Hi Aroha. It's Fiona Grant from Clay and Kiln in Dunedin, we've got a business account with "
                "you. Look, I don't like ringing up to moan, but this is the third parcel this month that's "
                "turned up broken. It's handmade ceramics, it's well packed, and the customer sent me "
                "photos of the box. It looks like it's been driven over."),
            (a, "Oh no, Fiona, I'm really sorry, that's gutting, especially with handmade pieces. Here's "
                "what I'll do: I'll lodge a damage claim for this one today, and flag all three with our "
                "depot manager so they look at how your parcels are being handled. Have you got the "
                "tracking number handy?"),
            (u, "Yep. K C, three three four, nine oh one, two."),
            (a, "Thanks. Give me a sec to find it.", 10.0),
            (a, "Okay, it went through the Christchurch hub on Tuesday, and there's a note that a cage "
                "tipped over on the loading dock. So that's on us, not your packing."),
            (u, "Right. Well, thanks for being straight about it. But I'd like to talk to someone senior, "
                "because three in a month is costing me customers."),
            (a, "Totally fair. I can transfer you to my team leader, Hemi, right now, or if you're busy, he "
                "can ring you back this afternoon. Which would suit you better?"),
            (u, "A call back's better, I've got a shop full of people."),
            (a, "Sure. Hemi will call you on the business number on your account this afternoon. The "
                "claim's lodged, and the reference is D C, two one eight eight."),
            (u, "Okay. Thanks Aroha."),
            (a, "Anything else I can do for you today?"),
            (u, "No, that's it."),
            (a, "Thanks for calling, Fiona, and sorry again about the parcels. Ka kite.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=M, closing=M),
    ]
