package dev.btrbot.core.port;

import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public interface BlockerRepo {
    List<Blocker> forRelease(ReleaseName release);

    /** Adds a blocker with the next number of its release; refuses a url the release lists already. */
    Blocker add(ReleaseName release, String url, String title, Priority priority, LocalDate reported,
                Blocker.Origin source, Instant at);

    void setOpen(ReleaseName release, int number, boolean open, Instant at);

    void setPriority(ReleaseName release, int number, Priority priority);

    void waive(ReleaseName release, int number, MemberId by, String reason, Instant at);

    /**
     * Records what the issue tracker says of a blocker's issue: title, priority
     * from its labels, open or closed (with the closing time), labels, assignees.
     */
    void updateFromIssue(ReleaseName release, int number, String title, Priority priority, boolean open, Blocker.Issue issue);

    /** @return false when the fix was linked already */
    boolean addFix(ReleaseName release, int number, Blocker.FixCommit fix);

    /** @return false when the fix was not linked */
    boolean removeFix(ReleaseName release, int number, Blocker.FixCommit fix);

    /** The blocker now lives at {@code url} (a forum thread filed as an issue: the issue), so a sync finds it by it. */
    void relink(ReleaseName release, int number, String url);
}
