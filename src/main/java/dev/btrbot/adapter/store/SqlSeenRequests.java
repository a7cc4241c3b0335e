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
        h.createUpdate("delete from seen_request where at < :before").bind("before", forgetBefore.toEpochMilli()).execute();
        // the primary key decides: of two processes taking the same request, one inserts and the other sees it
        return h.createUpdate("insert into seen_request (key, at) values (:key, :at) on conflict (key) do nothing")
                .bind("key", key).bind("at", at.toEpochMilli()).execute() == 1;
    }
}
