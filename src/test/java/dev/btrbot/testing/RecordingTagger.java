package dev.btrbot.testing;

import dev.btrbot.core.port.Tagger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records what it was asked to tag and answers with a chosen exit code. */
public final class RecordingTagger implements Tagger {
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int exitCode;

    private volatile RuntimeException crash;
    private volatile Runnable during;

    /** Runs while the next tag command runs, e.g. to act as another process would meanwhile. */
    public void whileRunning(Runnable action) {
        during = action;
    }

    public void failWith(int code) {
        exitCode = code;
    }

    /** Makes the next runs throw, as a broken tag command runner would. */
    public void crashWith(RuntimeException e) {
        crash = e;
    }

    @Override
    public Result tag(Request request, Consumer<String> progress) {
        requests.add(request);
        if (crash != null) {
            throw crash;
        }
        Runnable action = during;
        during = null;
        if (action != null) {
            action.run();
        }
        request.heads().forEach(h -> progress.accept((exitCode == 0 ? "tagged " : "failed ") + h.repo().url() + " " + h.sha()));
        return new Result(exitCode, exitCode == 0 ? "ok" : "push rejected", false);
    }
}
