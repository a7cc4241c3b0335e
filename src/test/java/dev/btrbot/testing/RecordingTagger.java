package dev.btrbot.testing;

import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagRun;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what it was asked to tag and answers with a chosen exit code. It
 * holds the remotes' tags in memory, as the repositories would: a run that
 * succeeds puts the tag on every head, a failing one on none (it rolled back),
 * unless told to stop part-way; {@link #read} answers from them.
 */
public final class RecordingTagger implements Tagger {
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Every line of output the runs wrote, in order. */
    public final List<String> lines = new CopyOnWriteArrayList<>();
    /** The launches reported as started. */
    public final List<TagRun.Launch> launches = new CopyOnWriteArrayList<>();
    private final Map<String, Sha> tags = new ConcurrentHashMap<>();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private volatile int exitCode;
    private volatile int tagsBeforeStopping = -1;
    private volatile long nextPid = 4242;
    private volatile String unreadable;

    private volatile RuntimeException crash;
    private volatile Runnable during;

    /** Runs while the next tag command runs, e.g. to act as another process would meanwhile. */
    public void whileRunning(Runnable action) {
        during = action;
    }

    public void failWith(int code) {
        exitCode = code;
    }

    /** The next run puts the tag on its first {@code n} repositories only, then ends with the chosen exit code (a run cut off). */
    public void stopAfter(int n) {
        tagsBeforeStopping = n;
    }

    /** Makes the next runs throw, as a broken tag command runner would. */
    public void crashWith(RuntimeException e) {
        crash = e;
    }

    /** Someone deleted (or, with a sha, moved) a tag in a repository. */
    public void setTag(String repo, String tag, String sha) {
        if (sha == null) {
            tags.remove(key(new RepoRef(repo), tag));
        } else {
            tags.put(key(new RepoRef(repo), tag), new Sha(sha));
        }
    }

    /** Reading any repository fails with this reason; null: they answer. */
    public void unreadable(String reason) {
        unreadable = reason;
    }

    /** The process of this launch runs on (it outlived its bot) until {@link #end} is called. */
    public void keepRunning(TagRun.Launch launch) {
        running.add(launch.pid());
    }

    public void end(TagRun.Launch launch) {
        running.remove(launch.pid());
    }

    @Override
    public Result tag(Request request, Listener listener) {
        requests.add(request);
        if (crash != null) {
            throw crash;
        }
        TagRun.Launch launch = new TagRun.Launch("test-host", nextPid++, "1", null);
        try {
            listener.started(launch);
        } catch (RuntimeException e) {
            return new Result(-1, "not started", false);
        }
        launches.add(launch);
        Runnable action = during;
        during = null;
        if (action != null) {
            action.run();
        }
        int stopAt = tagsBeforeStopping;
        tagsBeforeStopping = -1;
        int n = 0;
        for (RepoHead h : request.heads()) {
            boolean tagged = stopAt >= 0 ? n++ < stopAt : exitCode == 0;
            if (tagged) {
                tags.put(key(h.repo(), request.tagName().value()), h.sha());
            }
            String line = (tagged ? "tagged " : "failed ") + h.repo().url() + " " + h.sha();
            lines.add(line);
            listener.line(line);
        }
        return new Result(exitCode, exitCode == 0 ? "ok" : "push rejected", false);
    }

    @Override
    public List<Found> read(GitRefName tag, List<RepoRef> repos) {
        String why = unreadable;
        return repos.stream().map(r -> why != null ? new Found(r, null, why) : new Found(r, tags.get(key(r, tag.value())), null))
                .toList();
    }

    @Override
    public Liveness check(TagRun.Launch launch) {
        return running.contains(launch.pid()) ? Liveness.RUNNING : Liveness.ENDED;
    }

    @Override
    public String collect(TagRun.Launch launch) {
        return "";
    }

    @Override
    public void discard(TagRun.Launch launch) {
        // it keeps no output
    }

    private static String key(RepoRef repo, String tag) {
        return repo.url() + " " + tag;
    }
}
