package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.MissingBackport;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagRun;
import java.util.List;

/**
 * The shape of {@code status --json}, documented in the README. Field names
 * are part of the interface scripts and CI rely on: add, never rename.
 */
record StatusJson(ReleaseJson release, GateJson gate, CandidateJson candidate, boolean changedSinceLastSignOff,
                  List<SignOffJson> signOffs, List<BlockerJson> blockers, List<MissingJson> missingBackports,
                  List<RoleJson> roles, List<HoldJson> holds, List<TagRunJson> tagRuns, GitHubJson github,
                  List<CheckJson> checks, String view, String asOf) {

    record GitHubJson(String refreshedAt, String unreachableSince, String lastError) {
    }

    record CheckJson(String repo, String sha, String name, String state, String url) {
    }

    record ReleaseJson(String name, String state, String branch, List<String> repos, String milestone, String label,
                       String target, String channel, String tag, java.util.Map<String, String> policy) {
    }

    record GateJson(boolean open, List<String> unmet) {
    }

    record CandidateJson(String id, String firstSeen, String rcTag, List<HeadJson> heads, String problem) {
    }

    record HeadJson(String repo, String sha) {
    }

    record SignOffJson(String member, String verdict, String candidate, boolean current, String environment, String notes,
                       String rcTag, String at) {
    }

    record BlockerJson(int number, String url, String title, String priority, boolean untriaged, boolean open, boolean waived,
                       String waiveReason, String reported, String source, List<HeadJson> fixes, String repo, Integer issue,
                       List<String> labels, List<String> assignees, String openedAt, String updatedAt, String closedAt) {
    }

    record MissingJson(int blocker, String repo, String sha, String problem) {
    }

    record RoleJson(String role, String member, String state) {
    }

    record HoldJson(String member, String reason, String at) {
    }

    record TagRunJson(long id, String kind, String tag, String candidate, String state, String requester, String startedAt,
                      String endedAt, Integer exitCode) {
    }

    static StatusJson of(Assessment a) {
        return of(a, false, Status.View.FULL);
    }

    /**
     * @param stored the assessment is from the store alone: {@code view} "stored", {@code asOf} when its candidate was first seen
     * @param shown  how members are named; redacted, the channel, sign-off notes and GitHub's error are left out (null, "")
     */
    static StatusJson of(Assessment a, boolean stored, Status.View shown) {
        var r = a.release();
        java.util.function.Function<dev.btrbot.domain.MemberId, String> name = shown.name();
        boolean redacted = shown.redacted();
        Candidate c = a.candidate();
        return new StatusJson(
                new ReleaseJson(r.name().value(), r.state().label(), r.branch().value(), r.repos().stream().map(RepoRef::shown).toList(),
                        r.milestone(), r.label(), r.target() == null ? null : r.target().toString(), redacted ? null : r.channel(),
                        r.finalTag().value(), r.policy().asSettings()),
                new GateJson(a.gate().open(), a.gate().unmet()),
                c == null ? new CandidateJson(null, null, null, List.of(), a.candidateProblem())
                        : new CandidateJson(c.id(), c.firstSeen().toString(), a.rcTag().orElse(null),
                        c.heads().stream().map(h -> new HeadJson(h.repo().shown(), h.sha().value())).toList(), null),
                a.changedSinceLastSignOff(),
                a.signOffs().stream().map((SignOff s) -> new SignOffJson(name.apply(s.member()), s.verdict().label(), s.candidateId(),
                        s.isOn(c), s.environment(), redacted ? "" : s.notes(), s.rcTag(), s.at().toString())).toList(),
                a.blockers().stream().map((Blocker b) -> new BlockerJson(b.number(), b.url(), b.title(),
                        b.priority() == null ? null : b.priority().label(), b.untriaged(), b.open(), b.waived(),
                        b.waived() ? b.waiver().reason() : null, b.reported() == null ? null : b.reported().toString(),
                        b.source().name().toLowerCase(java.util.Locale.ROOT),
                        b.fixes().stream().map(f -> new HeadJson(f.repo().shown(), f.sha().value())).toList(),
                        b.issue() == null ? null : b.issue().repo(), b.issue() == null ? null : b.issue().number(),
                        b.issue() == null ? List.of() : b.issue().labels(), b.issue() == null ? List.of() : b.issue().assignees(),
                        b.issue() == null ? null : text(b.issue().opened()), b.issue() == null ? null : text(b.issue().updated()),
                        b.issue() == null ? null : text(b.issue().closed()))).toList(),
                a.missingBackports().stream().map((MissingBackport m) -> new MissingJson(m.blockerNumber(), m.repo().shown(),
                        m.fix().value(), m.problem())).toList(),
                a.assignments().stream().filter(Assignment::live).map(x -> new RoleJson(x.role().value(), name.apply(x.member()),
                        x.state().label())).toList(),
                a.holds().stream().map(h -> new HoldJson(name.apply(h.member()), h.reason(), h.at().toString())).toList(),
                a.tagRuns().stream().map((TagRun t) -> new TagRunJson(t.id(), t.kind().label(), t.tagName(), t.candidateId(),
                        t.state().label(), name.apply(t.requester()), t.startedAt().toString(),
                        t.endedAt() == null ? null : t.endedAt().toString(), t.exitCode())).toList(),
                a.sync() == null ? null : new GitHubJson(text(a.sync().refreshedAt()), text(a.sync().unreachableSince()),
                        redacted ? null : a.sync().lastError()),
                a.checks().stream().map(ch -> new CheckJson(ch.repo().shown(), ch.sha().value(), ch.name(), ch.state().label(), ch.url()))
                        .toList(),
                stored ? "stored" : "live", stored && c != null ? c.firstSeen().toString() : null);
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
    }
}
