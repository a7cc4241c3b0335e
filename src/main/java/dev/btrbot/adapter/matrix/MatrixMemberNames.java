package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.core.port.MemberNames;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Text;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matrix display names, from the {@code displayname} of each member's {@code
 * m.room.member} event: those the sync shows (the state of the rooms, lazily
 * loaded for who speaks, and membership changes in timelines), and, for a
 * member who speaks to the bot before any was seen, their member event in that
 * room asked of the homeserver once per run. A display name belongs to a room
 * in Matrix; the one seen last stands for the member everywhere. A member who
 * removes theirs (a join without one) shows as their id again; one who leaves
 * keeps the name they had. Names are kept to one line of at most {@value
 * #LONGEST} characters.
 */
final class MatrixMemberNames implements MemberNames {
    static final int LONGEST = 64;

    private final MatrixClient client;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    /** Members whose member event was seen or asked for in this run. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    MatrixMemberNames(MatrixClient client) {
        this.client = client;
    }

    @Override
    public Optional<String> displayName(MemberId id) {
        return Optional.ofNullable(names.get(id.value()));
    }

    /** An {@code m.room.member} state event, from a sync's state or timeline. */
    void seen(JsonNode memberEvent) {
        String user = memberEvent.path("state_key").asText("");
        if (memberEvent.path("type").asText().equals("m.room.member") && user.startsWith("@")) {
            known.add(user);
            record(user, memberEvent.path("content"));
        }
    }

    /** Asks the homeserver for the member's event in the room, unless one was seen or asked for in this run. */
    void learn(String roomId, String user) {
        if (!user.startsWith("@") || !known.add(user)) {
            return;
        }
        try {
            client.member(roomId, user).ifPresent(content -> record(user, content));
        } catch (MatrixClient.Transient e) {
            known.remove(user);     // asked again next time
        }
    }

    private void record(String user, JsonNode content) {
        String membership = content.path("membership").asText("");
        Optional<String> name = shown(content.path("displayname").asText(null));
        if (name.isPresent() && !membership.equals("leave") && !membership.equals("ban")) {
            names.put(user, name.get());
        } else if (membership.equals("join") && name.isEmpty()) {
            names.remove(user);
        }
    }

    /** One line, no control or bidi characters, at most {@link #LONGEST} characters; empty when nothing is left. */
    static Optional<String> shown(String displayName) {
        if (displayName == null) {
            return Optional.empty();
        }
        String line = Text.oneLine(displayName).replaceAll("\\s+", " ").strip();
        if (line.codePointCount(0, line.length()) > LONGEST) {
            line = line.substring(0, line.offsetByCodePoints(0, LONGEST - 1)) + "…";
        }
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
    }
}
