package dev.btrbot.core.port;

import dev.btrbot.domain.ForumPost;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the forum watch keeps: the releases' aliases, the forum reports and the posts taken into them (a post id is
 * taken once per release, whoever offers it again), and how far polling got (one cursor for every replica).
 */
public interface ForumRepo {
    /** The release's aliases, in lower case, sorted. */
    List<String> aliases(ReleaseName release);

    /** @return false when the release had this alias already */
    boolean addAlias(ReleaseName release, String alias);

    /** @return false when the release had no such alias */
    boolean removeAlias(ReleaseName release, String alias);

    /** The release's reports, by number. */
    List<ForumReport> reports(ReleaseName release);

    Optional<ForumReport> report(ReleaseName release, int number);

    Optional<ForumReport> reportOfTopic(ReleaseName release, long topicId);

    /** A new untriaged report on the post's thread, numbered after the release's last. */
    ForumReport addReport(ReleaseName release, ForumPost post, Instant foundAt);

    /** One more reply in the report's thread; the last reply's time and author are the newest seen. */
    void addReply(ReleaseName release, int number, Instant at, String by);

    /** Whether a post was taken already, for any release. */
    boolean seen(long postId);

    /** Records that the post was taken into the report. */
    void markSeen(long postId, ReleaseName release, int number);

    /**
     * Records a triage decision.
     *
     * @param reason        why it was dismissed (null otherwise)
     * @param blockerNumber the blocker it became or was linked to (null when dismissed)
     */
    void triage(ReleaseName release, int number, ForumReport.State state, MemberId by, Instant at, String reason,
                Integer blockerNumber);

    /** The issue opened in the tracker for the report. */
    void setIssue(ReleaseName release, int number, String issueUrl);

    Cursor cursor();

    /** A successful poll: the highest post id taken (never lowered) and when; clears any failure. */
    void advance(long lastPostId, Instant at);

    /** A failed poll; {@code unreachableSince} keeps the first failure of a run of failures. The cursor stays. */
    void failed(Instant at, String error);

    /**
     * How far polling got.
     *
     * @param attemptedAt      the last poll, whatever came of it; null when never
     * @param polledAt         the last successful poll; null when never
     * @param unreachableSince the first failure since then; null when the last poll succeeded
     */
    record Cursor(long lastPostId, Instant attemptedAt, Instant polledAt, Instant unreachableSince, String lastError) {
        public static final Cursor NEVER = new Cursor(0, null, null, null, null);
    }
}
