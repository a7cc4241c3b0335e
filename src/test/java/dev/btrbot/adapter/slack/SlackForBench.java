package dev.btrbot.adapter.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tests' fake Slack (Web API and response URLs, checked against java-slack-sdk's samples) for the benchmarks
 * and drills under {@code dev.btrbot.bench}, which run {@code serve} replicas as real processes against it: the
 * settings a replica needs, slash commands signed as Slack signs them, what each command's response_url received,
 * and what the bot posted on its own.
 */
public final class SlackForBench implements AutoCloseable {
    public static final String TOKEN = SlackHarness.TOKEN;
    public static final String SECRET = SlackHarness.SECRET;
    private final FakeSlackApi slack;
    private final SlackHarness.Bodies bodies;

    public SlackForBench() throws IOException {
        slack = new FakeSlackApi();
        bodies = new SlackHarness.Bodies(slack);
    }

    /** SLACK_API_URL for a replica. */
    public String apiUrl() {
        return slack.apiUrl();
    }

    /** {@code /btr text} from {@code user}, signed now (Slack waits 3 s for the ack), posted to a replica's events URL; its answer goes to response_url {@code name}. */
    public HttpRequest slash(URI events, String user, String text, String name) {
        String body = bodies.slash(user, text, name, FakeSlackApi.TEAM, "");
        String now = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(events).timeout(java.time.Duration.ofSeconds(3)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", now).header("X-Slack-Signature", SlackHarness.sign(SECRET, now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The first answer response_url {@code name} took: when, and the text a person reads. */
    public record Answer(Instant at, String text) {
    }

    public Optional<Answer> answer(String name) {
        FakeSlackApi.Call c = slack.firstAnswers.get(name);
        return c == null ? Optional.empty() : Optional.of(new Answer(c.at(), c.param("text") + "\n" + c.blocksText()));
    }

    /** What the bot posted on its own (chat.postMessage) in this channel: the text of each post, in order. */
    public List<String> posts(String channel) {
        return slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel")))
                .map(c -> c.param("text") + "\n" + c.blocksText()).toList();
    }

    /** What broke the fake's checks (a shape Slack would refuse), taken. */
    public List<String> violations() {
        return slack.takeViolations();
    }

    @Override
    public void close() {
        slack.close();
    }
}
