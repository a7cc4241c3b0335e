package dev.btrbot.adapter.store;

import dev.btrbot.core.port.SeenRequestRepo;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

final class SqlSeenRequests implements SeenRequestRepo {
    private final Handle h;

    SqlSeenRequests(Handle h) {
        this.h = h;
    }

    @Override
    public boolean firstSight(String key, Instant at, Instant forgetBefore) {
        // each scope forgets on its own clock: Slack's requests after minutes must not take a forum's deliveries of days along
        String scope = scopeOf(key);
        if (scope.isEmpty()) {
            h.createUpdate("delete from seen_request where at < :before and key not like '%|%'")
                    .bind("before", forgetBefore.toEpochMilli()).execute();
        } else {
            h.createUpdate("delete from seen_request where at < :before and substr(key, 1, :length) = :scope")
                    .bind("before", forgetBefore.toEpochMilli()).bind("length", scope.length()).bind("scope", scope).execute();
        }
        // the primary key decides: of two processes taking the same request, one inserts and the other sees it
        return h.createUpdate("insert into seen_request (key, at) values (:key, :at) on conflict (key) do nothing")
                .bind("key", key).bind("at", at.toEpochMilli()).execute() == 1;
    }

    /** What comes before a key's first '|', with it; empty for a key without one. */
    static String scopeOf(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? "" : key.substring(0, bar + 1);
    }
}
