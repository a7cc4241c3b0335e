package dev.btrbot.adapter.store;

import dev.btrbot.core.port.Leadership;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Leadership as a lease row ({@code leader_lease}, V26): the holder renews it every {@link #RENEW_EVERY}
 * for another {@link #TERM}; anyone else takes it only once it has expired, and one statement decides
 * (an upsert whose update applies only to the holder or to an expired lease), so two replicas never both
 * take it. A row, not a PostgreSQL advisory lock: a session lock does not survive a pooler in
 * transaction mode, and a lease works on SQLite alike.
 *
 * <p>The holder believes it leads only until {@code TERM - RENEW_EVERY} after its last successful renewal,
 * so it stops {@link #RENEW_EVERY} before anyone else may start (room for clocks a little apart). When the
 * leader dies, another replica leads at most {@link #HANDOVER} later: the rest of the term, plus at most
 * one renewal interval until it next tries. A leader that stops cleanly {@link #resign resigns} and
 * hands over at the next renewal.
 */
public final class LeaderLease implements Leadership, AutoCloseable {
    public static final Duration TERM = Duration.ofSeconds(20);
    public static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    /** The longest a dead leader's work waits for another replica to take it up. */
    public static final Duration HANDOVER = TERM.plus(RENEW_EVERY);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LeaderLease.class);

    /** What to do when this replica starts or stops leading (start or stop the Matrix loop). */
    public interface Watcher {
        void started();

        void stopped();
    }

    private final Jdbi jdbi;
    private final String name;
    private final String holder;
    private final Clock clock;
    private volatile Instant leadsUntil = Instant.MIN;
    private volatile String leader;
    private volatile boolean leading;
    private volatile Watcher watcher = new Watcher() {
        @Override
        public void started() {
        }

        @Override
        public void stopped() {
        }
    };
    private ScheduledExecutorService heartbeat;

    public LeaderLease(Database database, String name, String holder, Clock clock) {
        this.jdbi = database.jdbi();
        this.name = name;
        this.holder = holder;
        this.clock = clock;
    }

    public void watch(Watcher w) {
        this.watcher = w;
    }

    @Override
    public boolean leads() {
        return clock.instant().isBefore(leadsUntil);
    }

    /** Who led at the last renewal (this replica's holder name when it leads); empty before the first. */
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    /** What {@code /healthz} says about leadership. */
    public String describe() {
        return leads() ? "leader: this replica (" + holder + ")"
                : "leader: " + leader().filter(l -> !l.equals(holder)).orElse("none yet") + "; this replica (" + holder + ") stands by";
    }

    /**
     * One heartbeat: renews the lease when this replica holds it, takes it when it is free or expired.
     * A database that cannot be reached changes nothing: the lease runs out on its own.
     *
     * @return whether this replica leads now
     */
    public boolean renew() {
        Instant now = clock.instant();
        try {
            boolean ours = jdbi.withHandle(h -> h.createUpdate("""
                            insert into leader_lease (name, holder, expires_at, renewed_at) values (:name, :me, :until, :now)
                            on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at,
                                renewed_at = excluded.renewed_at
                            where leader_lease.holder = excluded.holder or leader_lease.expires_at < excluded.renewed_at""")
                    .bind("name", name).bind("me", holder).bind("until", now.plus(TERM).toEpochMilli())
                    .bind("now", now.toEpochMilli()).execute() == 1);
            if (ours) {
                leadsUntil = now.plus(TERM).minus(RENEW_EVERY);
                leader = holder;
            } else {
                leadsUntil = Instant.MIN;
                leader = jdbi.withHandle(h -> h.createQuery("select holder from leader_lease where name = :name")
                        .bind("name", name).mapTo(String.class).findOne().orElse(null));
            }
        } catch (RuntimeException e) {
            LOG.warn("leader lease '{}': cannot reach the database ({}); leading until {} at most", name, e.getMessage(), leadsUntil);
        }
        tell();
        return leads();
    }

    /** Gives the lease up, so that another replica takes it at its next heartbeat rather than after the term. */
    public void resign() {
        leadsUntil = Instant.MIN;
        try {
            jdbi.withHandle(h -> h.createUpdate("delete from leader_lease where name = :name and holder = :me")
                    .bind("name", name).bind("me", holder).execute());
        } catch (RuntimeException e) {
            LOG.warn("leader lease '{}': cannot resign ({}); it expires on its own", name, e.getMessage());
        }
        tell();
    }

    private synchronized void tell() {
        boolean now = leads();
        if (now == leading) {
            return;
        }
        leading = now;
        LOG.info("leader lease '{}': {}", name, now ? "this replica (" + holder + ") leads" : "this replica (" + holder + ") no longer leads");
        try {
            if (now) {
                watcher.started();
            } else {
                watcher.stopped();
            }
        } catch (RuntimeException e) {
            LOG.error("leader lease '{}': acting on the change failed", name, e);
        }
    }

    /** Renews every {@link #RENEW_EVERY} on a thread of its own, starting now. */
    public synchronized void start() {
        if (heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leader-lease");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::renew, 0, RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the heartbeat and resigns. */
    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
        }
        resign();
    }
}
