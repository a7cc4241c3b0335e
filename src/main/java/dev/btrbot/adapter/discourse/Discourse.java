package dev.btrbot.adapter.discourse;

import dev.btrbot.config.DiscourseConfig;
import dev.btrbot.core.ForumIntake;
import dev.btrbot.core.port.ForumReplies;
import dev.btrbot.core.port.ForumSource;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The community's Discourse forum as configured: read anonymously ({@link #source()}), replied to when an API key is
 * set ({@link #replies()}), and heard through its webhook when a secret is set ({@link #webhook}). One polite limiter
 * paces every request the bot sends to the forum.
 */
public final class Discourse {
    /** Where the webhook is served. */
    public static final String WEBHOOK_PATH = "/discourse/webhook";
    /** Webhook deliveries are remembered under keys that start so (see {@code SeenRequestRepo}'s scopes). */
    static final String SEEN_SCOPE = "discourse|";

    /** Deliveries already taken: true the first time a key is seen within {@code remember}. */
    @FunctionalInterface
    public interface SeenEvents {
        boolean firstSight(String key, Instant now, Duration remember);
    }

    private final DiscourseConfig config;
    private final Clock clock;
    private final PoliteLimits.Sleeper sleeper;
    /** Made on first use: the webhook alone sends nothing to the forum. */
    private DiscourseHttp http;

    private Discourse(DiscourseConfig config, Clock clock, PoliteLimits.Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    private synchronized DiscourseHttp http() {
        if (http == null) {
            http = new DiscourseHttp(config.url(), new PoliteLimits(clock, sleeper));
        }
        return http;
    }

    public static Discourse connect(DiscourseConfig config, Clock clock) {
        return new Discourse(config, clock, PoliteLimits.Sleeper.REAL);
    }

    /** With waits that go through {@code sleeper} (tests record them and move their clock). */
    static Discourse connect(DiscourseConfig config, Clock clock, PoliteLimits.Sleeper sleeper) {
        return new Discourse(config, clock, sleeper);
    }

    public ForumSource source() {
        return new DiscourseForum(http(), config.categories(), config.apiUsername());
    }

    /** Replies under the bot's account; empty without an API key. */
    public Optional<ForumReplies> replies() {
        return config.replies() ? Optional.of(new DiscourseReplies(http(), config.apiKey(), config.apiUsername())) : Optional.empty();
    }

    /** Whether a webhook secret is set, so {@link #WEBHOOK_PATH} may be served. */
    public boolean servesWebhook() {
        return config.webhookSecret() != null;
    }

    /** The webhook's servlet, handing posts to {@code intake}; {@code seen} remembers the deliveries taken. */
    public HttpServlet webhook(ForumIntake intake, SeenEvents seen) {
        if (!servesWebhook()) {
            throw new IllegalStateException("the webhook needs BTR_DISCOURSE_WEBHOOK_SECRET");
        }
        return new DiscourseWebhook(config.webhookSecret(), config.url(), config.apiUsername(), intake, seen, clock);
    }
}
