package dev.btrbot.core;

import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.ReleaseName;
import java.util.List;

/**
 * The "Passed install" / "Failed install" buttons on a candidate, made here
 * alone for every message that offers them (status, a pushed release
 * candidate, the nudge after the candidate changed). Each names its candidate
 * ({@code --candidate}), so a vote from a button is refused once the branch
 * moved since the message.
 */
public final class SignOffButtons {
    private SignOffButtons() {
    }

    public static List<Reply.Action> of(ReleaseName release, Candidate candidate) {
        Reply.Target target = new Reply.Target(release, candidate.id());
        return List.of(button(Reply.Intent.SIGN_OFF_PASS, target), button(Reply.Intent.SIGN_OFF_FAIL, target));
    }

    /**
     * The button of this verdict on this candidate, as {@link #of} makes it:
     * what a platform that remembers only the intent and the target (a
     * form's metadata) runs.
     *
     * @throws IllegalArgumentException when {@code intent} is not a sign-off
     */
    public static Reply.Action button(Reply.Intent intent, Reply.Target target) {
        if (!intent.isSignOff()) {
            throw new IllegalArgumentException("not a sign-off: " + intent);
        }
        boolean pass = intent == Reply.Intent.SIGN_OFF_PASS;
        return new Reply.Action(intent, pass ? "Passed install" : "Failed install",
                "signoff " + target.release() + " " + (pass ? "pass" : "fail") + " --candidate " + target.shortId(), target);
    }
}
