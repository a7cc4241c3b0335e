package dev.btrbot.core;

import dev.btrbot.core.port.StoreTx;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagCheck;
import dev.btrbot.domain.TagRun;
import dev.btrbot.domain.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a tag run ends, whoever ends it (the bot that ran it, or one that found
 * it cut off): each repository's tag is read back, and the run is recorded
 * {@code succeeded} only when every one carries it on its signed commit —
 * never on the command's word alone. A final tag that succeeded makes the
 * release tagged and its announcement, in the same transaction.
 */
public final class TagRuns {
    private final Tagger tagger;
    private final String announceTemplate;
    private final java.util.function.Function<ReleaseName, java.util.Optional<String>> pages;

    /**
     * @param tagger           reads each repository's tag back
     * @param announceTemplate the announcement a final tag makes, with {release}, {tag}, {candidate}, {testers} and {repos}
     * @param pages            a release's dashboard page, named at the end of its announcement (empty: none)
     */
    public TagRuns(Tagger tagger, String announceTemplate,
                   java.util.function.Function<ReleaseName, java.util.Optional<String>> pages) {
        this.tagger = tagger;
        this.announceTemplate = announceTemplate;
        this.pages = pages;
    }

    /** What each repository of the candidate carries under the tag right now, against the commit that was signed off. */
    public List<TagCheck> verify(GitRefName tag, Candidate candidate) {
        List<RepoHead> heads = candidate.heads();
        List<Tagger.Found> found;
        try {
            found = tagger.read(tag, heads.stream().map(RepoHead::repo).toList());
        } catch (RuntimeException e) {
            String why = "the tags could not be read (" + e.getClass().getSimpleName() + ")";
            return heads.stream().map(h -> new TagCheck(h.repo(), h.sha(), null, why)).toList();
        }
        List<TagCheck> checks = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            RepoHead head = heads.get(i);
            Tagger.Found f = i < found.size() && found.get(i).repo().equals(head.repo()) ? found.get(i) : null;
            checks.add(f == null ? new TagCheck(head.repo(), head.sha(), null, "no answer for this repository")
                    : new TagCheck(head.repo(), head.sha(), f.commit(), f.problem()));
        }
        return List.copyOf(checks);
    }

    /**
     * Records the run's end, inside {@code tx}: its state, what each
     * repository carries, the audit event and, for a final tag that
     * succeeded, the release's new state and its announcement.
     *
     * @param how  the audit event's words after the state, e.g. "(exit 0)"
     * @return false when the run was no longer running (another process settled it): nothing was recorded
     */
    public boolean record(StoreTx tx, MemberId actor, TagRun run, TagRun.State end, Integer exitCode,
                                 String output, List<TagCheck> checks, Instant now, String how) {
        if (!tx.tagRuns().finish(run.id(), end, exitCode, output, checks, now)) {
            return false;
        }
        String shortId = run.candidateId().substring(0, 10);
        tx.audit().record(now, actor, run.release(), "tag." + run.kind().label() + "." + end.label(),
                run.tagName() + " on candidate " + shortId + ": " + end.label() + " " + how
                        + (end == TagRun.State.SUCCEEDED ? "" : "; " + checks.stream().map(c -> c.describe(run.tagName()))
                        .collect(Collectors.joining("; "))));
        Release release = tx.releases().find(run.release()).orElseThrow();
        if (end == TagRun.State.SUCCEEDED && run.kind() == TagRun.Kind.FINAL) {
            tx.releases().setState(release.name(), ReleaseState.TAGGED);
            Candidate candidate = tx.candidates().find(release.name(), run.candidateId()).orElseThrow();
            tx.announcements().save(release.name(), run.id(), announcement(tx, release, run, candidate), now);
        } else if (end == TagRun.State.SUCCEEDED && release.state() == ReleaseState.PLANNING) {
            tx.releases().setState(release.name(), ReleaseState.TESTING);
        }
        return true;
    }

    /** Lines a person can act on: each repository that does not carry the tag on its signed commit, and how to repair. */
    public static List<String> repair(TagRun run, List<TagCheck> checks) {
        List<String> lines = new ArrayList<>();
        checks.forEach(c -> lines.add((c.carried() ? "✅ " : "❌ ") + c.describe(run.tagName())));
        if (run.kind() == TagRun.Kind.FINAL) {
            lines.add("Repair: run '" + run.repairCommand() + "' again. It tags the repositories that lack " + run.tagName()
                    + " (those carrying it on the signed commit count as done); if one refuses, it rolls back what it pushed"
                    + " and says which.");
        } else {
            lines.add("Repair: run '" + run.repairCommand() + "' again for a new release candidate; " + run.tagName()
                    + " is not offered to testers.");
        }
        return lines;
    }

    /** The passing testers of the run's candidate, by name. */
    public static String testers(List<SignOff> signOffs, String candidateId) {
        return signOffs.stream().filter(s -> s.candidateId().equals(candidateId) && s.verdict() == Verdict.PASS)
                .map(s -> s.member().value()).sorted().distinct().collect(Collectors.joining(", "));
    }

    private String announcement(StoreTx tx, Release release, TagRun run, Candidate candidate) {
        String repos = candidate.heads().stream().map(h -> "- " + h.repo().name() + " @ " + h.sha().shortId())
                .collect(Collectors.joining("\n"));
        return announceTemplate.replace("{release}", release.name().value())
                .replace("{tag}", run.tagName()).replace("{candidate}", candidate.shortId())
                .replace("{testers}", testers(tx.signOffs().forRelease(release.name()), run.candidateId()))
                .replace("{repos}", repos)
                + pages.apply(release.name()).map(url -> "\nStatus page: " + url).orElse("");
    }
}
