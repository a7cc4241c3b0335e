package dev.btrbot.bench;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.adapter.store.Database;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Invocation;
import dev.btrbot.wiring.Wiring;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.Sha;
import dev.btrbot.testing.FakeGit;
import dev.btrbot.testing.MutableClock;
import dev.btrbot.testing.RecordingChat;
import dev.btrbot.testing.RecordingTagger;
import dev.btrbot.testing.TestBot;
import dev.btrbot.testing.TestPostgres;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The same commands on a SQLite file and on PostgreSQL (a local server, loopback), side by side: `status`
 * at 2,000 blockers and 20 sign-offs, a sign-off (one write transaction), and 8 threads signing off at once.
 * Prints median and 95th percentile. Run with bench/store.sh.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String sqlite = Files.createTempDirectory("btr-bench-").resolve("btr.db").toString();
        String postgres = TestPostgres.freshDatabase() + "?user=" + TestPostgres.USER;
        System.out.printf("%-11s %-34s %10s %10s%n", "database", "command", "median ms", "p95 ms");
        for (String location : List.of(sqlite, postgres)) {
            try (Database db = Database.open(location, null)) {
                String name = location.startsWith("jdbc:") ? "PostgreSQL" : "SQLite";
                Bot bot = bot(db.store());
                seed(bot, db.store(), 2000);
                time(name, "status koa.2 (2,000 blockers)", runs, i -> exec(bot, "status koa.2"));
                time(name, "status koa.2 --json", runs, i -> exec(bot, "status koa.2 --json"));
                time(name, "signoff (one write)", runs, i -> exec(bot, "@w" + i + ": signoff koa.2 pass --env e" + i));
                time(name, "signoff, 8 threads at once (each)", runs, i -> parallel(bot, i));
            }
        }
    }

    interface Run {
        void run(int i) throws Exception;
    }

    private static void time(String db, String what, int runs, Run run) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs + 5; i++) {
            long t0 = System.nanoTime();
            run.run(i);
            if (i >= 5) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Collections.sort(ms);
        System.out.printf("%-11s %-34s %10.1f %10.1f%n", db, what, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1));
    }

    private static void parallel(Bot bot, int round) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int n = t;
            Thread thread = new Thread(() -> exec(bot, "@p" + round + "x" + n + ": signoff koa.2 pass"));
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String exec(Bot bot, String line) {
        String who = line.startsWith("@") ? line.substring(1, line.indexOf(':')) : "ned";
        String text = line.startsWith("@") ? line.substring(line.indexOf(':') + 1).strip() : line;
        return TextRenderer.render(bot.handle(new Invocation(new MemberId(who), text)));
    }

    private static Bot bot(Store store) {
        FakeGit git = new FakeGit();
        git.head("openedx/configuration", TestBot.sha('a'));
        git.head("openedx/edx-platform", TestBot.sha('b'));
        git.backport("f".repeat(40), dev.btrbot.core.port.BackportCheck.Containment.MISSING);
        return Wiring.builder().store(store).clock(new MutableClock(Instant.parse("2021-02-01T09:00:00Z"))).candidates(git)
                .backports(git).tagger(new RecordingTagger()).chat(new RecordingChat()).settings(TestBot.settings())
                .processId("bench:1").build().bot();
    }

    private static void seed(Bot bot, Store store, int blockers) {
        exec(bot, "release create koa.2 --branch open-release/koa.master --repos openedx/configuration,openedx/edx-platform");
        ReleaseName koa = new ReleaseName("koa.2");
        Instant at = Instant.parse("2021-02-01T09:00:00Z");
        store.write(tx -> {
            for (int i = 1; i <= blockers; i++) {
                Blocker b = tx.blockers().add(koa, "https://github.com/openedx/configuration/issues/" + i, "issue " + i, null, null,
                        Blocker.Origin.MANUAL, at);
                if (i % 10 == 0) {
                    tx.blockers().setOpen(koa, b.number(), false, at);
                }
            }
            return null;
        });
        for (int i = 0; i < 20; i++) {
            exec(bot, "@tester" + i + ": signoff koa.2 " + (i % 7 == 0 ? "fail" : "pass") + " run " + i);
        }
        exec(bot, "blocker fix koa.2 10 configuration " + new Sha("f".repeat(40)));
    }
}
