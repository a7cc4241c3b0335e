package dev.btrbot.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import dev.btrbot.core.Interactions;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
import dev.btrbot.domain.MemberId;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the answer to a Slack request goes: its {@code response_url}, or for
 * a submitted form the channel it came from, seen by everyone or by the asker
 * alone as the reply's visibility says; a direct message when neither takes
 * it, so no answer is lost silently. Each carries a link to the dashboard page
 * of the release it is about.
 */
final class Answers {
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
    private final Slack slack;
    private final WebApi api;
    private final MethodsClient client;
    private final Clock clock;
    private final Chat chat;
    private final String publicUrl;
    private final Supplier<Interactions> core;

    /**
     * @param publicUrl the dashboard's address without a trailing slash; null for no links
     * @param core      the core once serving (null before: links go to the dashboard itself)
     */
    Answers(Slack slack, WebApi api, MethodsClient client, Clock clock, Chat chat, String publicUrl, Supplier<Interactions> core) {
        this.slack = slack;
        this.api = api;
        this.client = client;
        this.clock = clock;
        this.chat = chat;
        this.publicUrl = publicUrl;
        this.core = core;
    }

    /**
     * The response_url of a request received now; answers it cannot take go
     * to the channel when they were meant for it, else to the member's DM.
     */
    ResponseUrl responder(String url, boolean click, String channel, String user) {
        return new ResponseUrl(slack, api, url, click, clock.instant(), clock, reply -> {
            if (reply.visibility() == Reply.Visibility.CHANNEL && channel != null && chat.reaches(channel)) {
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

    /** The response_url of a request refused before anyone was known (another workspace's click): nowhere else to go. */
    ResponseUrl refusalOnly(String url) {
        return new ResponseUrl(slack, api, url, true, clock.instant(), clock, reply -> LOG.info("Slack: the refusal reached no one"));
    }

    /** A form's outcome in the channel it came from, to all or to the user alone as its visibility says; a DM when neither reaches them. */
    void fromForm(Reply reply, String channel, String user) {
        List<LayoutBlock> blocks = BlockKit.blocks(reply, linkFor(reply.title()));
        try {
            if (channel == null) {
                throw new WebApi.Failure(WebApi.Kind.REFUSED, null, "no channel");
            }
            if (reply.visibility() == Reply.Visibility.ASKER) {
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

    /**
     * The dashboard page of the first release named in these texts (the
     * command, the reply's title), or the dashboard itself; null without
     * {@code BTR_PUBLIC_URL}.
     */
    String linkFor(String... texts) {
        if (publicUrl == null) {
            return null;
        }
        Interactions interactions = core.get();
        return publicUrl + (interactions == null ? "/" : interactions.releaseNamedIn(texts).map(r -> "/releases/" + r).orElse("/"));
    }
}
