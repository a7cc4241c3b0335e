package dev.btrbot.core;

import dev.btrbot.domain.ForumPost;
import java.util.List;

/**
 * Where posts read from the forum go, by polling or from a webhook: a post that names an active release (or sits in
 * an install-problems category) becomes a forum report, or joins its thread's report. Taking the same post twice
 * changes nothing.
 */
public interface ForumIntake {
    /** @return how many posts made a new report or joined one */
    int receive(List<ForumPost> posts);
}
