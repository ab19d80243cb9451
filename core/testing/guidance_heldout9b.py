"""The healthcare and service calls of the ninth held-out set (``guidance_heldout9``).

Written blind by a helper engineer, 2026-12-06, with the finance calls; see that module.
"""

from __future__ import annotations

from ccedge.testing.guidance_script import NA, M, ScriptedCall, V, scripted

_ROAMING = (  # about 260 words: well over a minute of the agent alone, at any voice's pace
    "Okay, so I'm looking at it now, and what happened is, you're on our Essentials plan, and Essentials "
    "doesn't include Mexico. A lot of folks think it does because the Unlimited Plus one does, but yours "
    "doesn't, so when your phone connected to a network down there on the ninth, it went over to "
    "pay-per-use, which is two dollars a minute for calls and fifteen dollars a gig for data. Now, there's "
    "a text that goes out automatically when you land, that tells you the rates and has a link to add a "
    "travel pass, and I can see that one went out at four twelve p.m. on the ninth. Then what happened is "
    "the phone used a little over fourteen gigs across the five days, which, honestly, that's mostly gonna "
    "be stuff like your photos backing up to the cloud, maybe some video, that all runs in the background "
    "and you wouldn't even know it's happening. And then there's a few calls on top, about eleven minutes "
    "total, so that's where the two forty comes from. Normally what we'd tell people is, if you'd added "
    "the travel pass, that's ten dollars a day, so it would've been fifty for the five days, but it has "
    "to be added before you use anything, it can't go back and cover usage that already happened. That's "
    "just how the billing system works, it's not something I can change from here, so I can't swap it "
    "over after the fact, and the roaming charges on there are all correct, going by the records."
)


def healthcare9() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h9-hc-00", "healthcare", [
            (a, "Good morning, Wyvern Road Surgery, Pooja speaking. Just to let you know, calls to the "
                "surgery are recorded. How can I help?"),
            (u, "Oh, morning. Um, it's Mr Hargreaves, Dennis Hargreaves. I had some bloods done last week, "
                "and the nurse said ring for the results after five days, so, er, here I am."),
            (a, "Lovely. Can I just check your date of birth, Mr Hargreaves, and the first line of your "
                "address?"),
            (u, "Second of February, nineteen forty-nine. Fourteen Mill Lane."),
            (a, "Thank you, that's all fine. So, Dr Ahmed's looked at them. Your kidney function and your "
                "blood count are both normal, nothing to do there. She's marked the cholesterol as a "
                "touch on the high side, and she'd like a word with you about it. Nothing urgent."),
            (u, "Oh. Right. Is it, er, should I be worried, like?"),
            (a, "She's put non-urgent, so I wouldn't fret, but it's best she explains it herself, I'm not "
                "medically trained. Would you like her to give you a ring, or would you rather pop in?"),
            (u, "If she could ring me, that'd be champion. I don't drive any more."),
            (a, "No problem at all. The number on your record is a landline ending two nine three. Is that "
                "still the best one to get you on?"),
            (u, "That's the one, yes."),
            (a, "Perfect. Let me just see when she's doing her telephone list.", 11.0),
            (a, "Right, she's doing phone calls Thursday morning, so she'll ring you then, some time "
                "between nine and twelve."),
            (u, "Thursday morning. Right you are. I'll make sure I'm in."),
            (a, "Is there anything more I can do for you today?"),
            (u, "No, that's all, love."),
            (a, "Thanks for calling, Mr Hargreaves. You take care now, bye.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=NA, closing=M, long_silence=M),
        scripted("h9-hc-01", "healthcare", [
            (a, "Good afternoon, welcome to Cascadia Health Plan member services, my name is Rahul. May I "
                "please have the member ID from the card?"),
            (u, "Uh, yeah, hi. It's C H P, seven seven two, four one nine, oh three."),
            (a, "Thank you. And the member's full name and date of birth, please?"),
            (u, "Tanya Brooks. August fourteenth, eighty-eight."),
            (a, "Thank you, Ms Brooks, you are verified. How may I help you today?"),
            (u, "So I got a letter saying my physical therapy was denied, like, all six sessions. But it "
                "was pre-authorized. I literally have the approval letter sitting right here in front of "
                "me. I've already paid eight hundred dollars out of pocket, and that's, honestly, that's "
                "just not okay."),
            (a, "Okay ma'am. Sorry, I forgot to mention earlier, this call is being recorded for quality "
                "and training purposes. Let me pull up the claims."),
            (a, "Okay, so I can see all the claims for this year. January fifteenth, office visit with Dr "
                "Feld in psychiatry, paid. February, the lab panel with the STD screening, paid. March "
                "ninth, the pelvic ultrasound, paid. April, two visits with the counselor at Bridgeway "
                "Behavioral Health, paid. And then physical therapy, six sessions at Summit PT in May and "
                "June, denied, reason code no authorization on file."),
            (u, "Whoa, okay, I didn't need all of that. It's the PT I'm asking about. And I'm telling you, "
                "there was an authorization."),
            (a, "Ma'am, as per the system there is no authorization on file, so the denial is correct."),
            (u, "Can you at least check? I've got the number right here. It's P A, nine one five five two."),
            (a, "Let me check.", 24.0),
            (a, "Okay, I found the authorization. It was entered under a different provider ID. I will send "
                "the claims for reprocessing, it takes thirty to forty-five days."),
            (u, "Great. Can somebody call me back when it's done? Use my work number, not the one on file. "
                "It's five oh three, five five five, oh one eight seven."),
            (a, "Okay, noted. Five oh three, five five five, oh one eight seven."),
            (u, "Thanks."),
            (a, "Is there anything else I can assist you with today?"),
            (u, "No, that's it."),
            (a, "Thank you for calling Cascadia Health Plan, have a great day.")],
            recording_notice=V, identity_before_phi=M, minimum_necessary=V, callback_verification=V,
            complaint_acknowledged=V, bereavement=NA, closing=M, long_silence=V),
        scripted("h9-hc-02", "healthcare", [
            (a, "Outpatients, Niamh speaking, how can I help?"),
            (u, "Hello, yes. Em, I'm ringing about my wife's appointments. Bernadette Kiely. She, em... "
                "she passed away on Tuesday week, and there's still letters coming for her, and I "
                "didn't, I didn't know who I should ring."),
            (a, "Ah, I'm so sorry, Mr Kiely. That's an awful time for you, and you did right to ring, we'll "
                "sort it all out from here. Bernadette Kiely, let me see... yes, I have her. She's down "
                "for the echo on the fourteenth, and then the cardiology clinic with Dr Moran on the "
                "twenty-first."),
            (u, "That's right, yeah. That's all of them, I think."),
            (a, "Can I just check her date of birth there, to be sure I have the right Bernadette?"),
            (u, "The ninth of May, nineteen forty-four."),
            (a, "That's her. Right, I'll cancel both of those now, and I'll put a note on her chart so no "
                "more letters go out to the house. We can send you out a leaflet from the bereavement "
                "support service as well, if you'd like that."),
            (u, "That'd be good, thanks. And, em, there was a letter from Dr Moran about her last results "
                "that I couldn't make head nor tail of. Would his secretary ring me about it, do you "
                "think?"),
            (a, "I'll ask her, of course. I have you down as next of kin, with a mobile ending six two one. "
                "Is that the right number still?"),
            (u, "It is, yeah."),
            (a, "Grand. That's both cancelled now, and I've left a message for Dr Moran's secretary. Mind "
                "yourself, Mr Kiely. Bye bye.")],
            recording_notice=V, identity_before_phi=V, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=NA, bereavement=M, closing=V, long_silence=M),
        scripted("h9-hc-03", "healthcare", [
            (a, "Good afternoon, Harbourside Dermatology, you're speaking with Kylie. Just so you're aware, "
                "we do record our calls. How can I help?"),
            (u, "Hi Kylie, um, it's Lakshmi Iyer. I had a mole taken off my back two weeks ago with Dr "
                "Castellano, and I've just got the invoice through, and, um, the gap's about three hundred "
                "more than what I was quoted on the day? So I'm a bit, yeah. A bit thrown, really."),
            (a, "Oh, that's no good, I'm sorry, nobody wants a surprise like that after a procedure. I'll "
                "look into it with you, and I'll log it with our practice manager so it gets properly "
                "reviewed. Can I get your date of birth and your Medicare number, please?"),
            (u, "Sure. Twelfth of October, nineteen eighty-five. And Medicare is, um, two nine five one, "
                "four four eight two oh, one."),
            (a, "Thank you, Lakshmi, that all matches. Okay, so the quote was for a simple excision, and "
                "the invoice has been billed as a more complex one with a flap repair. That might be a "
                "coding mistake, or the doctor may have needed to do more on the day, I can't tell from "
                "here."),
            (u, "Right. And, sorry, while I've got you, did the, um, the pathology come back?"),
            (a, "It did. Dr Castellano's reviewed it, and it was completely benign, so nothing further "
                "needed there."),
            (u, "Oh, thank goodness. Okay. So about the bill, could someone call me once they've had a "
                "look? I'm at work during the day, so I can't really sit on hold."),
            (a, "Of course. Our practice manager, Deb, will give you a call. I've got a mobile ending four "
                "one seven on your file. Is that the one to use?"),
            (u, "Yes, that's it."),
            (a, "Beautiful. Let me pop a note in for Deb.", 9.0),
            (a, "Okay, that's in, and she usually calls back within two business days. I can't say what "
                "the outcome will be, but she'll go through it line by line with you."),
            (u, "That's fine. Thank you."),
            (a, "Anything else I can help you with today?"),
            (u, "No, that's all, thanks."),
            (a, "Thanks for calling, Lakshmi. Have a lovely afternoon.")],
            recording_notice=M, identity_before_phi=M, minimum_necessary=M, callback_verification=M,
            complaint_acknowledged=M, bereavement=NA, closing=M, long_silence=M),
    ]


def service9() -> list[ScriptedCall]:
    a, u = "agent", "customer"
    return [
        scripted("h9-svc-00", "service", [
            (a, "Good evening, thank you for calling Skylark Broadband, my name is Deepa, how may I help you "
                "today?"),
            (u, "Oh, hiya. Yeah, I need to, erm, cancel my broadband, basically. We're moving out at the "
                "end of the month."),
            (a, "Okay, I can help you with that. Can I have the account holder's name and the postcode, "
                "please?"),
            (u, "Liam Doherty. M fourteen, five G Q."),
            (a, "Thank you, Mr Doherty. Before I process anything, may I know where you are moving to? "
                "Because we can shift the broadband to the new address, same price, and no installation "
                "fee. I can also give you three months at half price if you stay on with us."),
            (u, "Ah, that's decent, to be fair. But we're moving in with my girlfriend's parents for a bit, "
                "to save for a deposit, and they've already got internet. So, yeah, we won't need it."),
            (a, "Understood, that makes complete sense. Then I'll go ahead with the cancellation. Your "
                "service will stop on the thirtieth, your moving date, and you'll get a prepaid bag for "
                "the router in the post. There's no early exit charge, since your contract ended in June."),
            (u, "Oh, brilliant, I was worried about that."),
            (a, "One moment while I complete it.", 8.0),
            (a, "All done. You will get a confirmation email shortly, and the reference is S K, seven two, "
                "five five one."),
            (u, "Lovely, cheers."),
            (a, "Anything else on the account I can sort out before you go?"),
            (u, "No, that's everything, ta."),
            (a, "Thank you for being with Skylark, Mr Doherty, and all the best with the move.")],
            greeting=M, agent_name=M, cancellation_save=M, complaint_acknowledged=NA, escalation_offered=NA,
            long_silence=M, agent_monologue=M, closing=M),
        scripted("h9-svc-01", "service", [
            (a, "Thanks for calling Pinecrest Wireless, how can I help you?"),
            (u, "Hi. So, um, I just got my bill and it's two hundred and forty dollars more than normal. It "
                "says international roaming. We were in Cancun for five days, and I, honestly, I had no "
                "idea. Nobody said anything about that. I'm kind of freaking out here."),
            (a, "Oh man, I'm sorry, that's a nasty one to open. Let me take a look at what happened, and "
                "I'll put a note on the account about it. What's the phone number on the account?"),
            (u, "Five one two, five five five, oh one four four."),
            (a, "And the account PIN?"),
            (u, "Two eight two eight."),
            (a, _ROAMING),
            (u, "Okay, I, you kind of lost me there. Can I talk to a supervisor, please? I'd really like "
                "somebody to look at this."),
            (a, "There's no need for that, they can't do anything I can't do. The charges are valid."),
            (u, "Seriously? Then you know what, just cancel the line. I'll go somewhere else."),
            (a, "Okay. I've put the cancellation in for the line. It'll disconnect at the end of this "
                "billing cycle, on the twenty-second, and the final bill will include the roaming."),
            (u, "Fine."),
            (a, "Anything else I can take care of for you?"),
            (u, "No."),
            (a, "Alright, thanks for calling Pinecrest. Take care.")],
            greeting=M, agent_name=V, cancellation_save=V, complaint_acknowledged=M, escalation_offered=V,
            long_silence=M, agent_monologue=V, closing=M),
        scripted("h9-svc-02", "service", [
            (a, "Sorry, bear with me, my screen's just frozen... right, there we go. I'm Callum, what's the "
                "order number?"),
            (u, "It's O H, two two six, nine four one. And look, I took Thursday off work for this sofa. I "
                "was in all day, eight till six, and nobody came. No phone call, no text, nothing. I had "
                "to use a day's holiday for that."),
            (a, "Yeah, Thursday deliveries are done by the courier, they're a separate company. We just "
                "pass the order on to them, so."),
            (u, "Right, so whose problem is it, then? Because I paid you, not them."),
            (a, "I'll have a look what the courier's put."),
            (u, "Okay."),
            (a, "Hang on.", 27.0),
            (a, "Right, they've got it down as failed, customer not in."),
            (u, "Not in? I was sat at the window all day! Is there a manager or somebody I can talk to "
                "about this? Because it's ridiculous."),
            (a, "Yeah, course. I can get my team leader, Aoife, to ring you back today, or you can hang on "
                "and I'll see if she's free now. Whichever you'd rather."),
            (u, "Ring me back. I'm not sitting on hold again."),
            (a, "No bother, she'll ring you this afternoon. And I've rebooked the delivery for next "
                "Wednesday, the ninth, between eight and twelve."),
            (u, "Fine."),
            (a, "Right. Bye.")],
            greeting=V, agent_name=M, cancellation_save=NA, complaint_acknowledged=V, escalation_offered=M,
            long_silence=V, agent_monologue=M, closing=V),
        scripted("h9-svc-03", "service", [
            (a, "G'day, thanks for calling Coastline Energy, you're talking to Bec. How can I help you "
                "today?"),
            (u, "Hello Bec, good afternoon. Actually I am calling regarding my electricity bill. Last "
                "quarter it was around three hundred and ten dollars, and this quarter it has come as six "
                "hundred and eighty. Same house, same two people, nothing has changed. Even the heater we "
                "are hardly using. So I don't understand how it has doubled."),
            (a, "Oh, that's a big jump, no wonder you're worried, and I'm sorry it's landed on you like "
                "that. Let's get to the bottom of it. I'll note it as a billing complaint while we look, "
                "so there's a record. Can I grab your account number?"),
            (u, "Account number is, one moment, four four seven one, nine oh two, six."),
            (a, "Lovely, thanks Mr Rao. Okay, so I can see what's happened. This bill's been done on an "
                "estimated read, because the meter reader couldn't get through your side gate. And the "
                "estimate's been worked out from last winter, when someone at that address was using a "
                "lot more power."),
            (u, "Ah, that would be the previous tenants, then. We moved in only in April."),
            (a, "Yep, that'd explain it. So if you can send us a photo of the meter today, I'll get the "
                "bill re-done on the actual reading, and it should come down a fair bit, though I can't "
                "give you the exact figure till it's re-run."),
            (u, "Okay, I can do that. But, see, I would like to, if possible, speak with someone senior "
                "about this. Because this estimated business should not happen, no? Somebody should have "
                "checked."),
            (a, "Totally understand. I can put you through to my team leader, Nathan, right now, or I can "
                "have him ring you once you've sent the photo, so he's got the new figure in front of "
                "him. What would you prefer?"),
            (u, "After the photo is better. I will send it this evening."),
            (a, "Perfect. I'll text you the link for the photo now.", 7.0),
            (a, "That's sent. And Nathan's got a note to call you tomorrow."),
            (u, "Okay, very good. Thank you, Bec."),
            (a, "Any other questions I can help with today?"),
            (u, "No, no, that is all."),
            (a, "Thanks so much for calling, Mr Rao, and I hope you're settling into the new place.")],
            greeting=M, agent_name=M, cancellation_save=NA, complaint_acknowledged=M, escalation_offered=M,
            long_silence=M, agent_monologue=M, closing=M),
    ]
