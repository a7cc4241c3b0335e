package dev.btrbot.testing;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Branch heads and backports held in memory, for tests of the command core.
 * The git adapter itself is tested against real repositories.
 */
public final class FakeGit implements CandidateSource, BackportCheck {
    private final Map<RepoRef, Sha> heads = new HashMap<>();
    private final Map<Sha, Containment> backports = new HashMap<>();
    private String unreachable;
    private final Map<RepoRef, String> unreadable = new HashMap<>();
    private volatile java.time.Duration delay = java.time.Duration.ZERO;
    /** How many times the branch heads were read (each one a {@code git ls-remote} of every repo in production). */
    public final java.util.concurrent.atomic.AtomicInteger headReads = new java.util.concurrent.atomic.AtomicInteger();

    public void head(String repo, String sha) {
        heads.put(new RepoRef(repo), new Sha(sha));
    }

    public void backport(String sha, Containment containment) {
        backports.put(new Sha(sha), containment);
    }

    public void unreachable(String reason) {
        unreachable = reason;
    }

    /** The backport check cannot read this repository (a fetch that fails), saying why. */
    public synchronized void unreadable(String repo, String reason) {
        unreadable.put(new RepoRef(repo), reason);
    }

    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);

    /**
     * Every read of the heads waits from now until {@link #letGo} (a remote that hangs): a test proves that
     * something did not wait for git by its answer arriving while git is held, not by timing it.
     */
    public void hold() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    /** Reads held by {@link #hold} go on. */
    public void letGo() {
        held.countDown();
    }

    /** Every read of the heads takes this long first (a slow remote); zero for instant. */
    public void slow(java.time.Duration delay) {
        this.delay = delay;
    }

    @Override
    public List<RepoHead> heads(List<RepoRef> repos, GitRefName branch) {
        headReads.incrementAndGet();
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while reading the branch heads");
        }
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while reading the branch heads");
            }
        }
        return readHeads(repos, branch);
    }

    private synchronized List<RepoHead> readHeads(List<RepoRef> repos, GitRefName branch) {
        if (unreachable != null) {
            throw new Unavailable(unreachable);
        }
        return repos.stream().map(r -> {
            Sha sha = heads.get(r);
            if (sha == null) {
                throw new Unavailable(r.name() + " has no branch " + branch + ".");
            }
            return new RepoHead(r, sha);
        }).toList();
    }

    @Override
    public synchronized Map<Sha, Containment> check(RepoRef repo, GitRefName branch, List<Sha> fixes) {
        if (unreadable.containsKey(repo)) {
            throw new Unavailable(unreadable.get(repo));
        }
        Map<Sha, Containment> answer = new HashMap<>();
        fixes.forEach(f -> answer.put(f, backports.getOrDefault(f, Containment.MISSING)));
        return answer;
    }
}
