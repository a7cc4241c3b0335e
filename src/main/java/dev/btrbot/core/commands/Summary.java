package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.BotSettings;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.DailySummary;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseSchedule;
import java.time.Duration;

/** Posts the {@link DailySummary} to the release's channel now, on anyone's request. */
public final class Summary implements Command {
    private final Store store;
    private final Readiness readiness;
    private final Chat chat;
    private final BotSettings settings;

    /** @param triageSla how long a blocker may stay untriaged (the summary calls out the overdue ones) */
    public Summary(Store store, Readiness readiness, Chat chat, BotSettings settings) {
        this.store = store;
        this.readiness = readiness;
        this.chat = chat;
        this.settings = settings;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("summary").arg("release");
    }

    @Override
    public String help() {
        return "Posts the release's summary (blockers, candidate, sign-offs, roles, gate) to its channel now.";
    }

    /** Anyone may ask: it shows only what status shows everyone; the post is on the record. */
    @Override
    public Reply run(Call call, Args args) {
        ReleaseName name = new ReleaseName(args.get("release"));
        ReleaseSchedule schedule = store.read(tx -> {
            tx.releases().named(name.value());
            return tx.schedules().of(name);
        });
        Assessment a = readiness.assess(name, call.actor(), null);
        Reply summary = DailySummary.compose(a, schedule, settings.triageSla(), call.now(), settings.releasePage(name).orElse(null));
        try {
            chat.post(a.release().channel(), summary);
        } catch (Chat.Undelivered e) {
            throw new Refusal("The summary could not be posted to " + where(a.release()) + " (" + e.getMessage() + "); try again later.");
        }
        store.write(tx -> {
            call.audit(tx, name, "summary.post", "on request, to " + where(a.release()));
            return null;
        });
        return Reply.text("Posted the summary of " + name + " to " + where(a.release()) + ".");
    }

    static String where(Release release) {
        return release.channel() == null ? "the default channel" : release.channel();
    }
}
