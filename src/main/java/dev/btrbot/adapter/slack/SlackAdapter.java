package dev.btrbot.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import com.slack.api.util.http.SlackHttpClient;
import dev.btrbot.config.BotConfig;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.core.SignOffPrompt;
import dev.btrbot.core.command.Tokenizer;
import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoHead;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * btr-bot in a Slack workspace, on Bolt. {@code /btr <command>} runs the
 * command as the Slack user who typed it; a button runs the command it stands
 * for as the user who clicked it; the sign-off buttons open a modal for the
 * environment and notes first. Rights, candidates and every other rule are the
 * core's: this class only translates Slack's requests into {@link Invocation}s
 * and {@link Reply}s into Block Kit.
 *
 * <p>Every request is acknowledged at once; the command runs afterwards on a
 * small pool (git, the tag command and GitHub may take longer than Slack's
 * three seconds) and answers through the request's {@code response_url} —
 * ephemeral for errors and for anything not asked to be {@code --public} — or,
 * for a modal, with {@code chat.postMessage} / {@code chat.postEphemeral}.
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
    private final ExecutorService work;
    private final SlackChat chat;
    private final ExecutorService git;
    private Store store;
    private SignOffPrompt prompt;
    private App app;
    private SocketModeApp socketMode;

    /**
     * @param publicUrl the dashboard's address ({@code BTR_PUBLIC_URL}) for "everything is on the dashboard" links; may be null
     */
    public SlackAdapter(BotConfig.Slack credentials, String publicUrl) {
        this(credentials, publicUrl, Clock.systemUTC());
    }

    SlackAdapter(BotConfig.Slack credentials, String publicUrl, Clock clock) {
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
        this.api = new WebApi(clock);
        this.workspace = new SlackWorkspace(api, client);
        AtomicInteger threads = new AtomicInteger();
        this.work = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-work-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.git = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "slack-git-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.chat = new SlackChat(api, client, reply -> linkFor(reply.title()));
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
    public void serve(Bot bot, Store store, CandidateSource candidates, Host web) throws Exception {
        verify();
        web.healthCheck(() -> api.rejected().map(error -> "slack: the bot token was rejected (" + error + ")"));
        App bolt = app(bot, store, candidates);
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
        return new SlackEventsServlet(bolt, new RequestSignature(credentials.signingSecret(), clock), key -> store.write(tx -> {
            java.time.Instant now = clock.instant();
            return tx.seenRequests().firstSight(key, now, now.minus(RequestSignature.WINDOW.multipliedBy(2).plusMinutes(1)));
        }));
    }

    /** The Bolt app: one slash command, the buttons btr-bot renders, the sign-off modal. */
    App app(Bot bot, Store store, CandidateSource candidates) {
        this.store = store;
        this.prompt = new SignOffPrompt(store, candidates, git);
        AppConfig config = AppConfig.builder().singleTeamBotToken(credentials.botToken())
                .signingSecret(credentials.signingSecret() == null ? "" : credentials.signingSecret())
                .authTestCacheEnabled(true).authTestCacheExpirationMillis(-1).slack(slack).build();
        App bolt = new App(config, middleware(config));
        bolt.asOAuthApp(false);
        bolt.command(COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            ResponseUrl responder = responder(p.getResponseUrl(), false, p.getChannelId(), p.getUserId());
            later("slash command", () -> {
                String text = SlackText.commandText(p.getText());
                Reply reply = run(bot, p.getUserId(), p.getChannelId(), text);
                responder.send(reply, !reply.isError() && asksPublic(text), linkFor(text, reply.title()));
            });
            return ctx.ack();
        });
        // a command the manifest gained but btr-bot does not know: a clear answer instead of Bolt's 404 (Slack's "dispatch_failed")
        bolt.command(OTHER_COMMAND, (req, ctx) -> ctx.ack("btr-bot answers " + COMMAND + " only; try " + COMMAND + " help."));
        bolt.blockAction(BUTTON, (req, ctx) -> click(bot, req, ctx));
        // buttons and views btr-bot did not make (another app's, an old version's): acknowledged, nothing done
        bolt.blockAction(OTHER_BUTTON, (req, ctx) -> {
            LOG.info("Slack: ignored a click on a button btr-bot did not make");
            return ctx.ack();
        });
        bolt.viewSubmission(OTHER_VIEW, (req, ctx) -> {
            LOG.info("Slack: ignored the submission of a view btr-bot did not open");
            return ctx.ack();
        });
        bolt.viewSubmission(SignOffModal.CALLBACK_ID, (req, ctx) -> {
            ViewSubmissionPayload p = req.getPayload();
            if (p.getUser() == null || p.getUser().getId() == null) {
                return ctx.ack();
            }
            SignOffModal.Origin origin;
            try {
                origin = SignOffModal.Origin.decode(p.getView().getPrivateMetadata());
            } catch (IllegalArgumentException e) {
                LOG.warn("Slack: a sign-off form with metadata btr-bot did not write, from {}", p.getUser().getId());
                return ctx.ackWithErrors(Map.of(SignOffModal.ENV,
                        "btr-bot cannot read this form; close it and click the button again. Nothing was recorded."));
            }
            Map<String, String> errors = SignOffModal.errors(p.getView().getState());
            if (!errors.isEmpty()) {
                return ctx.ackWithErrors(errors);
            }
            String command = SignOffModal.command(origin, p.getView().getState());
            String user = p.getUser().getId();
            later("sign-off modal", () -> answerModal(run(bot, user, origin.channel(), command), origin.channel(), user));
            return ctx.ack();
        });
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
                this::ownWorkspaceOnly,
                new SingleTeamAuthorization(config, workspace.known(), null)));
    }

    /** Requests from another workspace (or while the token is rejected) are acknowledged, refused, and run nothing. */
    private Response ownWorkspaceOnly(Request<?> req, Response resp, com.slack.api.bolt.middleware.MiddlewareChain chain) throws Exception {
        String team = req.getContext().getTeamId();
        String enterprise = req.getContext().getEnterpriseId();
        if (team == null && enterprise == null) {
            return chain.next(req);
        }
        Optional<String> refusal = workspace.refusal(team, enterprise);
        if (refusal.isEmpty()) {
            return chain.next(req);
        }
        LOG.info("Slack: refused a {} request from team {} (enterprise {}): {}", req.getRequestType(), team, enterprise, refusal.get());
        return switch (req.getRequestType()) {
            case Command -> Response.json(200, SlashCommandResponse.builder().responseType("ephemeral").text(refusal.get()).build());
            case BlockAction -> {
                String url = ((BlockActionRequest) req).getPayload().getResponseUrl();
                ResponseUrl responder = new ResponseUrl(slack, url, true, clock.instant(), clock,
                        (reply, inChannel) -> LOG.info("Slack: the refusal reached no one"));
                later("refusal", () -> responder.send(Reply.error(refusal.get(), null), false, null));
                yield Response.ok();
            }
            case ViewSubmission -> {
                View view = ((ViewSubmissionRequest) req).getPayload().getView();
                yield view != null && SignOffModal.CALLBACK_ID.equals(view.getCallbackId())
                        ? Response.json(200, Map.of("response_action", "errors", "errors", Map.of(SignOffModal.ENV, refusal.get())))
                        : Response.ok();
            }
            default -> Response.ok();
        };
    }

    /**
     * The response_url of a request received now; answers it cannot take go
     * to the channel when they were meant for it, else to the member's DM.
     */
    ResponseUrl responder(String url, boolean click, String channel, String user) {
        return new ResponseUrl(slack, url, click, clock.instant(), clock, (reply, inChannel) -> {
            if (inChannel && channel != null && chat.reaches(channel)) {
                try {
                    chat.post(channel, reply);
                    return;
                } catch (Chat.Undelivered e) {
                    LOG.info("Slack: the answer could not go to {} either; sending it as a direct message", channel);
                }
            }
            try {
                chat.tell(new MemberId(user), reply);
            } catch (RuntimeException e) {
                LOG.warn("Slack: an answer was lost: neither its response_url, its channel nor a direct message took it ({})",
                        e.getMessage());
            }
        });
    }

    private Response click(Bot bot, BlockActionRequest req, ActionContext ctx) throws IOException {
        Instant clicked = clock.instant();
        BlockActionPayload p = req.getPayload();
        if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null || p.getUser().getId() == null
                || p.getActions().get(0).getActionId() == null) {
            LOG.warn("Slack: a click without an action or a user; ignored");
            return ctx.ack();
        }
        BlockActionPayload.Action action = p.getActions().get(0);
        String user = p.getUser().getId();
        String channel = p.getChannel() != null ? p.getChannel().getId()
                : p.getContainer() != null ? p.getContainer().getChannelId() : null;
        BlockKit.ButtonValue button;
        try {
            button = BlockKit.ButtonValue.decode(action.getValue());
        } catch (IllegalArgumentException e) {
            LOG.warn("Slack: a click on a button btr-bot did not make ({})", action.getActionId());
            return ctx.ack();
        }
        String id = action.getActionId().substring(BlockKit.ACTION_PREFIX.length()).replaceFirst(":\\d+$", "");
        ResponseUrl responder = responder(p.getResponseUrl(), true, channel, user);
        if (id.equals("signoff-pass") || id.equals("signoff-fail")) {
            String[] value = button.value().split("\\|", 2);
            String release = value[0];
            String candidateId = value.length > 1 ? value[1] : "";
            Optional<String> refusal = prompt.refusal(release, candidateId, CLICK_PATIENCE);
            if (refusal.isPresent()) {
                later("sign-off button", () -> responder.send(Reply.error(refusal.get(), null), false, linkFor(release)));
            } else {
                openSignOff(id.equals("signoff-pass"), button, release, candidateId, channel, p.getTriggerId(), clicked, responder);
            }
            return ctx.ack();
        }
        later("button " + id, () -> {
            Reply reply = run(bot, user, channel, button.command());
            responder.send(reply, !reply.isError(), linkFor(button.command(), reply.title()));
        });
        return ctx.ack();
    }

    /**
     * Opens the modal at once: Slack's trigger_id lives three seconds from the
     * click, so a 429 is retried only within them. A form that did not open
     * is said to the clicker alone ("Slack is busy, click again").
     */
    private void openSignOff(boolean pass, BlockKit.ButtonValue button, String release, String candidateId, String channel,
                             String triggerId, Instant clicked, ResponseUrl responder) {
        List<String> heads = candidateHeads(release, candidateId);
        String shown = candidateId.length() > 10 ? candidateId.substring(0, 10) : candidateId;
        View view = SignOffModal.view(pass, release, shown, heads, new SignOffModal.Origin(button.command(), channel));
        try {
            api.call("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)), clicked.plus(TRIGGER_LIFETIME));
        } catch (WebApi.Failure e) {
            LOG.warn("Slack: the sign-off modal did not open: {}", e.getMessage());
            String why = e.kind() == WebApi.Kind.RATE_LIMITED ? BUSY
                    : "The sign-off form did not open (" + (e.error() == null ? "Slack did not answer" : "Slack: " + e.error())
                    + "); click again. Nothing was recorded.";
            later("sign-off button", () -> responder.send(Reply.error(why, null), false, null));
        }
    }

    private List<String> candidateHeads(String release, String candidateId) {
        try {
            Optional<Candidate> c = store.read(tx -> tx.candidates().find(new ReleaseName(release), candidateId));
            return c.map(candidate -> candidate.heads().stream().map(RepoHead::toString).toList()).orElse(List.of());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A modal's outcome: success in the channel it came from, a refusal to the user alone; a DM when neither reaches them. */
    private void answerModal(Reply reply, String channel, String user) {
        List<com.slack.api.model.block.LayoutBlock> blocks = BlockKit.blocks(reply, linkFor(reply.title()));
        try {
            if (channel == null) {
                throw new WebApi.Failure(WebApi.Kind.REFUSED, null, "no channel");
            }
            if (reply.isError()) {
                api.call("chat.postEphemeral", () -> client.chatPostEphemeral(r -> r.channel(channel).user(user)
                        .text(BlockKit.fallback(reply)).blocks(blocks)));
            } else {
                api.call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(channel)
                        .text(BlockKit.fallback(reply)).blocks(blocks)));
            }
        } catch (WebApi.Failure e) {
            try {
                chat.tell(new MemberId(user), reply);
            } catch (Chat.Undelivered undelivered) {
                LOG.warn("Slack: the answer to a sign-off form reached neither its channel nor the user: {}", undelivered.getMessage());
            }
        }
    }

    private static Reply run(Bot bot, String user, String channel, String text) {
        MemberId actor;
        try {
            actor = new MemberId(user);
        } catch (RuntimeException e) {
            return Reply.error("Slack sent no user btr-bot can name; nothing was done.", null);
        }
        return bot.handle(new Invocation(actor, text));
    }

    /** Replies go to the channel only when the command asked for it ({@code status koa.2 --public}). */
    static boolean asksPublic(String text) {
        try {
            return Tokenizer.split(text == null ? "" : text).contains("--public");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The dashboard page of the first release named in these texts (the
     * command, the reply's title), or the dashboard itself; null without
     * {@code BTR_PUBLIC_URL}.
     */
    String linkFor(String... texts) {
        if (publicUrl == null) {
            return null;
        }
        if (store != null) {
            for (String text : texts) {
                for (String word : (text == null ? "" : text).split("[\\s,:;()]+")) {
                    Optional<String> release = existingRelease(word);
                    if (release.isPresent()) {
                        return publicUrl + "/releases/" + release.get();
                    }
                }
            }
        }
        return publicUrl + "/";
    }

    private Optional<String> existingRelease(String word) {
        try {
            ReleaseName name = new ReleaseName(word);
            return store.read(tx -> tx.releases().find(name)).map(r -> r.name().value());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void later(String what, Task task) {
        work.submit(() -> {
            try {
                task.run();
            } catch (Exception e) {
                LOG.error("Slack: answering a {} failed", what, e);
            }
        });
    }

    private interface Task {
        void run() throws Exception;
    }

    @Override
    public void close() throws Exception {
        if (socketMode != null) {
            socketMode.close();
        }
        work.shutdown();
        git.shutdownNow();
        work.awaitTermination(5, TimeUnit.SECONDS);
        if (app != null) {
            app.stop();
        }
        slack.close();
    }
}
