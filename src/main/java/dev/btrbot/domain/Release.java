package dev.btrbot.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A release the working group is preparing. {@code milestone}, {@code label},
 * {@code target} and {@code channel} may be null when not given.
 */
public record Release(ReleaseName name, GitRefName branch, List<RepoRef> repos, String milestone, String label,
                      LocalDate target, String channel, TagTemplate tagTemplate, TagTemplate rcTemplate,
                      ReleaseState state, QuorumPolicy policy, Instant createdAt) {
    public Release {
        Objects.requireNonNull(name);
        Objects.requireNonNull(branch);
        repos = List.copyOf(repos);
        Objects.requireNonNull(tagTemplate);
        Objects.requireNonNull(rcTemplate);
        Objects.requireNonNull(state);
        Objects.requireNonNull(policy);
    }

    public GitRefName finalTag() {
        return tagTemplate.finalTag(name);
    }

    public GitRefName rcTag(int n) {
        return rcTemplate.rcTag(name, finalTag(), n);
    }

    /** Finds a repository of this release by its url or its short name. */
    public RepoRef repo(String urlOrName) {
        for (RepoRef r : repos) {
            if (r.url().equals(urlOrName) || r.name().equals(urlOrName)) {
                return r;
            }
        }
        try {
            RepoRef asRef = new RepoRef(urlOrName);
            if (repos.contains(asRef)) {
                return asRef;
            }
        } catch (Refusal ignored) {
            // fall through to the refusal naming the release's repos
        }
        throw new Refusal("'" + Text.clip(urlOrName) + "' is not a repository of " + name + " ("
                + String.join(", ", repos.stream().map(RepoRef::name).toList()) + ").");
    }

    public Release withState(ReleaseState next) {
        return new Release(name, branch, repos, milestone, label, target, channel, tagTemplate, rcTemplate, next, policy, createdAt);
    }

    public Release withPolicy(QuorumPolicy next) {
        return new Release(name, branch, repos, milestone, label, target, channel, tagTemplate, rcTemplate, state, next, createdAt);
    }
}
