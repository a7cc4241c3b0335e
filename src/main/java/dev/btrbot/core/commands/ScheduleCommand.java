package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseSchedule;
import dev.btrbot.domain.Text;
import java.util.Map;

/** When a release's daily summary is posted: anyone may look, managers change it. */
public final class ScheduleCommand implements Command {
    private final Store store;

    public ScheduleCommand(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("schedule").arg("release").choice("verb", "set|show").optionalArg("key").optionalArg("value");
    }

    /** Only {@code set} changes anything. */
    @Override
    public boolean changesState(Args args) {
        return "set".equalsIgnoreCase(args.get("verb"));
    }

    @Override
    public String help() {
        return "Shows or changes when the daily summary is posted (keys: " + String.join(", ", ReleaseSchedule.keyOrder()) + ").";
    }

    @Override
    public Reply run(Call call, Args args) {
        String verb = args.get("verb");
        if (verb.equals("show")) {
            return store.read(tx -> {
                Release release = tx.releases().named(args.get("release"));
                return show(release, tx.schedules().of(release.name()));
            });
        }
        if (!verb.equals("set")) {
            throw new Refusal("'" + Text.clip(verb) + "' is not set or show.");
        }
        String key = args.word("key").orElseThrow(() -> new Refusal("Missing the schedule setting ("
                + String.join(", ", ReleaseSchedule.keyOrder()) + ")."));
        String value = args.word("value").orElseThrow(() -> new Refusal("Missing the value for " + Text.clip(key) + "."));
        return store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            ReleaseSchedule before = tx.schedules().of(release.name());
            ReleaseSchedule next = before.with(key, value);
            call.rights().requireManager(tx, release.name(), call.actor(), "change the schedule");
            tx.schedules().set(release.name(), next);
            String k = key.toLowerCase(java.util.Locale.ROOT);
            call.audit(tx, release.name(), "schedule.set", k + ": " + before.asSettings().get(k) + " → " + next.asSettings().get(k));
            return show(release, next);
        });
    }

    private static Reply show(Release release, ReleaseSchedule schedule) {
        return Reply.builder("Schedule of " + release.name()).section("", schedule.asSettings().entrySet().stream()
                .map((Map.Entry<String, String> e) -> e.getKey() + " = " + e.getValue() + " — " + ReleaseSchedule.KEYS.get(e.getKey()))
                .toList()).build();
    }
}
