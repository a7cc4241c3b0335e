package dev.btrbot.adapter.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
import dev.btrbot.domain.MemberId;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot speaking in Slack unasked: posts to a release's channel
 * ({@code chat.postMessage}), tag progress edited in place
 * ({@code chat.update}, the post's id being its {@code ts}), and direct
 * messages to a member (a post to their user id, which Slack delivers in the
 * app's DM and answers with that DM's own channel id, D…: the id an edit of
 * the post must name). It reaches Slack channel ids (C…, G…, D…) and user ids
 * (U…, W…).
 * A call Slack refuses, or that still fails after {@link WebApi}'s retries, is
 * thrown as {@link Chat.Undelivered}: the caller decides whether that stops it
 * (an announcement) or not (tag progress).
 */
public final class SlackChat implements Chat {
    private static final Logger LOG = LoggerFactory.getLogger(SlackChat.class);
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{6,}");
    private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{6,}");

    private final WebApi api;
    private final MethodsClient client;
    private final Function<Reply, String> moreUrl;

    SlackChat(WebApi api, MethodsClient client, Function<Reply, String> moreUrl) {
        this.api = api;
        this.client = client;
        this.moreUrl = moreUrl;
    }

    @Override
    public PostRef post(String channel, Reply message) {
        try {
            ChatPostMessageResponse r = api.call("chat.postMessage", () -> client.chatPostMessage(b -> b.channel(channel)
                    .text(BlockKit.fallback(message)).blocks(BlockKit.blocks(message, moreUrl.apply(message)))));
            return new PostRef(r.getChannel() == null ? channel : r.getChannel(), r.getTs());
        } catch (WebApi.Failure e) {
            throw undelivered(e, "post to " + channel);
        }
    }

    /** Edits the post; a post that never arrived (no ts) is posted now instead. */
    @Override
    public void update(PostRef post, Reply message) {
        if (post.id() == null) {
            post(post.channel(), message);
            return;
        }
        try {
            api.call("chat.update", () -> client.chatUpdate(b -> b.channel(post.channel()).ts(post.id())
                    .text(BlockKit.fallback(message)).blocks(BlockKit.blocks(message, moreUrl.apply(message)))));
        } catch (WebApi.Failure e) {
            throw undelivered(e, "update of " + post.id() + " in " + post.channel());
        }
    }

    /** A rejected token was logged once by {@link WebApi}; every other failure is logged here, message by message. */
    private static Undelivered undelivered(WebApi.Failure e, String what) {
        if (e.kind() != WebApi.Kind.TOKEN_REJECTED) {
            LOG.warn("Slack {} not delivered: {}", what, e.getMessage());
        }
        return new Undelivered(e.getMessage());
    }

    @Override
    public void tell(MemberId member, Reply message) {
        post(member.value(), message);
    }

    @Override
    public boolean reaches(String channel) {
        return channel != null && CHANNEL.matcher(channel).matches();
    }

    @Override
    public boolean reaches(MemberId member) {
        return USER.matcher(member.value()).matches();
    }
}
