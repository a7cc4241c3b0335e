package dev.btrbot.bench;

import dev.btrbot.adapter.slack.SlackForBench;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code serve} replicas as real processes ({@code java -jar target/btr-bot.jar serve}) on one database, each on
 * a loopback port of its own, talking to the fake Slack; started, asked who leads ({@code /healthz}), killed with
 * SIGKILL and started again in the same place.
 */
final class ServeReplicas implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final String database;
    private final SlackForBench slack;
    private final Path dir;
    private final Map<String, String> extraEnv;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Replica> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int starts;

    /** One replica: its process and port. */
    record Replica(Process process, int port, Path log) {
        URI events() {
            return URI.create("http://127.0.0.1:" + port + "/slack/events");
        }
    }

    ServeReplicas(String database, SlackForBench slack, Path dir, Map<String, String> extraEnv) {
        this.database = database;
        this.slack = slack;
        this.dir = dir;
        this.extraEnv = extraEnv;
    }

    /** Starts {@code n} replicas one after the other (the first creates the schema), each answering /healthz. */
    List<Replica> start(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            replicas.add(launch(freePort(), i == 0));
        }
        return replicas;
    }

    List<Replica> all() {
        return List.copyOf(replicas);
    }

    /** Kills replica {@code i} with SIGKILL and starts a new process on its port. */
    Replica killAndRestart(int i) throws Exception {
        Replica dead = replicas.get(i);
        dead.process().destroyForcibly().waitFor();
        Replica fresh = launch(dead.port(), false);
        replicas.set(i, fresh);
        return fresh;
    }

    void kill(int i) throws InterruptedException {
        replicas.get(i).process().destroyForcibly().waitFor();
    }

    Replica restart(int i) throws Exception {
        Replica fresh = launch(replicas.get(i).port(), false);
        replicas.set(i, fresh);
        return fresh;
    }

    /** Which replica says it leads (its index), if one does now. */
    Optional<Integer> leader() {
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i).process().isAlive() && health(replicas.get(i)).contains("leader: this replica")) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Waits (bounded) for a replica other than {@code not} to lead; its index. */
    int awaitLeader(int not) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> l = leader();
            if (l.isPresent() && l.get() != not) {
                return l.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no replica led within " + PATIENCE.toSeconds() + " s");
    }

    private String health(Replica r) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 ? res.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private Replica launch(int port, boolean init) throws Exception {
        Path log = dir.resolve("replica-" + (++starts) + ".log");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", Path.of("target", "btr-bot.jar").toAbsolutePath().toString(), "serve"));
        if (init) {
            argv.add("--init");
        }
        ProcessBuilder b = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = b.environment();
        env.keySet().removeIf(k -> k.startsWith("BTR_") || k.startsWith("SLACK_") || k.startsWith("MATRIX_") || k.equals("GITHUB_TOKEN"));
        env.put("BTR_DB", database);
        env.put("PORT", Integer.toString(port));
        env.put("BTR_HTTP_HOST", "127.0.0.1");
        env.put("SLACK_BOT_TOKEN", SlackForBench.TOKEN);
        env.put("SLACK_SIGNING_SECRET", SlackForBench.SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("BTR_HTTP_CONNECTIONS_PER_ADDRESS", "0");
        env.put("BTR_MEMBER_CHANGES_PER_HOUR", "0");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.putAll(extraEnv);
        Replica r = new Replica(b.start(), port, log);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (health(r).isEmpty()) {
            if (!r.process().isAlive() || System.nanoTime() > deadline) {
                r.process().destroyForcibly();
                throw new IllegalStateException("a replica did not start:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        replicas.forEach(r -> r.process().destroyForcibly());
    }
}
