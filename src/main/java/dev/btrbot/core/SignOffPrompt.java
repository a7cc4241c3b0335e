package dev.btrbot.core;

import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.TagRun;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a sign-off prompt ("Passed install" / "Failed install") may still
 * open its form: not when its candidate is no longer the current one, nor when
 * the release no longer takes sign-offs. Decided within a chat platform's
 * deadline (Slack's trigger_id lives three seconds): the branch heads are read
 * with git for at most the patience given; when git is slower or fails, the
 * newest candidate the store has seen stands in for the current one. Reads
 * only — nothing is stored. The sign-off command's own check when the verdict
 * is recorded stays the guarantee; this spares a person filling in a form that
 * would be refused.
 */
public final class SignOffPrompt {
    private final Store store;
    private final CandidateSource candidates;
    private final ExecutorService git;

    /** @param git runs the branch-head read, so a slow git can be left behind */
    public SignOffPrompt(Store store, CandidateSource candidates, ExecutorService git) {
        this.store = store;
        this.candidates = candidates;
        this.git = git;
    }

    /**
     * @param release     the release the prompt names
     * @param candidateId the full id of the candidate the prompt showed
     * @return why the form may not open, in words for the person; empty when it may
     */
    public Optional<String> refusal(String release, String candidateId, Duration patience) {
        ReleaseName name;
        try {
            name = new ReleaseName(release);
        } catch (RuntimeException e) {
            return Optional.of("This button names no release; nothing was recorded.");
        }
        Optional<Release> found = store.read(tx -> tx.releases().find(name));
        if (found.isEmpty()) {
            return Optional.of("There is no release " + name + "; nothing was recorded.");
        }
        Release r = found.get();
        if (!r.state().isActive()) {
            return Optional.of(name + " is " + r.state().label() + ": sign-offs are closed.");
        }
        if (r.repos().isEmpty()) {
            return Optional.empty();
        }
        String current = currentCandidate(r, patience);
        if (current == null || current.equals(candidateId)) {
            return Optional.empty();
        }
        String shortId = current.substring(0, Math.min(10, current.length()));
        Optional<String> rc = store.read(tx -> tx.tagRuns().forRelease(name)).stream()
                .filter(t -> t.kind() == TagRun.Kind.RC && t.state() == TagRun.State.SUCCEEDED && t.candidateId().equals(current))
                .map(TagRun::tagName).reduce((a, b) -> b);
        return Optional.of("The candidate moved since this message (now " + shortId + "): install "
                + rc.map(tag -> tag + " (candidate " + shortId + ")").orElse("candidate " + shortId)
                + " and use the new prompt ('status " + name + "' shows it); nothing was recorded.");
    }

    /** The current candidate's id: from git within the patience, else the newest the store has seen; null when neither knows. */
    private String currentCandidate(Release release, Duration patience) {
        Future<String> read = null;
        try {
            read = git.submit(() -> Candidate.idOf(candidates.heads(release.repos(), release.branch())));
            return read.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            // git is slow or unreachable: what the store saw last stands in
        } finally {
            if (read != null) {
                read.cancel(true);
            }
        }
        return store.read(tx -> tx.candidates().history(release.name())).stream().findFirst()
                .map(Candidate::id).orElse(null);
    }
}
