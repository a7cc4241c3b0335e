package dev.btrbot.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.util.http.SlackHttpClient;
import dev.btrbot.config.BotConfig;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Interactions;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.MemberNames;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * btr-bot in a Slack workspace, on Bolt. {@code /btr <command>} runs the
 * command as the Slack user who typed it; a button runs the command it stands
 * for as the user who clicked it; the sign-off buttons open a modal for the
 * environment and notes first. Rights, candidates, visibility and every other
 * rule are the core's ({@link Bot}, {@link Interactions}): this class only
 * translates Slack's requests into {@link Invocation}s and {@link Reply}s into
 * Block Kit. It holds no store and writes no command. This class starts and
 * stops it; {@link Requests} takes each request, {@link Answers} delivers what
 * comes back, {@link OwnWorkspace} turns away other workspaces.
 *
 * <p>Every request is acknowledged at once; the command runs afterwards on a
 * small pool (git, the tag command and GitHub may take longer than Slack's
 * three seconds) and answers through the request's {@code response_url} —
 * ephemeral or in the channel as the reply's visibility says — or, for a
 * modal, with {@code chat.postMessage} / {@code chat.postEphemeral}.
 *
 * <p>It serves one workspace ({@link SlackWorkspace}), asked for at start
 * ({@link #verify}). A token Slack rejects stops
 * {@code serve} with the reason; rejected later, it is logged once, reported
 * by {@code /healthz} and never tried again (see {@link WebApi}). A request
 * from another workspace or enterprise is acknowledged and refused, with a
 * short reason only its sender sees where Slack allows one.
 */
public final class SlackAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackAdapter.class);
    static final String COMMAND = "/btr";
    /**
     * How long a sign-off click waits for git to say whether its candidate is
     * still current before the store's newest candidate stands in: the modal
     * must open within Slack's three seconds of the click.
     */
    static final Duration CLICK_PATIENCE = Duration.ofMillis(1500);
    /** How long Slack honours a click's {@code trigger_id} for opening a modal. */
    static final Duration TRIGGER_LIFETIME = Duration.ofSeconds(3);
    static final String BUSY = "Slack is busy, click again.";
    private static final Pattern OTHER_COMMAND = Pattern.compile("^(?!" + Pattern.quote(COMMAND) + "$).*$");
    private static final Pattern OTHER_BUTTON = Pattern.compile("^(?!" + Pattern.quote(BlockKit.ACTION_PREFIX) + ").*$");
    private static final Pattern OTHER_VIEW = Pattern.compile("^(?!" + Pattern.quote(SignOffModal.CALLBACK_ID) + "$).*$");
    private static final Pattern BUTTON = Pattern.compile("^" + Pattern.quote(BlockKit.ACTION_PREFIX) + ".*");

    private final BotConfig.Slack credentials;
    private final Slack slack;
    private final MethodsClient client;
    private final WebApi api;
    private final SlackWorkspace workspace;
    private final String publicUrl;
    private final Clock clock;
    private final Work work;
    private final SlackChat chat;
    private final SlackMemberNames names;
    private final Answers answers;
    private volatile Interactions core;
    private App app;
    private SocketModeApp socketMode;

    /**
     * @param publicUrl the dashboard's address ({@code BTR_PUBLIC_URL}) for "everything is on the dashboard" links; may be null
     */
    public SlackAdapter(BotConfig.Slack credentials, String publicUrl) {
        this(credentials, publicUrl, Clock.systemUTC());
    }

    /** @param clock the time requests, response URLs and rate limits are judged by: the bot's one clock */
    public SlackAdapter(BotConfig.Slack credentials, String publicUrl, Clock clock) {
        this(credentials, publicUrl, clock, WebApi.Sleeper.REAL);
    }

    /**
     * @param clock   the time requests and rate limits are judged by
     * @param sleeper waits out Slack's rate limits (moving {@code clock} on by as much)
     */
    SlackAdapter(BotConfig.Slack credentials, String publicUrl, Clock clock, WebApi.Sleeper sleeper) {
        this.credentials = credentials;
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
        this.clock = clock;
        SlackConfig config = new SlackConfig();
        if (credentials.apiUrl() != null) {
            config.setMethodsEndpointUrlPrefix(credentials.apiUrl());
        }
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        this.slack = Slack.getInstance(config, new SlackHttpClient());
        this.client = slack.methods(credentials.botToken());
        this.api = new WebApi(clock, sleeper);
        this.workspace = new SlackWorkspace(api, client);
        this.work = new Work("slack-work", 4);
        this.chat = new SlackChat(api, client, this::moreUrl);
        this.names = new SlackMemberNames(api, client, clock);
        this.answers = new Answers(slack, api, client, clock, chat, this.publicUrl, () -> core);
    }

    /**
     * Asks Slack whose the bot token is ({@code auth.test}) and remembers the
     * workspace it names; serve does this first.
     *
     * @throws IllegalStateException with a one-line reason when Slack rejects the token
     */
    public void verify() {
        workspace.verify();
    }

    /** Posts, updates and direct messages in Slack, for the core's {@link Chat} port. */
    public Chat chat() {
        return chat;
    }

    /** Slack members' display names ({@code users.info}, cached a day), for the core's {@link MemberNames} port. */
    public MemberNames memberNames() {
        return names;
    }

    /** Where Slack's request endpoint is mounted and whether its token still works is reported: the web server. */
    public interface Host {
        void mount(String path, HttpServlet servlet);

        /** @param problem what is wrong now, in one line; empty when nothing is */
        void healthCheck(java.util.function.Supplier<Optional<String>> problem);
    }

    /**
     * Starts answering Slack: mounts {@code /slack/events} on the web server
     * when a signing secret is set, and connects in Socket Mode when an app
     * token is set.
     *
     * @param store      the bot's store (requests already taken, candidates a button names)
     * @param candidates reads branch heads, for a sign-off button's check that its candidate is still current
     */
    public void serve(Bot bot, Interactions interactions, Host web) throws Exception {
        verify();
        web.healthCheck(() -> api.rejected().map(error -> "slack: the bot token was rejected (" + error + ")"));
        App bolt = app(bot, interactions);
        if (credentials.signingSecret() != null) {
            web.mount("/slack/events", servlet(bolt));
            LOG.info("Slack: /slack/events mounted (signed requests only)");
        }
        if (credentials.socketMode()) {
            socketMode = new SocketModeApp(credentials.appToken(), bolt);
            socketMode.startAsync();
            if (socketMode.getClient() != null && socketMode.getClient().verifyConnection()) {
                LOG.info("Slack: connected in Socket Mode");
            } else {
                LOG.warn("Slack: Socket Mode is not connected yet; Bolt keeps trying to reconnect");
            }
        }
        if (credentials.signingSecret() == null && !credentials.socketMode()) {
            LOG.warn("Slack: SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET nor SLACK_APP_TOKEN: the bot can post but hears nothing");
        }
    }

    HttpServlet servlet(App bolt) {
        // a signed request is good for five minutes either side of its timestamp: remember what was taken for longer than that
        return new SlackEventsServlet(bolt, new RequestSignature(credentials.signingSecret(), clock),
                key -> core.firstSight(key, clock.instant(), RequestSignature.WINDOW.multipliedBy(2).plusMinutes(1)));
    }

    /** The Bolt app: one slash command, the buttons btr-bot renders, the sign-off modal. */
    App app(Bot bot, Interactions interactions) {
        this.core = interactions;
        AppConfig config = AppConfig.builder().singleTeamBotToken(credentials.botToken())
                .signingSecret(credentials.signingSecret() == null ? "" : credentials.signingSecret())
                .authTestCacheEnabled(true).authTestCacheExpirationMillis(-1).slack(slack).build();
        App bolt = new App(config, middleware(config));
        bolt.asOAuthApp(false);
        Requests requests = new Requests(bot, interactions, answers, api, client, clock, work);
        bolt.command(COMMAND, requests::command);
        // a command the manifest gained but btr-bot does not know: a clear answer instead of Bolt's 404 (Slack's "dispatch_failed")
        bolt.command(OTHER_COMMAND, (req, ctx) -> ctx.ack("btr-bot answers " + COMMAND + " only; try " + COMMAND + " help."));
        bolt.blockAction(BUTTON, requests::click);
        // buttons and views btr-bot did not make (another app's, an old version's): acknowledged, nothing done
        bolt.blockAction(OTHER_BUTTON, (req, ctx) -> {
            LOG.info("Slack: ignored a click on a button btr-bot did not make");
            return ctx.ack();
        });
        bolt.viewSubmission(OTHER_VIEW, (req, ctx) -> {
            LOG.info("Slack: ignored the submission of a view btr-bot did not open");
            return ctx.ack();
        });
        bolt.viewSubmission(SignOffModal.CALLBACK_ID, requests::submission);
        this.app = bolt;
        return bolt;
    }

    /**
     * Bolt's own middleware for a single-workspace app (Slack's ssl_check,
     * signatures, the bot token in the context), with the workspace check
     * before the authorization: Bolt's authorization names the bot's own
     * workspace in the context whatever the request said, and asks
     * {@code auth.test} only once, reusing the answer {@link #verify} got.
     */
    private List<Middleware> middleware(AppConfig config) {
        String secret = config.getSigningSecret() == null || config.getSigningSecret().isBlank() ? "---" : config.getSigningSecret();
        return new java.util.ArrayList<>(List.of(
                new SSLCheck(config.getVerificationToken()),
                new RequestVerification(new SlackSignature.Verifier(new SlackSignature.Generator(secret))),
                new OwnWorkspace(workspace, answers, work),
                new SingleTeamAuthorization(config, workspace.known(), null)));
    }

    /** The response_url of a request received now (see {@link Answers#responder}). */
    ResponseUrl responder(String url, boolean click, String channel, String user) {
        return answers.responder(url, click, channel, user);
    }

    /** Where a whole reply can be read: its release's dashboard page. */
    private String moreUrl(Reply reply) {
        return answers.linkFor(reply.title());
    }

    private void later(String what, Work.Task task) {
        work.submit(what, task);
    }

    /**
     * Waits until every request taken so far has been answered (for tests:
     * they wait for this instead of sleeping).
     *
     * @return false when that did not happen within {@code timeout}
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return work.awaitIdle(timeout);
    }

    @Override
    public void close() throws Exception {
        if (socketMode != null) {
            socketMode.close();
        }
        work.close();
        if (app != null) {
            app.stop();
        }
        slack.close();
    }
}
