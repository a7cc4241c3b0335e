package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.PostKey;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Rights;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.CherryPicker;
import dev.btrbot.core.port.PullRequests;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.BackportAttempt;
import dev.btrbot.domain.BackportAttempt.Outcome;
import dev.btrbot.domain.BackportRecipe;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.MergedPullRequest;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.Sha;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cherry-picks a merged pull request to the release branch: a branch
 * {@code backport/<release>/<pr>} from the release branch with
 * {@code git cherry-pick -x} of the pull request's commits, pushed, and a pull
 * request opened against the release branch (or, without a GitHub token, the
 * page to open it by hand). For the release's triage and its managers.
 *
 * <p>Never silent: every attempt ends in a pull request, a conflict report
 * (nothing pushed; the files, and the commands to do it by hand, told to the
 * release's channel and its triage), or an error saying why. A pull request
 * already on the branch, a branch the remote has already, or an earlier
 * attempt's pull request still open are said so, and nothing is picked. Each
 * attempt that reached git is recorded ({@code backport_attempt}) and audited.
 */
public final class BackportPick implements Command {
    private final Store store;
    private final BackportCheck backports;
    private final CherryPicker picker;
    private final PullRequests pulls;
    private final Delivery delivery;

    public BackportPick(Store store, BackportCheck backports, CherryPicker picker, PullRequests pulls, Delivery delivery) {
        this.store = store;
        this.backports = backports;
        this.picker = picker;
        this.pulls = pulls;
        this.delivery = delivery;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("backport").arg("release").arg("pr");
    }

    @Override
    public String help() {
        return "Cherry-picks a merged pull request (123, <repo>#123, org/repo#123 or its URL) onto backport/<release>/<pr> from the"
                + " release branch and opens a pull request for it; a conflict is reported with the commands to do it by hand"
                + " (triage, managers).";
    }

    @Override
    public Reply run(Call call, Args args) {
        return run(call, args.get("release"), args.get("pr"));
    }

    /** The whole backport of {@code prText} to {@code releaseText}'s branch. */
    public Reply run(Call call, String releaseText, String prText) {
        record Asked(Release release, PullRequestRef pr, Optional<BackportAttempt> previous) {
        }
        Asked asked = store.read(tx -> {
            Release release = tx.releases().open(releaseText);
            call.rights().requireRoleOrManager(tx, release.name(), RoleName.TRIAGE, call.actor(), "cherry-pick a backport");
            PullRequestRef pr = PullRequestRef.parse(prText, release);
            return new Asked(release, pr, tx.backportAttempts().latest(release.name(), pr.repo(), pr.number()));
        });
        Release release = asked.release();
        PullRequestRef pr = asked.pr();
        Optional<Reply> stillOpen = asked.previous().flatMap(this::stillOpen);
        if (stillOpen.isPresent()) {
            return stillOpen.get();
        }
        MergedPullRequest merged = pulls.serves(pr.repo()) ? pulls.merged(pr) : picker.findMerged(pr, release.branch())
                .orElseThrow(() -> new Refusal("No merge commit 'Merge pull request #" + pr.number() + "' nor squash commit '(#"
                        + pr.number() + ")' of " + pr.label() + " is on " + pr.repo().name() + "'s default branch (a rebase-merged"
                        + " pull request can only be found through GitHub: set GITHUB_TOKEN)."));
        Map<Sha, BackportCheck.Containment> found = backports.check(pr.repo(), release.branch(), merged.commits());
        List<Sha> missing = merged.commits().stream().filter(c -> !found.getOrDefault(c, BackportCheck.Containment.MISSING).present())
                .toList();
        if (missing.isEmpty()) {
            return Reply.text(pr.label() + " is on " + release.branch() + " already (" + how(found.get(merged.commits().get(0)))
                    + "): nothing to pick.");
        }
        MergedPullRequest picking = merged.picking(missing);
        GitRefName branch = BackportRecipe.branch(release.name(), pr);
        CherryPicker.Pick pick;
        try {
            pick = picker.pick(pr.repo(), release.branch(), branch, picking);
        } catch (Unavailable e) {
            record(call, release, pr, branch, Outcome.FAILED, null, List.of(), e.getMessage());
            return Reply.error("The backport of " + pr.label() + " failed: " + e.getMessage() + " Nothing was pushed.", null);
        }
        if (pick instanceof CherryPicker.BranchExists) {
            String open = BackportRecipe.compareUrl(pr.repo(), release.branch(), branch).map(u -> " (" + u + ")").orElse("");
            return Reply.error(pr.repo().name() + " has a branch " + branch + " already: a backport of " + pr.label()
                    + " may be under way" + open + ". Delete that branch to have it picked again.", null);
        }
        if (pick instanceof CherryPicker.Conflict conflict) {
            return conflict(call, release, picking, branch, conflict);
        }
        return opened(call, release, picking, merged.commits().size() - missing.size(), (CherryPicker.Picked) pick);
    }

    /** An earlier attempt's pull request that is still open, said instead of picking again. */
    private Optional<Reply> stillOpen(BackportAttempt earlier) {
        Optional<Integer> number = earlier.openedNumber();
        if (number.isEmpty()) {
            return Optional.empty();
        }
        if (pulls.serves(earlier.repo()) && !pulls.isOpen(earlier.repo(), number.get())) {
            return Optional.empty(); // closed (merged or not): a new attempt may pick again
        }
        LocalDate day = LocalDate.ofInstant(earlier.at(), ZoneOffset.UTC);
        return Optional.of(Reply.text("A backport pull request for " + earlier.repo().name() + "#" + earlier.pr() + " is open already: "
                + earlier.url(), "Opened by " + earlier.by().value() + " on " + day + "; nothing was picked again."));
    }

    private Reply opened(Call call, Release release, MergedPullRequest pr, int alreadyThere, CherryPicker.Picked picked) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < pr.commits().size(); i++) {
            lines.add(pr.commits().get(i).shortId() + " → " + picked.commits().get(i).shortId());
        }
        if (alreadyThere > 0) {
            lines.add(alreadyThere + " of its commits were on " + release.branch() + " already and were not picked again.");
        }
        String compare = BackportRecipe.compareUrl(pr.ref().repo(), release.branch(), picked.branch()).orElse(null);
        if (!pulls.serves(pr.ref().repo())) {
            record(call, release, pr.ref(), picked.branch(), Outcome.PUSHED, compare, List.of(),
                    "no GitHub token: the pull request is for a person to open");
            return Reply.builder("Pushed " + picked.branch() + " with " + pr.ref().label() + " picked onto " + release.branch())
                    .section("picked", lines)
                    .line("", compare == null ? "Open a pull request from " + picked.branch() + " into " + release.branch() + "."
                            : "Open the pull request: " + compare)
                    .build();
        }
        PullRequests.Opened opened;
        try {
            opened = pulls.open(pr.ref().repo(), release.branch(), picked.branch(), BackportRecipe.title(release.name(), pr),
                    BackportRecipe.body(release, pr, picked.commits()), pr.labels());
        } catch (Unavailable e) {
            record(call, release, pr.ref(), picked.branch(), Outcome.FAILED, compare, List.of(),
                    "pushed, but no pull request: " + e.getMessage());
            return Reply.error("Pushed " + picked.branch() + ", but GitHub did not open the pull request: " + e.getMessage()
                    + (compare == null ? "" : " Open it by hand: " + compare), null);
        }
        record(call, release, pr.ref(), picked.branch(), Outcome.PR_OPENED, opened.url(), List.of(), null);
        return Reply.builder("Opened " + opened.url() + ": " + pr.ref().label() + " picked onto " + release.branch())
                .section("picked", lines).build();
    }

    private Reply conflict(Call call, Release release, MergedPullRequest pr, GitRefName branch, CherryPicker.Conflict conflict) {
        Reply report = Reply.builder("The backport of " + pr.ref().label() + " to " + release.branch() + " conflicts")
                .line("", "Picking " + conflict.commit().shortId() + " conflicts in " + String.join(", ", conflict.files())
                        + ". Nothing was pushed and no pull request opened.")
                .line("", "Pull request: " + (pr.url() != null ? pr.url() : pr.ref().label()) + " \"" + pr.title() + "\""
                        + (pr.author() == null ? "" : " by @" + pr.author() + " on GitHub"))
                .section("to do it by hand", BackportRecipe.byHand(release, pr))
                .build();
        Outbox outbox = new Outbox();
        store.write(tx -> {
            BackportAttempt attempt = attempt(call, release, pr.ref(), branch, Outcome.CONFLICT, null, conflict.files(), null);
            tx.backportAttempts().record(attempt);
            call.audit(tx, release.name(), "backport.conflict", pr.ref().label() + " conflicts in " + String.join(", ", conflict.files()));
            PostKey key = new PostKey(release.name(), PostKey.Kind.BACKPORT_CONFLICT, pr.ref().label() + "@" + call.now().toEpochMilli());
            outbox.post(release.channel(), report, key);
            for (MemberId triage : Rights.holders(tx, release.name(), RoleName.TRIAGE)) {
                if (!triage.equals(call.actor())) {
                    outbox.tell(triage, report, key);
                }
            }
            return null;
        });
        delivery.send(outbox);
        return report;
    }

    private void record(Call call, Release release, PullRequestRef pr, GitRefName branch, Outcome outcome, String url,
                        List<String> files, String detail) {
        store.write(tx -> {
            tx.backportAttempts().record(attempt(call, release, pr, branch, outcome, url, files, detail));
            call.audit(tx, release.name(), "backport." + outcome.stored, pr.label() + " on " + branch
                    + (url == null ? "" : ": " + url) + (detail == null ? "" : " (" + detail + ")"));
            return null;
        });
    }

    private static BackportAttempt attempt(Call call, Release release, PullRequestRef pr, GitRefName branch, Outcome outcome,
                                           String url, List<String> files, String detail) {
        return new BackportAttempt(release.name(), pr.repo(), pr.number(), outcome, branch, url, files, detail, call.actor(), call.now());
    }

    private static String how(BackportCheck.Containment containment) {
        return switch (containment) {
            case ON_BRANCH -> "merged into it";
            case CHERRY_PICKED -> "cherry-picked with -x";
            case PATCH_EQUIVALENT -> "the same patch";
            default -> "found";
        };
    }
}
