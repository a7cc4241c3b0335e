package dev.btrbot.core.port;

import dev.btrbot.core.Reply;
import dev.btrbot.domain.MemberId;

/**
 * Where the bot speaks without being asked: a release's channel or room
 * (summaries, announcements, tag progress) and members directly (role
 * prompts, pings). Each platform implements it; {@link dev.btrbot.core.ChatRouter}
 * picks the platform that reaches a channel or member.
 */
public interface Chat {
    /**
     * Posts to a channel or room.
     *
     * @param channel the release's channel; null means the platform's default place
     * @return a reference to the post, for {@link #update}
     */
    PostRef post(String channel, Reply message);

    /** Replaces the content of an earlier post (e.g. tag progress); platforms that cannot edit post anew. */
    default void update(PostRef post, Reply message) {
        post(post.channel(), message);
    }

    /** Sends a message to one member directly (a DM, or a mention where there are no DMs). */
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
}
