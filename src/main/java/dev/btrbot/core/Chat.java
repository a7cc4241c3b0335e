package dev.btrbot.core;

import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.MemberId;

/**
 * Where the bot speaks without being asked: a release's channel or room
 * (summaries, announcements, tag progress) and members directly (role
 * prompts, pings). Each platform implements it; {@link ChatRouter}
 * picks the platform that reaches a channel or member.
 *
 * <p>The delivery contract: {@link #post}, {@link #update} and {@link #tell}
 * return normally only when the message was delivered or is certain to be.
 * When the platform refused it or could not be reached after its own retries,
 * they throw {@link Undelivered}, and the caller decides what that means (an
 * announcement gives its claim back; a scheduled post keeps its row unsent;
 * tag progress is best effort). Slack throws after its rate-limit retries;
 * the console throws when its output is closed. Matrix returns normally
 * because its outbox stores every send with a transaction id and re-sends it,
 * with the same id, until the homeserver takes it: delivery is guaranteed,
 * only later.
 */
public interface Chat {
    /**
     * Posts to a channel or room.
     *
     * @param channel the release's channel; null means the platform's default place
     * @return a reference to the post, for {@link #update}
     * @throws Undelivered when the platform refused the post or could not be reached
     */
    PostRef post(String channel, Reply message);

    /**
     * Replaces the content of an earlier post (e.g. tag progress); platforms that cannot edit post anew.
     *
     * @throws Undelivered when the platform refused the edit or could not be reached
     */
    default void update(PostRef post, Reply message) {
        post(post.channel(), message);
    }

    /**
     * Sends a message to one member directly (a DM, or a mention where there are no DMs).
     *
     * @throws Undelivered when the platform refused the message or could not be reached
     */
    void tell(MemberId member, Reply message);

    /** True when this platform delivers to that channel id. */
    default boolean reaches(String channel) {
        return true;
    }

    /** True when this platform knows that member id. */
    default boolean reaches(MemberId member) {
        return true;
    }

    /** A post as the platform knows it: its channel and the platform's id for it (Slack ts, Matrix event id). */
    record PostRef(String channel, String id) {
    }

    /** The platform refused a message or could not be reached; the message says why and is safe to log and show. */
    final class Undelivered extends Unavailable {
        public Undelivered(String message) {
            super(message);
        }
    }
}
