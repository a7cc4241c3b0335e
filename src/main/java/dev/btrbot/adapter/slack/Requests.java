package dev.btrbot.adapter.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Interactions;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.core.SignOffForm;
import dev.btrbot.core.SignOffPrompt;
import dev.btrbot.domain.MemberId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What btr-bot does with each request Slack sends: a {@code /btr} command
 * runs as typed, a click runs the command its button stands for (a sign-off
 * button opens the form first, when the core says it may), a submitted form
 * runs the sign-off the core makes of it. Each is acknowledged at once and
 * answered later, off Slack's three seconds, through {@link Answers}.
 */
final class Requests {
    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);
    private final Bot bot;
    private final Interactions core;
    private final Answers answers;
    private final WebApi api;
    private final MethodsClient client;
    private final Clock clock;
    private final Work work;

    Requests(Bot bot, Interactions core, Answers answers, WebApi api, MethodsClient client, Clock clock, Work work) {
        this.bot = bot;
        this.core = core;
        this.answers = answers;
        this.api = api;
        this.client = client;
        this.clock = clock;
        this.work = work;
    }

    Response command(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        ResponseUrl responder = answers.responder(p.getResponseUrl(), false, p.getChannelId(), p.getUserId());
        work.submit("slash command", () -> {
            String text = SlackText.commandText(p.getText());
            Reply reply = run(p.getUserId(), actor -> new Invocation(actor, text));
            responder.send(reply, answers.linkFor(text, reply.title()));
        });
        return ctx.ack();
    }

    Response submission(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
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
        String user = p.getUser().getId();
        String env = SignOffModal.value(p.getView().getState(), SignOffModal.ENV);
        String notes = SignOffModal.value(p.getView().getState(), SignOffModal.NOTES);
        work.submit("sign-off modal", () -> answers.fromForm(run(user,
                actor -> SignOffForm.submitted(actor, origin.button(), env, notes)), origin.channel(), user));
        return ctx.ack();
    }

    Response click(BlockActionRequest req, ActionContext ctx) {
        Instant clicked = clock.instant();
        BlockActionPayload p = req.getPayload();
        if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null || p.getUser().getId() == null
                || p.getActions().get(0).getActionId() == null) {
            LOG.warn("Slack: a click without an action or a user; ignored");
            return ctx.ack();
        }
        BlockActionPayload.Action clickedAction = p.getActions().get(0);
        String user = p.getUser().getId();
        String channel = p.getChannel() != null ? p.getChannel().getId()
                : p.getContainer() != null ? p.getContainer().getChannelId() : null;
        Reply.Action action;
        try {
            action = BlockKit.ButtonValue.decode(clickedAction.getActionId(),
                    clickedAction.getText() == null ? null : clickedAction.getText().getText(), clickedAction.getValue());
        } catch (IllegalArgumentException e) {
            LOG.warn("Slack: a click on a button btr-bot did not make ({})", clickedAction.getActionId());
            return ctx.ack();
        }
        ResponseUrl responder = answers.responder(p.getResponseUrl(), true, channel, user);
        if (action.intent().isSignOff()) {
            SignOffPrompt.Opening opening = core.openSignOff(action, SlackAdapter.CLICK_PATIENCE);
            String link = action.target() == null ? answers.linkFor() : answers.linkFor(action.target().release().value());
            if (opening.refused()) {
                work.submit("sign-off button", () -> responder.send(Reply.error(opening.refusal(), null), link));
            } else {
                openSignOff(new SignOffModal.Origin(action, channel), opening.heads(), p.getTriggerId(), clicked, responder);
            }
            return ctx.ack();
        }
        work.submit("button " + action.id(), () -> {
            Reply reply = run(user, actor -> Invocation.pressed(actor, action));
            responder.send(reply, answers.linkFor(action.command(), reply.title()));
        });
        return ctx.ack();
    }

    /**
     * Opens the modal at once: Slack's trigger_id lives three seconds from the
     * click, so a 429 is retried only within them. A form that did not open
     * is said to the clicker alone ("Slack is busy, click again").
     */
    private void openSignOff(SignOffModal.Origin origin, List<String> heads, String triggerId, Instant clicked, ResponseUrl responder) {
        View view = SignOffModal.view(heads, origin);
        try {
            api.call("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)),
                    clicked.plus(SlackAdapter.TRIGGER_LIFETIME));
        } catch (WebApi.Failure e) {
            LOG.warn("Slack: the sign-off modal did not open: {}", e.getMessage());
            String why = e.kind() == WebApi.Kind.RATE_LIMITED ? SlackAdapter.BUSY
                    : "The sign-off form did not open (" + (e.error() == null ? "Slack did not answer" : "Slack: " + e.error())
                    + "); click again. Nothing was recorded.";
            work.submit("sign-off button", () -> responder.send(Reply.error(why, null), null));
        }
    }

    /** The command as {@code invocation} says, run as the Slack user {@code user}. */
    private Reply run(String user, Function<MemberId, Invocation> invocation) {
        MemberId actor;
        try {
            actor = new MemberId(user);
        } catch (RuntimeException e) {
            return Reply.error("Slack sent no user btr-bot can name; nothing was done.", null);
        }
        return bot.handle(invocation.apply(actor));
    }
}
