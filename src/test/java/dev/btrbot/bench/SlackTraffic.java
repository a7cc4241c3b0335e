package dev.btrbot.bench;

import dev.btrbot.adapter.slack.SlackForBench;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signed {@code /btr} commands sent to replicas as Slack sends them, each remembered with what became of it:
 * acknowledged (HTTP 200 within Slack's 3 s) or not, and the answer its response_url received.
 */
final class SlackTraffic {
    private final SlackForBench slack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final AtomicInteger NAMES = new AtomicInteger(); // response_url names, unique in the fake Slack across runs
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** One command: who, what, when it was sent, and its acknowledgement (0: none, the replica was unreachable). */
    record Sent(String name, String user, String text, Instant at, CompletableFuture<Integer> ack, long[] ackNanos) {
    }

    SlackTraffic(SlackForBench slack) {
        this.slack = slack;
    }

    /** Sends without waiting; the acknowledgement completes later. */
    Sent send(URI events, String user, String text) {
        String name = "c" + NAMES.incrementAndGet();
        long t0 = System.nanoTime();
        long[] took = new long[1];
        CompletableFuture<Integer> ack = http.sendAsync(slack.slash(events, user, text, name), HttpResponse.BodyHandlers.discarding())
                .handle((res, failure) -> {
                    took[0] = System.nanoTime() - t0;
                    return failure == null ? res.statusCode() : 0;
                });
        Sent s = new Sent(name, user, text, Instant.now(), ack, took);
        sent.add(s);
        return s;
    }

    /** Sends and waits for the answer (bounded); the answer's text. */
    String ask(URI events, String user, String text) throws InterruptedException {
        Sent s = send(events, user, text);
        return await(s, Duration.ofSeconds(60)).map(SlackForBench.Answer::text)
                .orElseThrow(() -> new IllegalStateException("no answer to '" + text + "' (ack " + s.ack().join() + ")"));
    }

    Optional<SlackForBench.Answer> answer(Sent s) {
        return slack.answer(s.name());
    }

    /** Waits (bounded) for the command's answer. */
    Optional<SlackForBench.Answer> await(Sent s, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SlackForBench.Answer> a = slack.answer(s.name());
            if (a.isPresent()) {
                return a;
            }
            Thread.sleep(5);
        }
        return Optional.empty();
    }

    static boolean acked(Sent s) {
        return s.ack().join() == 200;
    }
}
