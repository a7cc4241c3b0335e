package dev.btrbot.adapter.matrix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * What the Matrix adapter keeps across restarts, in the bot's SQLite file
 * (tables {@code matrix_*}, migrations V4, V7 and V21): the sync token and the last event
 * seen per room (in {@code matrix_state}), the events it took on, the outbox of
 * sends with their transaction ids, direct rooms (and which are encrypted, and
 * whether their member was told), when the bot joined and left each room, and
 * rooms already told they are encrypted. Writes take the write lock at BEGIN, like
 * the main store, so the two never deadlock on one file.
 */
final class MatrixStore {
    private final Jdbi jdbi;

    private MatrixStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The Matrix tables of the bot's database, whichever it is (migrated; SQLite's taking the write lock at BEGIN). */
    static MatrixStore open(Jdbi jdbi) {
        return new MatrixStore(jdbi);
    }

    /** A message to send, as stored before the first attempt. {@code actions} is the prompt's actions JSON, or null. */
    record Outgoing(String txnId, String roomId, String eventType, String content, String actions) {
    }

    /** A message the bot sent that offers actions; reactions on {@code eventId} run them. */
    record Prompt(String eventId, String roomId, String content, String actions) {
    }

    /** An event taken on but never finished (the process stopped while handling it). */
    record Interrupted(String eventId, String roomId, String sender) {
    }

    Optional<String> since() {
        return value("since");
    }

    void saveSince(String token) {
        put("since", token);
    }

    /** The newest timeline event of the room the bot has been through; a backfill stops there. */
    Optional<String> lastEvent(String roomId) {
        return value("last_event " + roomId);
    }

    void saveLastEvent(String roomId, String eventId) {
        put("last_event " + roomId, eventId);
    }

    private void put(String key, String value) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                "insert into matrix_state(key, value) values (:k, :v) on conflict(key) do update set value = excluded.value")
                .bind("k", key).bind("v", value).execute());
    }

    /** When the bot first ran against this database; events before it are history, never commands. */
    Instant firstStart(Instant now) {
        return jdbi.inTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> {
            h.createUpdate("insert into matrix_state(key, value) values ('first_start', :v) on conflict(key) do nothing")
                    .bind("v", now.toString()).execute();
            return Instant.parse(h.createQuery("select value from matrix_state where key = 'first_start'").mapTo(String.class).one());
        });
    }

    private Optional<String> value(String key) {
        return jdbi.withHandle(h -> h.createQuery("select value from matrix_state where key = :k").bind("k", key)
                .mapTo(String.class).findOne());
    }

    /** Takes an event on; false when it was taken on before (a replayed sync), so it must not run again. */
    boolean claim(String eventId, String roomId, String sender, Instant now) {
        return jdbi.inTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                "insert into matrix_event(event_id, room_id, sender, state, at) values (:e, :r, :s, 'handling', :at) "
                        + "on conflict(event_id) do nothing")
                .bind("e", eventId).bind("r", roomId).bind("s", sender).bind("at", now.toString()).execute() == 1);
    }

    /** Which of these events were taken on before (handled, being handled, or interrupted). */
    Set<String> claimed(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(h -> Set.copyOf(h.createQuery("select event_id from matrix_event where event_id in (<ids>)")
                .bindList("ids", List.copyOf(eventIds)).mapTo(String.class).list()));
    }

    /** Marks the event handled and stores its answers for sending, in one transaction. */
    void finish(String eventId, List<Outgoing> answers, Instant now) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> {
            answers.forEach(o -> insert(h, o, now));
            h.createUpdate("update matrix_event set state = 'done' where event_id = :e").bind("e", eventId).execute();
        });
    }

    /**
     * Events left 'handling' by a stopped process: marked interrupted, each with
     * the notice saying so stored for sending, in one transaction.
     */
    List<Interrupted> interrupt(java.util.function.Function<Interrupted, Outgoing> notice, Instant now) {
        return jdbi.inTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> {
            List<Interrupted> left = h.createQuery("select event_id, room_id, sender from matrix_event where state = 'handling'")
                    .map((rs, ctx) -> new Interrupted(rs.getString(1), rs.getString(2), rs.getString(3))).list();
            for (Interrupted i : left) {
                insert(h, notice.apply(i), now);
                h.createUpdate("update matrix_event set state = 'interrupted' where event_id = :e").bind("e", i.eventId()).execute();
            }
            return left;
        });
    }

    void enqueue(Outgoing o, Instant now) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> insert(h, o, now));
    }

    private static void insert(org.jdbi.v3.core.Handle h, Outgoing o, Instant now) {
        h.createUpdate("insert into matrix_txn(txn_id, room_id, event_type, content, content_hash, actions, state, created_at) "
                        + "values (:t, :r, :type, :c, :hash, :a, 'pending', :at)")
                .bind("t", o.txnId()).bind("r", o.roomId()).bind("type", o.eventType()).bind("c", o.content())
                .bind("hash", sha256(o.content())).bind("a", o.actions()).bind("at", now.toString()).execute();
    }

    List<Outgoing> pending() {
        return jdbi.withHandle(h -> h.createQuery(
                        "select txn_id, room_id, event_type, content, actions from matrix_txn where state = 'pending' order by created_at, rowid")
                .map((rs, ctx) -> new Outgoing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list());
    }

    void sent(String txnId, String eventId, Instant now) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                        "update matrix_txn set state = 'sent', event_id = :e, sent_at = :at where txn_id = :t and state = 'pending'")
                .bind("e", eventId).bind("at", now.toString()).bind("t", txnId).execute());
    }

    void failed(String txnId) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                "update matrix_txn set state = 'failed' where txn_id = :t and state = 'pending'").bind("t", txnId).execute());
    }

    /** The event id of a sent transaction, if it has been sent. */
    Optional<String> eventOf(String txnId) {
        return jdbi.withHandle(h -> h.createQuery("select event_id from matrix_txn where txn_id = :t and state = 'sent'")
                .bind("t", txnId).mapTo(String.class).findOne());
    }

    Optional<Prompt> prompt(String eventId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select event_id, room_id, content, actions from matrix_txn where event_id = :e and actions is not null")
                .bind("e", eventId).map((rs, ctx) -> new Prompt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .findOne());
    }

    Optional<String> directRoom(String member) {
        return jdbi.withHandle(h -> h.createQuery("select room_id from matrix_dm where member = :m").bind("m", member)
                .mapTo(String.class).findOne());
    }

    /** Every remembered direct room, by member. */
    Map<String, String> directRooms() {
        return jdbi.withHandle(h -> h.createQuery("select member, room_id from matrix_dm order by member")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new)));
    }

    void saveDirectRoom(String member, String roomId) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                        "insert into matrix_dm(member, room_id) values (:m, :r) on conflict(member) do update set room_id = excluded.room_id")
                .bind("m", member).bind("r", roomId).execute());
    }

    /** The member whose direct room this is, if it is one. */
    Optional<String> directRoomMember(String roomId) {
        return jdbi.withHandle(h -> h.createQuery("select member from matrix_dm where room_id = :r").bind("r", roomId)
                .mapTo(String.class).findFirst());
    }

    /** Records that a direct room is end-to-end encrypted (the first time found stays). */
    void directRoomEncrypted(String roomId, Instant at) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                        "update matrix_dm set encrypted_at = coalesce(encrypted_at, :at) where room_id = :r")
                .bind("at", at.toString()).bind("r", roomId).execute());
    }

    /** True when the member's direct room is known to be end-to-end encrypted. */
    boolean directRoomIsEncrypted(String member) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from matrix_dm where member = :m and encrypted_at is not null")
                .bind("m", member).mapTo(Integer.class).one() > 0);
    }

    /**
     * True exactly once per member whose direct room is encrypted: the first caller sends the notice saying the bot
     * cannot write there, stored for sending in the same transaction.
     */
    boolean claimEncryptedDirectRoomNotice(String member, Outgoing notice, Instant now) {
        return jdbi.inTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> {
            boolean first = h.createUpdate("update matrix_dm set told_at = :at where member = :m and encrypted_at is not null "
                    + "and told_at is null").bind("at", now.toString()).bind("m", member).execute() == 1;
            if (first) {
                insert(h, notice, now);
            }
            return first;
        });
    }

    /**
     * Records that the bot is in a room. The first join sets {@code joined_at}; a later one keeps it (a re-join at start
     * of a room the bot never left must not hide what was said while it was stopped), unless the bot left the room in
     * between ({@code left_at} set, see {@link #left}): then the room starts afresh, {@code joined_at} becomes
     * {@code at} and {@code left_at} is cleared, so what was said while the bot was out never runs.
     */
    void joined(String roomId, Instant at) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                        "insert into matrix_room(room_id, joined_at) values (:r, :at) "
                                + "on conflict(room_id) do update set joined_at = case when matrix_room.left_at is not null "
                                + "or matrix_room.joined_at is null then excluded.joined_at else matrix_room.joined_at end, left_at = null")
                .bind("r", roomId).bind("at", at.toString()).execute());
    }

    /**
     * The bot's own join event at {@code at} was seen in the room's timeline (after a leave, or with a previous
     * membership other than join): nothing before it is a command. Moves {@code joined_at} forward to {@code at}
     * (never back) and clears {@code left_at}.
     */
    void rejoinedAt(String roomId, Instant at) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                        "insert into matrix_room(room_id, joined_at) values (:r, :at) on conflict(room_id) do update set "
                                + "joined_at = case when matrix_room.joined_at is null or matrix_room.joined_at < excluded.joined_at "
                                + "then excluded.joined_at else matrix_room.joined_at end, left_at = null")
                .bind("r", roomId).bind("at", at.toString()).execute());
    }

    /** Records that the bot is no longer in a room (kicked, banned, left); the next {@link #joined} starts it afresh. */
    void left(String roomId, Instant at) {
        jdbi.useTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> h.createUpdate(
                        "insert into matrix_room(room_id, left_at) values (:r, :at) on conflict(room_id) do update set left_at = excluded.left_at")
                .bind("r", roomId).bind("at", at.toString()).execute());
    }

    Optional<Instant> leftAt(String roomId) {
        return jdbi.withHandle(h -> h.createQuery("select left_at from matrix_room where room_id = :r and left_at is not null")
                .bind("r", roomId).mapTo(String.class).findOne().map(Instant::parse));
    }

    Optional<Instant> joinedAt(String roomId) {
        return jdbi.withHandle(h -> h.createQuery("select joined_at from matrix_room where room_id = :r and joined_at is not null")
                .bind("r", roomId).mapTo(String.class).findOne().map(Instant::parse));
    }

    /** True exactly once per room: the first caller sends the "this room is encrypted" notice, with it stored in the same transaction. */
    boolean claimEncryptionNotice(String roomId, Outgoing notice, Instant now) {
        return jdbi.inTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> {
            h.createUpdate("insert into matrix_room(room_id) values (:r) on conflict(room_id) do nothing").bind("r", roomId).execute();
            boolean first = h.createUpdate("update matrix_room set encryption_notice_at = :at where room_id = :r and encryption_notice_at is null")
                    .bind("at", now.toString()).bind("r", roomId).execute() == 1;
            if (first) {
                insert(h, notice, now);
            }
            return first;
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
