package dev.btrbot.core.port;

import dev.btrbot.domain.BackportLabels;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the changes merged to each repository's default branch that ask to be on a release branch: pull requests
 * carrying a backport label (on GitHub), commits whose message carries a backport trailer (in git). Adapters only
 * read; what a candidate is and what the gate says of it are the core's.
 */
public interface BackportSource {
    /** Finds nothing: no repository is read. */
    BackportSource NONE = request -> new Found(List.of(), List.of());

    /**
     * @throws Unavailable only when nothing at all could be read; a repository that cannot be read is a problem in
     *                     the answer, the others are still read
     */
    Found find(Request request);

    /**
     * @param known pull requests already in the queue: a source may skip looking up what it needs only for new ones
     */
    record Request(ReleaseName release, GitRefName branch, List<RepoRef> repos, BackportLabels labels, Set<PullRequestRef> known) {
        public Request {
            Objects.requireNonNull(release);
            Objects.requireNonNull(branch);
            repos = List.copyOf(repos);
            Objects.requireNonNull(labels);
            known = Set.copyOf(known);
        }
    }

    /**
     * A change found.
     *
     * @param author   null when unknown
     * @param mergedAt null when unknown
     * @param foundBy  how it was found, in words ("label 'backport koa'")
     */
    record Change(PullRequestRef pr, String title, String author, Sha mergeSha, Instant mergedAt, String foundBy) {
        public Change {
            Objects.requireNonNull(pr);
            Objects.requireNonNull(mergeSha);
            Objects.requireNonNull(foundBy);
        }
    }

    /** @param problems what could not be read, one sentence each (the rest was read) */
    record Found(List<Change> changes, List<String> problems) {
        public Found {
            changes = List.copyOf(changes);
            problems = List.copyOf(problems);
        }
    }

    /** This source, reading only the repositories {@code repos} accepts (the others are another source's). */
    static BackportSource limitedTo(BackportSource source, java.util.function.Predicate<RepoRef> repos) {
        return request -> {
            List<RepoRef> mine = request.repos().stream().filter(repos).toList();
            return mine.isEmpty() ? new Found(List.of(), List.of()) : source.find(new Request(request.release(), request.branch(), mine,
                    request.labels(), request.known()));
        };
    }

    /**
     * Both sources' changes, each pull request once: the first source's answer wins (the API knows labels and
     * authors), the second adds what the first did not find.
     */
    static BackportSource both(BackportSource first, BackportSource second) {
        return request -> {
            java.util.Map<PullRequestRef, Change> byPr = new java.util.LinkedHashMap<>();
            List<String> problems = new java.util.ArrayList<>();
            for (BackportSource s : List.of(first, second)) {
                try {
                    Found f = s.find(request);
                    f.changes().forEach(c -> byPr.putIfAbsent(c.pr(), c));
                    problems.addAll(f.problems());
                } catch (Unavailable e) {
                    problems.add(e.getMessage());
                }
            }
            return new Found(List.copyOf(byPr.values()), problems);
        };
    }
}
