package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills in a room timeline the homeserver cut short ({@code limited}, after
 * downtime or a burst) from {@code /rooms/{roomId}/messages}, paging back
 * from the sync's {@code prev_batch} to the last event the bot went through
 * in that room, an event it already took on, the room's cutoff, or the start
 * of the room; at most {@link Timing#backfillEvents()} events per room per
 * sync (logged when reached). The gap comes back oldest first, to be handled
 * before the batch's own events.
 */
final class Backfill {
    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

    private final MatrixClient client;
    private final MatrixStore store;
    private final Timing timing;

    Backfill(MatrixClient client, MatrixStore store, Timing timing) {
        this.client = client;
        this.store = store;
        this.timing = timing;
    }

    List<JsonNode> gap(String room, String prevBatch, Instant notBefore, BooleanSupplier running) {
        String seen = store.lastEvent(room).orElse(null);
        int bound = timing.backfillEvents();
        int page = SyncFilter.PAGE;
        int maxPages = 2 * ((bound + page - 1) / page);
        List<JsonNode> gap = new ArrayList<>();
        String from = prevBatch;
        int pages = 0;
        fill:
        while (from != null && running.getAsBoolean()) {
            if (gap.size() >= bound || pages >= maxPages) {
                LOG.warn("the gap in {} is longer than btr-bot reaches back ({} events in {} pages); commands said before "
                        + "those were not answered", room, gap.size(), pages);
                break;
            }
            JsonNode answer = client.messagesBefore(room, from, Math.min(page, bound - gap.size()), SyncFilter.backfill());
            pages++;
            List<JsonNode> chunk = new ArrayList<>();
            answer.path("chunk").forEach(chunk::add);
            Set<String> claimed = store.claimed(chunk.stream().map(ev -> ev.path("event_id").asText("")).toList());
            for (JsonNode ev : chunk) {
                String id = ev.path("event_id").asText("");
                if (id.equals(seen) || claimed.contains(id) || ev.path("origin_server_ts").asLong(0) < notBefore.toEpochMilli()) {
                    break fill;
                }
                gap.add(ev);
            }
            String end = answer.path("end").asText(null);
            from = end == null || end.equals(from) ? null : end;
        }
        LOG.info("{}: the homeserver skipped part of the timeline; fetched {} earlier events in {} pages", room, gap.size(), pages);
        Collections.reverse(gap);
        return gap;
    }
}
