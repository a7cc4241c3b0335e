package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.BlockerUrl;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import java.time.LocalDate;

/**
 * Anyone may add a blocker, e.g. a forum report; without a priority it is
 * untriaged and blocks until triaged. The reported day (which the triage SLA
 * counts from) cannot be after today.
 */
public final class BlockerAdd implements Command {
    private final Store store;

    public BlockerAdd(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("blocker add").arg("release").arg("url").option("--priority", "P").option("--title", "T")
                .option("--reported", "YYYY-MM-DD");
    }

    @Override
    public String help() {
        return "Adds a blocker by hand (an issue, a forum thread); without --priority it is untriaged.";
    }

    @Override
    public Reply run(Call call, Args args) {
        String url = BlockerUrl.validate(args.get("url"));
        Priority priority = args.option("--priority").map(Priority::parse).orElse(null);
        String title = args.option("--title").map(String::strip).orElse(BlockerUrl.titleFrom(url));
        if (title.isEmpty() || title.length() > 200) {
            throw new Refusal("A blocker's title has 1 to 200 characters.");
        }
        LocalDate reported = args.option("--reported").map(Dates::parse).orElse(null);
        LocalDate today = LocalDate.ofInstant(call.now(), java.time.ZoneOffset.UTC);
        if (reported != null && reported.isAfter(today)) {
            throw new Refusal("--reported " + reported + " is after today (" + today + "): give the day the problem was reported.");
        }
        Blocker added = store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            Blocker b = tx.blockers().add(release.name(), url, title, priority, reported, Blocker.Origin.MANUAL, call.now());
            call.audit(tx, release.name(), "blocker.add", "#" + b.number() + " " + b.priorityLabel() + " " + url + " — " + title);
            return b;
        });
        return Reply.text("Blocker #" + added.number() + " added to " + added.release() + " (" + added.priorityLabel() + ")",
                added.title() + " — " + added.url());
    }
}
