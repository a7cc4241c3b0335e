package dev.btrbot.core.port;

import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.ReleaseName;
import java.util.List;
import java.util.function.Consumer;

/** Runs the tag command for exactly the given heads. */
public interface Tagger {
    /**
     * Runs to the end (or the timeout) and never throws for a failing command:
     * failures come back in the result.
     *
     * @param progress receives each line of output as it comes
     */
    Result tag(Request request, Consumer<String> progress);

    record Request(ReleaseName release, GitRefName tagName, List<RepoHead> heads, String message) {
        public Request {
            heads = List.copyOf(heads);
        }
    }

    /** @param exitCode the command's exit code; -1 when it timed out or could not start */
    record Result(int exitCode, String output, boolean timedOut) {
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }
    }
}
