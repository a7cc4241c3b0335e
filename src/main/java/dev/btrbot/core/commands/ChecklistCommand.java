package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Checklists;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Checklist;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import java.util.ArrayList;
import java.util.List;

/** Anyone may read a release's checklist: what is ticked, by whom, and who owns what is still open. */
public final class ChecklistCommand implements Command {
    private final Store store;
    private final Checklists checklists;

    public ChecklistCommand(Store store, Checklists checklists) {
        this.store = store;
        this.checklists = checklists;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("checklist").arg("release");
    }

    @Override
    public String help() {
        return "Shows the release's runbook checklist: each item ticked (by whom, when, with a note) or open (its role and holder).";
    }

    /** Reads; a release from before checklists is given its checklist here, which is not the member's change. */
    @Override
    public boolean changesState(Args args) {
        return false;
    }

    @Override
    public Reply run(Call call, Args args) {
        return store.write(tx -> {
            Release release = tx.releases().named(args.get("release"));
            checklists.ensure(tx, release, call.actor(), call.now());
            return render(release, checklists.of(tx, release));
        });
    }

    static Reply render(Release release, Checklist checklist) {
        List<String> lines = new ArrayList<>(Checklists.lines(checklist, MemberId::value, true));
        if (checklist.items().isEmpty()) {
            lines.add(release.name() + " has no checklist items.");
        }
        long checked = checklist.items().size() - checklist.open().size();
        List<String> how = new ArrayList<>();
        if (!checklist.open().isEmpty()) {
            how.add("check " + release.name() + " <item> [note] ticks one (by number or id; its role's holder or a release manager).");
        }
        if (checked > 0 && release.state().isActive()) {
            how.add("uncheck " + release.name() + " <item> opens one again, until the tag.");
        }
        if (!release.policy().checklistBlocks()) {
            how.add("The gate does not wait for it (policy checklist-blocks is false).");
        }
        Reply.Builder b = Reply.builder(release.name() + " checklist — " + checked + " of " + checklist.items().size() + " checked")
                .section("", lines);
        return how.isEmpty() ? b.build() : b.section("", how).build();
    }
}
