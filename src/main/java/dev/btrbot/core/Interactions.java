package dev.btrbot.core;

import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.ReleaseName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a chat platform asks of the core besides commands (those go to
 * {@link Bot#handle}): whether a sign-off button may open its form and what
 * the form shows, which release a text names (for links to its dashboard
 * page), and whether a signed request was taken before. Adapters hold no
 * store: they ask here.
 */
public final class Interactions implements AutoCloseable {
    private final Store store;
    private final ExecutorService git;
    private final SignOffPrompt signOffs;

    public Interactions(Store store, CandidateSource candidates) {
        this.store = store;
        AtomicInteger threads = new AtomicInteger();
        this.git = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "prompt-git-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.signOffs = new SignOffPrompt(store, candidates, git);
    }

    /**
     * Whether a sign-off button may open its form, decided within
     * {@code patience} (see {@link SignOffPrompt}); reads only.
     */
    public SignOffPrompt.Opening openSignOff(Reply.Action button, Duration patience) {
        return signOffs.open(button, patience);
    }

    /** The first word of these texts (a command, a reply's title) that names an existing release. */
    public Optional<ReleaseName> releaseNamedIn(String... texts) {
        for (String text : texts) {
            for (String word : (text == null ? "" : text).split("[\\s,:;()]+")) {
                Optional<ReleaseName> release = existing(word);
                if (release.isPresent()) {
                    return release;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<ReleaseName> existing(String word) {
        try {
            ReleaseName name = new ReleaseName(word);
            return store.read(tx -> tx.releases().find(name)).map(r -> r.name());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Records a signed request's key as taken now, remembered for {@code remember}
     * (longer than the platform accepts its signature).
     *
     * @return true the first time; false for a replay or a platform's own retry
     */
    public boolean firstSight(String requestKey, Instant now, Duration remember) {
        return store.write(tx -> tx.seenRequests().firstSight(requestKey, now, now.minus(remember)));
    }

    @Override
    public void close() {
        git.shutdownNow();
    }
}
