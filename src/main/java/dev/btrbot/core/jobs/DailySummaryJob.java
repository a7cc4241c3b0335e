package dev.btrbot.core.jobs;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.PostKey;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Reply;
import dev.btrbot.core.BotSettings;
import dev.btrbot.core.DailySummary;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseSchedule;
import dev.btrbot.domain.SummarySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Each active release's daily summary, posted to its channel once per local day at the hour its schedule says. */
public final class DailySummaryJob {
    private final Store store;
    private final Delivery delivery;
    private final Readiness readiness;
    private final BotSettings settings;

    public DailySummaryJob(Store store, Delivery delivery, Readiness readiness, BotSettings settings) {
        this.store = store;
        this.delivery = delivery;
        this.readiness = readiness;
        this.settings = settings;
    }

    void run(Release release, Instant now, List<String> sent) {
        ReleaseName name = release.name();
        ReleaseSchedule schedule = store.read(tx -> tx.schedules().of(name));
        Optional<SummarySchedule.Slot> due = SummarySchedule.slotFor(schedule, now);
        if (due.isEmpty()) {
            return;
        }
        SummarySchedule.Slot slot = due.get();
        PostKey key = new PostKey(name, PostKey.Kind.SUMMARY, slot.key());
        if (store.read(tx -> Delivery.claimed(tx, key))) {
            return;
        }
        Assessment a = readiness.assess(name, Recovery.BOT, null);
        Reply summary = DailySummary.compose(a, schedule, settings.triageSla(), now,
                settings.releasePage(release.name()).orElse(null));
        Outbox outbox = new Outbox();
        store.write(tx -> {
            if (delivery.claim(tx, key, now)) {
                tx.audit().record(now, Recovery.BOT, name, "summary.post", "daily summary for " + slot.day() + " (due " + slot.due()
                        + ") to " + (release.channel() == null ? "the default channel" : release.channel()));
                outbox.post(release.channel(), summary, key);
            }
            return null;
        });
        Scheduler.report(delivery.send(outbox), sent);
    }
}
