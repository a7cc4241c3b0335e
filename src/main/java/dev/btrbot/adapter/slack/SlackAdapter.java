package dev.btrbot.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import com.slack.api.util.http.SlackHttpClient;
import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.config.BotConfig;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Services;
import dev.btrbot.core.SignOffPrompt;
import dev.btrbot.core.command.Tokenizer;
import dev.btrbot.core.port.Chat;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoHead;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
    private static final Pattern OTHER_COMMAND = Pattern.compile("^(?!" + Pattern.quote(COMMAND) + "$).*$");
    private static final Pattern OTHER_BUTTON = Pattern.compile("^(?!" + Pattern.quote(BlockKit.ACTION_PREFIX) + ").*$");
    private static final Pattern OTHER_VIEW = Pattern.compile("^(?!" + Pattern.quote(SignOffModal.CALLBACK_ID) + "$).*$");
    private static final Pattern BUTTON = Pattern.compile("^" + Pattern.quote(BlockKit.ACTION_PREFIX) + ".*");

    private final BotConfig.Slack credentials;
    private final Slack slack;
    private final MethodsClient client;
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
        this.chat = new SlackChat(client, reply -> linkFor(reply.title()));
    }

    /** Posts, updates and direct messages in Slack, for the core's {@link Chat} port. */
    public Chat chat() {
        return chat;
    }

    /**
     * Starts answering Slack: mounts {@code /slack/events} on the web server
     * when a signing secret is set, and connects in Socket Mode when an app
     * token is set.
     */
    public void serve(Bot bot, Services services, WebServer web) throws Exception {
        App bolt = app(bot, services);
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
        return new SlackEventsServlet(bolt, new RequestSignature(credentials.signingSecret(), clock));
    }

    /** The Bolt app: one slash command, the buttons btr-bot renders, the sign-off modal. */
    App app(Bot bot, Services services) {
        this.store = services.store();
        this.prompt = new SignOffPrompt(services, git);
        AppConfig config = AppConfig.builder().singleTeamBotToken(credentials.botToken())
                .signingSecret(credentials.signingSecret() == null ? "" : credentials.signingSecret())
                .authTestCacheEnabled(true).slack(slack).build();
        App bolt = new App(config);
        bolt.command(COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            ResponseUrl responder = new ResponseUrl(slack, p.getResponseUrl());
            later("slash command", () -> {
                String text = SlackText.commandText(p.getText());
                Reply reply = run(bot, p.getUserId(), p.getChannelId(), text);
                boolean inChannel = !reply.isError() && asksPublic(text);
                responder.send(SlashCommandResponse.builder()
                        .responseType(inChannel ? "in_channel" : "ephemeral").text(BlockKit.fallback(reply))
                        .blocks(BlockKit.blocks(reply, linkFor(text, reply.title()))).build());
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
                return ctx.ackWithErrors(java.util.Map.of(SignOffModal.ENV,
                        "btr-bot cannot read this form; close it and click the button again. Nothing was recorded."));
            }
            java.util.Map<String, String> errors = SignOffModal.errors(p.getView().getState());
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

    private Response click(Bot bot, BlockActionRequest req, ActionContext ctx) throws IOException {
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
        ResponseUrl responder = new ResponseUrl(slack, p.getResponseUrl());
        if (id.equals("signoff-pass") || id.equals("signoff-fail")) {
            String[] value = button.value().split("\\|", 2);
            String release = value[0];
            String candidateId = value.length > 1 ? value[1] : "";
            Optional<String> refusal = prompt.refusal(release, candidateId, CLICK_PATIENCE);
            if (refusal.isPresent()) {
                Reply reply = Reply.error(refusal.get(), null);
                later("sign-off button", () -> responder.send(ActionResponse.builder().replaceOriginal(false).responseType("ephemeral")
                        .text(BlockKit.fallback(reply)).blocks(BlockKit.blocks(reply, linkFor(release))).build()));
            } else {
                openSignOff(id.equals("signoff-pass"), button, release, candidateId, channel, p.getTriggerId(), ctx);
            }
            return ctx.ack();
        }
        later("button " + id, () -> {
            Reply reply = run(bot, user, channel, button.command());
            responder.send(ActionResponse.builder().replaceOriginal(false)
                    .responseType(reply.isError() ? "ephemeral" : "in_channel").text(BlockKit.fallback(reply))
                    .blocks(BlockKit.blocks(reply, linkFor(button.command(), reply.title()))).build());
        });
        return ctx.ack();
    }

    /** Opens the modal at once: Slack's trigger_id lives three seconds. */
    private void openSignOff(boolean pass, BlockKit.ButtonValue button, String release, String candidateId, String channel,
                             String triggerId, ActionContext ctx) {
        List<String> heads = candidateHeads(release, candidateId);
        String shown = candidateId.length() > 10 ? candidateId.substring(0, 10) : candidateId;
        View view = SignOffModal.view(pass, release, shown, heads, new SignOffModal.Origin(button.command(), channel));
        try {
            WebApi.call("views.open", () -> ctx.client().viewsOpen(r -> r.triggerId(triggerId).view(view)));
        } catch (WebApi.Failure e) {
            LOG.warn("Slack: the sign-off modal did not open: {}", e.getMessage());
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
                throw new WebApi.Failure("no channel");
            }
            if (reply.isError()) {
                WebApi.call("chat.postEphemeral", () -> client.chatPostEphemeral(r -> r.channel(channel).user(user)
                        .text(BlockKit.fallback(reply)).blocks(blocks)));
            } else {
                WebApi.call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(channel)
                        .text(BlockKit.fallback(reply)).blocks(blocks)));
            }
        } catch (WebApi.Failure e) {
            try {
                chat.tell(new MemberId(user), reply);
            } catch (dev.btrbot.core.port.Chat.Undelivered undelivered) {
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
        return bot.handle(new Invocation(actor, channel == null ? "slack" : channel, text));
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
