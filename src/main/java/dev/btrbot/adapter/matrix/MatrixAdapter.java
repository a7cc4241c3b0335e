package dev.btrbot.adapter.matrix;

import dev.btrbot.config.MatrixConfig;
import dev.btrbot.core.Bot;
import dev.btrbot.core.port.Chat;
import dev.btrbot.core.port.PlatformManagers;
import dev.btrbot.core.port.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * btr-bot in Matrix: {@link #chat()} and {@link #managers()} are wired into
 * the core before the bot exists, then {@link #start} runs the sync loop on
 * its own thread until {@link #close}.
 */
public final class MatrixAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixAdapter.class);
    private final MatrixConfig config;
    private final MatrixClient client;
    private final MatrixStore store;
    private final Outbox outbox;
    private final Rooms rooms;
    private final DirectRooms directRooms;
    private final ReleaseRooms releaseRooms = new ReleaseRooms();
    private final MatrixChat chat;
    private final Clock clock;
    private final Timing timing;
    private SyncLoop loop;
    private Thread thread;

    MatrixAdapter(MatrixConfig config, Path database, Clock clock, Timing timing) {
        this(config, MatrixStore.open(database), clock, timing);
    }

    private MatrixAdapter(MatrixConfig config, MatrixStore store, Clock clock, Timing timing) {
        this.config = config;
        this.clock = clock;
        this.timing = timing;
        this.client = new MatrixClient(config.homeserver(), config.accessToken(),
                new MatrixClient.Login(config.user(), config.password(), config.deviceId()), timing);
        this.store = store;
        this.outbox = new Outbox(client, store, timing, clock);
        this.rooms = new Rooms(client, config.managerPowerLevel());
        this.directRooms = new DirectRooms(client, store, clock);
        this.chat = new MatrixChat(store, outbox, rooms, directRooms, releaseRooms, clock);
    }

    /** An adapter on the bot's database; nothing touches the network until {@link #start}. */
    public static MatrixAdapter create(MatrixConfig config, Path database) {
        return new MatrixAdapter(config, database, Clock.systemUTC(), Timing.DEFAULT);
    }

    /** An adapter on the bot's database (SQLite or PostgreSQL), reached through {@code database}. */
    public static MatrixAdapter create(MatrixConfig config, org.jdbi.v3.core.Jdbi database) {
        return new MatrixAdapter(config, MatrixStore.on(database), Clock.systemUTC(), Timing.DEFAULT);
    }

    /** Posts to rooms (ids {@code !…}, aliases {@code #…:server}) and tells members ({@code @user:server}). */
    public Chat chat() {
        return chat;
    }

    /** Room power level as manager right, when {@code MATRIX_POWER_LEVEL_FOR_MANAGERS} is set. */
    public PlatformManagers managers() {
        return rooms;
    }

    /**
     * Runs the sync loop for {@code bot}. {@code releases} is the store the bot runs on: a member the bot cannot write
     * to directly is told so in the room of the release a message is about.
     */
    public synchronized void start(Bot bot, Store releases) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        releaseRooms.use(releases);
        loop = new SyncLoop(config, client, store, outbox, rooms, directRooms, bot, clock, timing);
        thread = new Thread(loop, "matrix-sync");
        thread.setDaemon(true);
        thread.start();
    }

    /** True while the sync loop runs; false before {@link #start}, after {@link #close}, or once it gave up (no way to log in). */
    synchronized boolean running() {
        return thread != null && thread.isAlive();
    }

    /**
     * Stops the loop: a loop that is only waiting is interrupted at once; one handling an event gets {@link
     * Timing#shutdownGrace()} to finish it and its sends, then is interrupted. Nothing is lost either way: an answer is in
     * the outbox with its transaction id before it is sent, and goes out (once) at the next start.
     */
    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        loop.stop();
        try {
            if (loop.idle()) {
                thread.interrupt();
            }
            thread.join(Math.max(1, timing.shutdownGrace().toMillis()));
            if (thread.isAlive()) {
                LOG.info("Matrix: the event being handled did not finish within {} ms; interrupting it (its answer stays in "
                        + "the outbox and is sent at the next start)", timing.shutdownGrace().toMillis());
                thread.interrupt();
                thread.join(Duration.ofSeconds(10).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }
}
