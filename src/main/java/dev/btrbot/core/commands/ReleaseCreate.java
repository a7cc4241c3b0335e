package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.Rotator;
import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.QuorumPolicy;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.TagTemplate;
import dev.btrbot.domain.Text;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Admins create releases: the branch and repositories define what a candidate is. */
public final class ReleaseCreate implements Command {
    private final Store store;
    private final Chat chat;
    private final Delivery delivery;
    private final CandidateSource candidates;
    private final Rotator rotator;
    private final boolean rotateOnCreate;
    private final dev.btrbot.core.Checklists checklists;

    /**
     * @param chat           says which channels a platform reaches, and sends the role offers
     * @param candidates     reads the branch heads, to warn about a repository or branch that cannot be read
     * @param rotateOnCreate creating a release also offers its roles, as {@code rotate} does ({@code BTR_ROTATE_ON_CREATE})
     * @param checklists     gives the new release its checklist from the template
     */
    public ReleaseCreate(Store store, Chat chat, Delivery delivery, CandidateSource candidates, Rotator rotator,
                         boolean rotateOnCreate, dev.btrbot.core.Checklists checklists) {
        this.checklists = checklists;
        this.store = store;
        this.chat = chat;
        this.delivery = delivery;
        this.candidates = candidates;
        this.rotator = rotator;
        this.rotateOnCreate = rotateOnCreate;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("release create").arg("name").requiredOption("--branch", "B").option("--repos", "URL,URL|org/name,…")
                .option("--milestone", "M").option("--label", "L").option("--target", "YYYY-MM-DD").option("--channel", "C")
                .option("--tag-template", "T").option("--rc-template", "T").option("--checks", "NAME,NAME");
    }

    @Override
    public String help() {
        return "Creates a release: its branch, repositories, blocker milestone/label, target date, tag template and required CI checks.";
    }

    @Override
    public Reply run(Call call, Args args) {
        ReleaseName name = new ReleaseName(args.get("name"));
        GitRefName branch = new GitRefName(args.option("--branch").orElseThrow());
        List<RepoRef> repos = args.option("--repos").map(ReleaseCreate::repos).orElse(List.of());
        LocalDate target = args.option("--target").map(Dates::parse).orElse(null);
        String milestone = args.option("--milestone").map(m -> plain("milestone", m)).orElse(null);
        String label = args.option("--label").map(l -> plain("label", l)).orElse(null);
        String channel = args.option("--channel").map(c -> plain("channel", c)).orElse(null);
        if (channel != null && !chat.reaches(channel)) {
            throw new Refusal("No configured chat platform reaches '" + Text.clip(channel) + "': give a Slack channel id (C0123ABCD)"
                    + " or a Matrix room (!id:server or #alias:server).");
        }
        TagTemplate tag = args.option("--tag-template").map(TagTemplate::new).orElse(TagTemplate.DEFAULT_TAG);
        TagTemplate rc = args.option("--rc-template").map(TagTemplate::new).orElse(TagTemplate.DEFAULT_RC);
        QuorumPolicy policy = args.option("--checks").map(c -> QuorumPolicy.DEFAULT.with("required-checks", c)).orElse(QuorumPolicy.DEFAULT);
        Release release = new Release(name, branch, repos, milestone, label, target, channel, tag, rc, ReleaseState.PLANNING,
                policy, call.now());
        release.finalTag();
        release.rcTag(1);
        List<String> warnings = BranchCheck.warnings(candidates, repos, branch);
        Outbox outbox = new Outbox();
        List<String> rotation = store.write(tx -> {
            call.rights().requireAdmin(call.actor(), "create a release");
            tx.releases().insert(release);
            call.audit(tx, name, "release.create", "branch " + branch + ", repos " + repos.size()
                    + (repos.isEmpty() ? "" : " (" + String.join(", ", repos.stream().map(RepoRef::shown).toList()) + ")")
                    + ", tag " + release.finalTag()
                    + (milestone == null ? "" : ", milestone " + milestone) + (label == null ? "" : ", label " + label)
                    + (policy.requiredChecks().isEmpty() ? "" : ", required checks " + String.join(",", policy.requiredChecks())));
            checklists.ensure(tx, release, call.actor(), call.now());
            // BTR_ROTATE_ON_CREATE: the roles are offered in the same transaction as the release
            return rotateOnCreate ? rotator.rotateAll(tx, call, release, outbox) : List.<String>of();
        });
        delivery.send(outbox);
        List<String> lines = new java.util.ArrayList<>(List.of("branch " + branch + ", " + Text.plural(repos.size(), "repository", "repositories")
                + ", final tag " + release.finalTag() + ", release candidates " + release.rcTag(1) + ", " + release.rcTag(2) + ", …"));
        if (!warnings.isEmpty()) {
            lines.addAll(warnings);
            lines.add("Created all the same; 'release edit " + name + " --repos …' or '--branch …' mends a mistake.");
        }
        int items = checklists.template().entries().size();
        if (items > 0) {
            lines.add("Checklist: " + Text.plural(items, "item", "items") + " ('checklist " + name + "' shows them).");
        }
        lines.add(rotation.isEmpty() ? "Next: pool <role> add <member>, then rotate " + name + "." : "Roles offered:");
        Reply.Builder reply = Reply.builder("Created " + name).section("", lines);
        return rotation.isEmpty() ? reply.build() : reply.section("roles", rotation).build();
    }

    static List<RepoRef> repos(String list) {
        List<RepoRef> repos = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(RepoRef::given)
                .distinct().toList();
        if (repos.isEmpty()) {
            throw new Refusal("--repos needs at least one repository.");
        }
        if (repos.stream().map(RepoRef::name).distinct().count() != repos.size()) {
            throw new Refusal("Two repositories share a name; each repository's last path segment must differ.");
        }
        return repos;
    }

    static String plain(String what, String value) {
        if (value.isBlank() || value.length() > 100 || value.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal("'" + Text.clip(value) + "' is not a usable " + what + ".");
        }
        return value;
    }
}
