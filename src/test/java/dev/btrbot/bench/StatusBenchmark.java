package dev.btrbot.bench;

import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.Sha;
import dev.btrbot.testing.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long `status`, `status --json` and the gate behind `tag` take for a
 * release with many blockers and sign-offs, on a real SQLite file (branch
 * heads from memory, so git's own time is not counted). Prints median and
 * 95th percentile per size. Run with bench/status.sh.
 */
public final class StatusBenchmark {
    private StatusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        System.out.printf("%-9s %-7s %-22s %10s %10s%n", "blockers", "signoffs", "command", "median ms", "p95 ms");
        for (int blockers : new int[] {10, 500, 2000}) {
            Path dir = Files.createTempDirectory("btr-bench-");
            TestBot bot = TestBot.builder(dir).build().withKoa2();
            seed(bot, blockers);
            for (String command : List.of("status koa.2", "status koa.2 --json", "@adolfo: tag koa.2", "blockers koa.2")) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < runs + 5; i++) {
                    long t0 = System.nanoTime();
                    bot.exec(command);
                    if (i >= 5) {
                        ms.add((System.nanoTime() - t0) / 1e6);
                    }
                }
                Collections.sort(ms);
                System.out.printf("%-9d %-7d %-22s %10.1f %10.1f%n", blockers, 20, command, ms.get(ms.size() / 2),
                        ms.get((int) Math.ceil(ms.size() * 0.95) - 1));
            }
        }
    }

    private static void seed(TestBot bot, int blockers) {
        ReleaseName koa = new ReleaseName("koa.2");
        Instant at = Instant.parse("2021-02-01T09:00:00Z");
        bot.store.write(tx -> {
            for (int i = 1; i <= blockers; i++) {
                Priority p = i % 4 == 0 ? null : Priority.values()[i % Priority.values().length];
                Blocker b = tx.blockers().add(koa, "https://github.com/openedx/configuration/issues/" + i, "issue " + i, p, null,
                        Blocker.Origin.MANUAL, at);
                if (i % 10 == 0) {
                    tx.blockers().setOpen(koa, b.number(), false, at);
                }
            }
            return null;
        });
        for (int i = 0; i < 20; i++) {
            bot.expectOk("@tester" + i + ": signoff koa.2 " + (i % 7 == 0 ? "fail" : "pass") + " --env \"Ubuntu 20.04\" run " + i);
        }
        bot.git.backport("f".repeat(40), dev.btrbot.core.port.BackportCheck.Containment.MISSING);
        bot.expectOk("blocker fix koa.2 10 configuration " + new Sha("f".repeat(40)));
    }
}
