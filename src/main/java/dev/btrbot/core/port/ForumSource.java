package dev.btrbot.core.port;

import dev.btrbot.domain.ForumPost;
import java.time.Instant;
import java.util.List;

/** The community's forum, read politely (within the forum's rate limits, honouring its Retry-After). */
public interface ForumSource {
    /**
     * The posts with an id above {@code afterPostId}, oldest first, paging back no further than that id nor than
     * posts created before {@code notBefore} (so a first poll does not read the whole forum).
     *
     * @throws Unavailable when the forum cannot be read (down, refusing, or asking to wait longer than a poll may)
     */
    List<ForumPost> postsAfter(long afterPostId, Instant notBefore);
}
