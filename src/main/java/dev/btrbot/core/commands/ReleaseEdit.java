package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.TagTemplate;
import dev.btrbot.domain.Text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Managers mend a release's definition until it is tagged. Changing the branch or the repositories
 * changes the candidate, so sign-offs on the old one stop counting as any branch move does; the tag
 * templates are fixed once a release candidate was pushed, so testers' rc names keep meaning one thing.
 */
public final class ReleaseEdit implements Command {
    private final Store store;
    private final Chat chat;
    private final CandidateSource candidates;

    public ReleaseEdit(Store store, Chat chat, CandidateSource candidates) {
        this.store = store;
        this.chat = chat;
        this.candidates = candidates;
    }

    private static final String CLEAR = "none";

    @Override
    public Syntax syntax() {
        return Syntax.of("release edit").arg("name").option("--branch", "B").option("--repos", "URL,…").option("--add-repo", "R")
                .option("--remove-repo", "R").option("--milestone", "M|none").option("--label", "L|none")
                .option("--target", "YYYY-MM-DD|none").option("--channel", "C|none").option("--tag-template", "T")
                .option("--rc-template", "T");
    }

    @Override
    public String help() {
        return "Changes a release's branch, repositories, milestone, label, target, channel or tag templates until it is tagged"
                + " (managers); 'none' clears an optional value.";
    }

    @Override
    public Reply run(Call call, Args args) {
        Release before = store.read(tx -> {
            Release r = tx.releases().open(args.get("name"));
            call.rights().requireManager(tx, r.name(), call.actor(), "edit the release");
            return r;
        });
        Release after = edited(before, args, call);
        List<String> changes = changes(before, after);
        if (changes.isEmpty()) {
            throw new Refusal("Nothing to change: name at least one of --branch, --repos, --add-repo, --remove-repo, --milestone,"
                    + " --label, --target, --channel, --tag-template, --rc-template with a new value.");
        }
        boolean newCandidate = !before.branch().equals(after.branch()) || !before.repos().equals(after.repos());
        List<String> warnings = newCandidate ? BranchCheck.warnings(candidates, after.repos(), after.branch()) : List.of();
        store.write(tx -> {
            Release current = tx.releases().open(args.get("name"));
            call.rights().requireManager(tx, current.name(), call.actor(), "edit the release");
            if (!current.equals(before)) {
                throw new Refusal(current.name() + " changed while this edit was prepared; run it again.");
            }
            boolean rcPushed = tx.tagRuns().forRelease(current.name()).stream().anyMatch(t -> t.kind() == dev.btrbot.domain.TagRun.Kind.RC);
            if (rcPushed && (!before.tagTemplate().equals(after.tagTemplate()) || !before.rcTemplate().equals(after.rcTemplate()))) {
                throw new Refusal("Release candidates of " + current.name() + " were pushed with the current tag templates; they stay.");
            }
            tx.releases().update(after);
            call.audit(tx, current.name(), "release.edit", String.join("; ", changes));
            return null;
        });
        List<String> lines = new ArrayList<>(changes);
        if (newCandidate) {
            lines.add("The candidate is read from the new branch heads: sign-offs on the old candidate no longer count.");
        }
        lines.addAll(warnings);
        return Reply.builder("Changed " + after.name()).section("", lines).build();
    }

    private Release edited(Release r, Args args, Call call) {
        GitRefName branch = args.option("--branch").map(GitRefName::new).orElse(r.branch());
        List<RepoRef> repos = new ArrayList<>(args.option("--repos").map(ReleaseCreate::repos).orElse(r.repos()));
        args.option("--add-repo").map(RepoRef::new).ifPresent(add -> {
            if (repos.stream().anyMatch(x -> x.name().equals(add.name()))) {
                throw new Refusal(r.name() + " has a repository named " + add.name() + " already.");
            }
            repos.add(add);
        });
        args.option("--remove-repo").ifPresent(remove -> repos.remove(repos.stream()
                .filter(x -> x.url().equals(remove) || x.name().equals(remove)).findFirst()
                .orElseThrow(() -> new Refusal("'" + Text.clip(remove) + "' is not a repository of " + r.name() + " ("
                        + String.join(", ", repos.stream().map(RepoRef::name).toList()) + ")."))));
        String milestone = optional(args, "--milestone", r.milestone(), v -> ReleaseCreate.plain("milestone", v));
        String label = optional(args, "--label", r.label(), v -> ReleaseCreate.plain("label", v));
        LocalDate target = args.option("--target").isEmpty() ? r.target()
                : CLEAR.equals(args.option("--target").get()) ? null : Dates.parse(args.option("--target").get());
        String channel = optional(args, "--channel", r.channel(), v -> {
            String c = ReleaseCreate.plain("channel", v);
            if (!chat.reaches(c)) {
                throw new Refusal("No configured chat platform reaches '" + Text.clip(c) + "'.");
            }
            return c;
        });
        TagTemplate tag = args.option("--tag-template").map(TagTemplate::new).orElse(r.tagTemplate());
        TagTemplate rc = args.option("--rc-template").map(TagTemplate::new).orElse(r.rcTemplate());
        Release next = new Release(r.name(), branch, repos, milestone, label, target, channel, tag, rc, r.state(), r.policy(), r.createdAt());
        next.finalTag();
        next.rcTag(1);
        return next;
    }

    private static String optional(Args args, String option, String current, java.util.function.UnaryOperator<String> check) {
        java.util.Optional<String> given = args.option(option);
        if (given.isEmpty()) {
            return current;
        }
        return CLEAR.equals(given.get()) ? null : check.apply(given.get());
    }

    private static List<String> changes(Release a, Release b) {
        List<String> changes = new ArrayList<>();
        change(changes, "branch", a.branch(), b.branch());
        change(changes, "repos", String.join(", ", a.repos().stream().map(RepoRef::url).toList()),
                String.join(", ", b.repos().stream().map(RepoRef::url).toList()));
        change(changes, "milestone", a.milestone(), b.milestone());
        change(changes, "label", a.label(), b.label());
        change(changes, "target", a.target(), b.target());
        change(changes, "channel", a.channel(), b.channel());
        change(changes, "tag template", a.tagTemplate().pattern(), b.tagTemplate().pattern());
        change(changes, "rc template", a.rcTemplate().pattern(), b.rcTemplate().pattern());
        return changes;
    }

    private static void change(List<String> changes, String what, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + ": " + (before == null ? "none" : before) + " → " + (after == null ? "none" : after));
        }
    }
}
