package dev.btrbot.core.port;

import java.net.URI;

/** Replies on the forum under the bot's account (needs the forum's API key). */
public interface ForumReplies {
    /**
     * Posts {@code markdown} as a reply in the topic.
     *
     * @return the link to the new post
     * @throws Unavailable when the forum refused or could not be reached
     */
    URI reply(long topicId, String markdown);
}
