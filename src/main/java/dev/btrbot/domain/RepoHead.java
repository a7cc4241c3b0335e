package dev.btrbot.domain;

import java.util.Objects;

/** One repository at one commit: a line of a candidate, {@code repo@sha}. */
public record RepoHead(RepoRef repo, Sha sha) implements Comparable<RepoHead> {
    public RepoHead {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(sha, "sha");
    }

    @Override
    public int compareTo(RepoHead o) {
        int byRepo = repo.compareTo(o.repo);
        return byRepo != 0 ? byRepo : sha.value().compareTo(o.sha.value());
    }

    @Override
    public String toString() {
        return repo.url() + "@" + sha.value();
    }
}
