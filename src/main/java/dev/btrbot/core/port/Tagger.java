package dev.btrbot.core.port;

import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagRun;
import java.util.List;

/**
 * Runs the tag command for exactly the given heads, and answers for what it
 * did: whether an earlier run's process still lives (it outlives the bot that
 * started it), what it wrote, and which commit each repository's tag is on.
 */
public interface Tagger {
    /**
     * Starts the command and runs it to its end (or its timeout); never throws
     * for a failing command: failures come back in the result. The command
     * does nothing before {@link Listener#started} has returned: when that
     * throws, it never runs. What it writes stays readable ({@link #collect})
     * until the run's end is recorded ({@link #discard}).
     */
    Result tag(Request request, Listener listener);

    /**
     * Which commit the tag is on in each repository right now (the tag object
     * peeled), in the order given; a repository that cannot be read says why.
     */
    List<Found> read(GitRefName tag, List<RepoRef> repos);

    /**
     * Whether an earlier run's process still runs. One past the command's
     * timeout is stopped first (and has then ended).
     */
    Liveness check(TagRun.Launch launch);

    /**
     * What an ended run's process wrote (bounded, as {@link Result#output}),
     * for a run whose bot died; its file is removed. Empty when none is left.
     */
    String collect(TagRun.Launch launch);

    /** The run's end is recorded: what its process wrote is no longer needed. */
    void discard(TagRun.Launch launch);

    interface Listener {
        /** The command's process exists and waits for this to return; persist {@code launch} here. */
        void started(TagRun.Launch launch);

        /** Each line of output, as it comes. */
        void line(String line);
    }

    enum Liveness {
        /** The same process (pid and start time) still runs on this host. */
        RUNNING,
        /** It has ended (or was never started). */
        ENDED,
        /** It ran on another host: only that host can tell. */
        ELSEWHERE
    }

    record Request(ReleaseName release, GitRefName tagName, List<RepoHead> heads, String message) {
        public Request {
            heads = List.copyOf(heads);
        }
    }

    /** @param commit the tag's commit, null when the repository has no such tag or could not be read ({@code problem}) */
    record Found(RepoRef repo, Sha commit, String problem) {
    }

    /** @param exitCode the command's exit code; -1 when it timed out or could not start */
    record Result(int exitCode, String output, boolean timedOut) {
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }
    }
}
