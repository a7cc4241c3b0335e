package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.MissingBackport;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagCheck;
import dev.btrbot.domain.TagRun;
import java.util.List;

/**
 * The shape of {@code status --json}, documented in the README. Field names
 * are part of the interface scripts and CI rely on: add, never rename.
 */
record StatusJson(ReleaseJson release, GateJson gate, CandidateJson candidate, boolean changedSinceLastSignOff,
                  List<SignOffJson> signOffs, List<BlockerJson> blockers, List<MissingJson> missingBackports,
                  List<RoleJson> roles, List<HoldJson> holds, List<TagRunJson> tagRuns, GitHubJson github,
                  List<CheckJson> checks, String view, String asOf, TagNowJson tagCheck, List<ChecklistJson> checklist,
                  ForumJson forum, List<BackportJson> backports) {

    /**
     * The forum watch: when the forum was last read (null: never), since when it is unreachable (null: it is not),
     * and the release's reports; null when the forum was never polled and the release has no report.
     */
    record ForumJson(String readAt, String unreachableSince, String lastError, List<ForumReportJson> reports) {
        static ForumJson of(List<dev.btrbot.domain.ForumReport> reports, dev.btrbot.core.port.ForumRepo.Cursor cursor,
                            boolean redacted) {
            if (cursor.attemptedAt() == null && reports.isEmpty()) {
                return null;
            }
            return new ForumJson(text(cursor.polledAt()), text(cursor.unreachableSince()), redacted ? null : cursor.lastError(),
                    reports.stream().map(r -> new ForumReportJson(r.number(), r.url(), r.title(), r.author(), text(r.createdAt()),
                            r.state().label(), r.blockerNumber(), r.reason(), r.issueUrl(), r.replies(), text(r.lastReplyAt())))
                            .toList());
        }
    }

    /** @param state untriaged, blocker, linked or dismissed; {@code blocker} the blocker it became or was linked to */
    record ForumReportJson(int number, String url, String title, String author, String createdAt, String state, Integer blocker,
                           String reason, String issue, int replies, String lastReplyAt) {
    }

    /** The same status with the forum watch's part. */
    StatusJson withForum(ForumJson f) {
        return new StatusJson(release, gate, candidate, changedSinceLastSignOff, signOffs, blockers, missingBackports, roles, holds,
                tagRuns, github, checks, view, asOf, tagCheck, checklist, f, backports);
    }

    /** An item of the release's checklist; {@code by}, {@code at} and {@code note} are null while it is open. */
    record ChecklistJson(int position, String id, String text, String role, List<String> holders, boolean checked, String by,
                         String at, String note) {
    }

    /** One backport candidate: {@code state} pending|on-branch|declined; {@code landed} ancestor|cherry-pick|same-patch. */
    record BackportJson(String repo, int pr, String title, String author, String mergeSha, String mergedAt, String foundBy,
                        String state, String landed, String declinedBy, String declineReason, String declinedAt, String firstSeen) {
    }

    /** @param partialAt when the last sync got an incomplete answer from GitHub (blockers it left out kept as stored), else null */
    record GitHubJson(String refreshedAt, String unreachableSince, String lastError, String partialAt) {
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

    /**
     * @param command the tag command's process while it may run ("pid 4242 on host"), null before it started
     * @param repos   what each repository carried under the tag when the run ended
     */
    record TagRunJson(long id, String kind, String tag, String candidate, String state, String requester, String startedAt,
                      String endedAt, Integer exitCode, String command, List<TagCheckJson> repos) {
    }

    /** @param found the commit the tag is on, null when the repository has none (or could not be read: {@code problem}) */
    record TagCheckJson(String repo, String signed, String found, boolean carried, String problem) {
        static List<TagCheckJson> of(List<TagCheck> checks) {
            return checks.stream().map(c -> new TagCheckJson(c.repo().url(), c.signed().value(),
                    c.found() == null ? null : c.found().value(), c.carried(), c.problem())).toList();
        }
    }

    /** A tagged release's tag, read from every repository by this status: {@code intact} when each still carries it on its signed commit. */
    record TagNowJson(String tag, boolean intact, List<TagCheckJson> repos) {
    }

    static StatusJson of(Assessment a) {
        return of(a, false, Status.View.FULL, null);
    }

    /**
     * @param stored the assessment is from the store alone: {@code view} "stored", {@code asOf} when its candidate was first seen
     * @param shown  how members are named; redacted, the channel, sign-off notes and GitHub's error are left out (null, "")
     * @param tagNow a tagged release's tag as the repositories carry it now; null when not read
     */
    static StatusJson of(Assessment a, boolean stored, Status.View shown, List<TagCheck> tagNow) {
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
                        b.origin().name().toLowerCase(java.util.Locale.ROOT),
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
                        t.endedAt() == null ? null : t.endedAt().toString(), t.exitCode(),
                        t.state() == TagRun.State.RUNNING && t.launch() != null ? t.launch().toString() : null,
                        TagCheckJson.of(t.checks()))).toList(),
                a.sync() == null ? null : new GitHubJson(text(a.sync().refreshedAt()), text(a.sync().unreachableSince()),
                        redacted ? null : a.sync().lastError(), text(a.sync().partialAt())),
                a.checks().stream().map(ch -> new CheckJson(ch.repo().shown(), ch.sha().value(), ch.name(), ch.state().label(), ch.url()))
                        .toList(),
                stored ? "stored" : "live", stored && c != null ? c.firstSeen().toString() : null,
                tagNow == null ? null : new TagNowJson(a.finalTag().map(TagRun::tagName).orElse(r.finalTag().value()),
                        tagNow.stream().allMatch(TagCheck::carried), TagCheckJson.of(tagNow)),
                a.checklist().items().stream().map(i -> new ChecklistJson(i.position(), i.id(), i.text(), i.role().value(),
                        a.checklist().holdersOf(i.role()).stream().map(name).toList(), !i.open(),
                        i.open() ? null : name.apply(i.tick().by()), i.open() ? null : i.tick().at().toString(),
                        i.open() ? null : redacted ? "" : i.tick().note())).toList(),
                null,
                a.backports().candidates().stream().map(b -> new BackportJson(b.pr().repo().shown(), b.pr().number(), b.title(),
                        b.author(), b.mergeSha().value(), text(b.mergedAt()), b.foundBy(), b.state().label(),
                        b.landed() == null ? null : b.landed().label(), b.decline() == null ? null : name.apply(b.decline().by()),
                        b.decline() == null ? null : b.decline().reason(), b.decline() == null ? null : text(b.decline().at()),
                        text(b.firstSeen()))).toList());
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
    }
}
