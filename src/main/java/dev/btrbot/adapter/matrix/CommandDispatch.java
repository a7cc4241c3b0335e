package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a room event into the work it asks of the bot: a {@code !btr}
 * message, or a ✅/❌ reaction on one of the bot's prompts, becomes an {@link
 * Invocation} for {@link Bot#handle}, answered in the room (in reply, and in
 * the thread it was said in). The work runs in the room's lane; it claims the
 * event (by id) first, so an event is handled at most once whatever a sync
 * replays, and stores the answers in the same transaction that marks the
 * event done. Ignored: the bot's own events, {@code m.notice}s (other bots),
 * edits, and events from before the room's cutoff.
 */
final class CommandDispatch {
    private final MatrixStore store;
    private final MatrixSendQueue sends;
    private final MatrixMemberNames names;
    private final Bot bot;
    private final Clock clock;

    CommandDispatch(MatrixStore store, MatrixSendQueue sends, MatrixMemberNames names, Bot bot, Clock clock) {
        this.store = store;
        this.sends = sends;
        this.names = names;
        this.bot = bot;
        this.clock = clock;
    }

    /** The work the event asks for, to run in the room's lane; empty when it asks for none. */
    Optional<Runnable> work(String self, String room, JsonNode ev, Instant notBefore) {
        String eventId = ev.path("event_id").asText(null);
        String sender = ev.path("sender").asText("");
        if (eventId == null || sender.equals(self) || ev.path("origin_server_ts").asLong(0) < notBefore.toEpochMilli()) {
            return Optional.empty();
        }
        JsonNode content = ev.path("content");
        switch (ev.path("type").asText()) {
            case "m.room.message" -> {
                // an edit changes what was said; it is not said anew, so it never runs (whatever its fallback body reads)
                String command = "m.text".equals(content.path("msgtype").asText()) && !MatrixMessages.isEdit(content)
                        ? MatrixMessages.command(content.path("body").asText()) : null;
                return command == null ? Optional.empty() : Optional.of(() -> command(room, eventId, sender, command, content));
            }
            case "m.reaction" -> {
                JsonNode relation = content.path("m.relates_to");
                MatrixMessages.Polarity polarity = MatrixMessages.polarity(relation.path("key").asText(null));
                if (!"m.annotation".equals(relation.path("rel_type").asText()) || polarity == null) {
                    return Optional.empty();
                }
                return Optional.of(() -> reaction(room, eventId, sender, relation.path("event_id").asText(""), polarity));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private void command(String room, String eventId, String sender, String command, JsonNode content) {
        if (!store.claim(eventId, room, sender, clock.instant())) {
            return;
        }
        names.learn(room, sender);
        Reply reply = run(sender, actor -> new Invocation(actor, command));
        answer(eventId, List.of(MatrixSendQueue.message(room,
                MatrixMessages.inReplyTo(MatrixMessages.notice(reply), eventId, MatrixMessages.threadRoot(content)),
                MatrixMessages.actionsJson(reply.actions()))));
    }

    private void reaction(String room, String eventId, String sender, String target, MatrixMessages.Polarity polarity) {
        Optional<MatrixStore.Prompt> prompt = store.prompt(target);
        if (prompt.isEmpty()) {
            return;
        }
        List<Reply.Action> chosen = MatrixMessages.actions(prompt.get().actions()).stream()
                .filter(a -> MatrixMessages.polarity(a) == polarity).toList();
        if (chosen.isEmpty() || !store.claim(eventId, room, sender, clock.instant())) {
            return;
        }
        names.learn(room, sender);
        List<Reply> replies = chosen.stream().map(a -> run(sender, actor -> Invocation.pressed(actor, a))).toList();
        List<Reply> done = replies.stream().filter(r -> !r.isError()).toList();
        List<Reply> shown = !done.isEmpty() ? done : List.of(Reply.error(sender + "'s " + MatrixMessages.emoji(polarity)
                + " changed nothing: " + replies.get(0).title(), null));
        String threadRoot = threadRoot(prompt.get());
        answer(eventId, shown.stream().map(r -> MatrixSendQueue.message(room,
                MatrixMessages.inReplyTo(MatrixMessages.notice(r), prompt.get().eventId(), threadRoot),
                MatrixMessages.actionsJson(r.actions()))).toList());
    }

    private static String threadRoot(MatrixStore.Prompt prompt) {
        try {
            return MatrixMessages.threadRoot(MatrixClient.JSON.readTree(prompt.content()));
        } catch (IOException e) {
            return null;
        }
    }

    private Reply run(String sender, java.util.function.Function<MemberId, Invocation> invocation) {
        try {
            return bot.handle(invocation.apply(new MemberId(sender)));
        } catch (Refusal e) {
            return Reply.error(e.getMessage(), null);
        }
    }

    private void answer(String eventId, List<MatrixStore.Outgoing> answers) {
        sends.storeAndSend(answers, () -> {
            store.finish(eventId, answers, clock.instant());
            return true;
        });
    }
}
