package dev.btrbot.adapter.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import dev.btrbot.core.port.MemberNames;
import dev.btrbot.domain.MemberId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack members' display names, from {@code users.info} (scope {@code users:read}): the profile's display name, else
 * the real name, else the handle. A name is kept for a day and then asked again; a member Slack does not answer for
 * (no such user, rate limit, Slack down) is asked again after an hour, showing the name known before, if any.
 * At most {@value #ASKS_PER_WINDOW} members are asked about within {@link #WINDOW}: a reply naming hundreds of
 * members for the first time does not wait on hundreds of calls; those beyond show by their ids (or the name the
 * store remembered) until a later reply asks for them.
 */
final class SlackMemberNames implements MemberNames {
    private static final Logger LOG = LoggerFactory.getLogger(SlackMemberNames.class);
    static final Duration FRESH = Duration.ofDays(1);
    static final Duration RETRY = Duration.ofHours(1);
    private static final int LONGEST = 80;
    static final int ASKS_PER_WINDOW = 20;
    static final Duration WINDOW = Duration.ofSeconds(10);

    private record Known(Optional<String> name, Instant askedAt, boolean answered) {
    }

    private final WebApi api;
    private final MethodsClient client;
    private final Clock clock;
    private final Map<MemberId, Known> known = new ConcurrentHashMap<>();
    private final java.util.Deque<Instant> asked = new java.util.ArrayDeque<>();

    SlackMemberNames(WebApi api, MethodsClient client, Clock clock) {
        this.api = api;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public Optional<String> displayName(MemberId member) {
        // only Slack user ids (MemberId says which those are) are asked of Slack
        if (!MemberId.isSlackUserId(member.value())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Known k = known.get(member);
        if (k != null && now.isBefore(k.askedAt().plus(k.answered() ? FRESH : RETRY))) {
            return k.name();
        }
        Optional<String> before = k == null ? Optional.empty() : k.name();
        if (!mayAsk(now)) {
            return before;
        }
        Known answer = ask(member, now, before);
        known.put(member, answer);
        return answer.name();
    }

    /** True, and counted, while fewer than {@link #ASKS_PER_WINDOW} asks were made within the last {@link #WINDOW}. */
    private synchronized boolean mayAsk(Instant now) {
        while (!asked.isEmpty() && !asked.peekFirst().isAfter(now.minus(WINDOW))) {
            asked.removeFirst();
        }
        if (asked.size() >= ASKS_PER_WINDOW) {
            return false;
        }
        asked.addLast(now);
        return true;
    }

    private Known ask(MemberId member, Instant now, Optional<String> before) {
        try {
            UsersInfoResponse r = api.call("users.info", () -> client.usersInfo(q -> q.user(member.value())));
            return new Known(nameOf(r.getUser()).or(() -> before), now, true);
        } catch (WebApi.Failure e) {
            LOG.info("no display name for {} yet: {}", member, e.getMessage());
            return new Known(before, now, false);
        }
    }

    static Optional<String> nameOf(User user) {
        if (user == null) {
            return Optional.empty();
        }
        User.Profile p = user.getProfile();
        for (String candidate : new String[] {p == null ? null : p.getDisplayName(), p == null ? null : p.getRealName(),
                user.getRealName(), user.getName()}) {
            if (candidate != null && !candidate.isBlank()) {
                String one = dev.btrbot.domain.Text.oneLine(candidate).strip();
                return Optional.of(one.length() > LONGEST ? one.substring(0, LONGEST) : one);
            }
        }
        return Optional.empty();
    }
}
