package dev.btrbot.adapter.web;

import dev.btrbot.core.Dashboard;
import dev.btrbot.core.port.MemberNames;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long the dashboard takes to answer, measured at the client over
 * loopback against the real Jetty (so it includes the server's whole work:
 * the store reads, the gate, the burndown rebuilt from the record, the
 * HTML), for a release 60 days old with 10, 500 and 2,000 blockers and as
 * many audit events. Prints median and 95th percentile. Then the same work
 * in-process, without HTTP: the release page's data and HTML, in wall-clock
 * and in the thread's CPU time (which other processes on a busy machine do
 * not inflate). Run with bench/dashboard.sh.
 */
public final class DashboardBenchmark {
    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        HttpClient http = HttpClient.newHttpClient();
        System.out.printf("%-9s %-28s %10s %10s %10s%n", "blockers", "page", "median ms", "p95 ms", "KB");
        for (int blockers : new int[] {10, 500, 2000}) {
            Path dir = Files.createTempDirectory("btr-bench-");
            TestBot bot = TestBot.builder(dir).build().withKoa2();
            bot.expectOk("status koa.2");
            seed(bot, blockers);
            bot.clock.advance(Duration.ofDays(60));
            inProcess(bot, blockers, runs);
            try (WebServer web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard())) {
                web.start();
                for (String page : List.of("/releases/koa.2", "/releases/koa.2?page=20", "/releases/koa.2?format=json", "/")) {
                    URI uri = URI.create("http://127.0.0.1:" + web.port() + page);
                    List<Double> ms = new ArrayList<>();
                    int size = 0;
                    for (int i = 0; i < runs + 5; i++) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(page + " answered " + r.statusCode());
                        }
                        size = r.body().length();
                        if (i >= 5) {
                            ms.add((System.nanoTime() - t0) / 1e6);
                        }
                    }
                    Collections.sort(ms);
                    System.out.printf("%-9d %-28s %10.1f %10.1f %10d%n", blockers, page, ms.get(ms.size() / 2),
                            ms.get((int) Math.ceil(ms.size() * 0.95) - 1), size / 1024);
                }
            }
        }
    }

    /** The release page's data and HTML without HTTP: wall-clock and CPU time of this thread. */
    private static void inProcess(TestBot bot, int blockers, int runs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Dashboard dashboard = bot.wiring.dashboard();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < runs + 5; i++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            ReleasePageHtml.render(dashboard.release("koa.2", 1).orElseThrow());
            if (i >= 5) {
                cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
                wall.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Collections.sort(wall);
        Collections.sort(cpu);
        System.out.printf("%-9d %-28s %10.1f %10.1f   (CPU median %.1f, p95 %.1f)%n", blockers, "render in-process", wall.get(wall.size() / 2),
                wall.get((int) Math.ceil(wall.size() * 0.95) - 1), cpu.get(cpu.size() / 2), cpu.get((int) Math.ceil(cpu.size() * 0.95) - 1));
    }

    /** Blockers added over 60 days, a tenth of them resolved later, one audit event for each. */
    private static void seed(TestBot bot, int blockers) {
        ReleaseName koa = new ReleaseName("koa.2");
        Instant start = bot.clock.instant();
        MemberId ned = new MemberId("ned");
        bot.store.write(tx -> {
            for (int i = 1; i <= blockers; i++) {
                Instant at = start.plusSeconds((long) i * 60 * 24 * 60 * 60 / blockers);
                Priority p = i % 4 == 0 ? null : Priority.values()[i % Priority.values().length];
                Blocker b = tx.blockers().add(koa, "https://github.com/openedx/configuration/issues/" + i, "issue <" + i + ">", p, null,
                        Blocker.Origin.MANUAL, at);
                tx.audit().record(at, ned, koa, "blocker.add", "#" + b.number() + " " + b.priorityLabel() + " " + b.url());
                if (i % 10 == 0) {
                    tx.blockers().setOpen(koa, b.number(), false, at.plusSeconds(86_400));
                    tx.audit().record(at.plusSeconds(86_400), ned, koa, "blocker.resolve", "#" + b.number() + " " + b.url());
                }
            }
            return null;
        });
    }
}
