package dev.btrbot.adapter.matrix;

import dev.btrbot.config.MatrixConfig;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.MemberNames;
import dev.btrbot.core.port.PlatformManagers;
import dev.btrbot.core.port.Store;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * btr-bot in Matrix: {@link #chat()}, {@link #managers()} and {@link
 * #memberNames()} are wired into the core before the bot exists, then {@link
 * #start} runs the sync loop on its own thread, and the commands said in
 * rooms on a pool of {@value #COMMAND_THREADS} threads, in order within each
 * room, until {@link #close}.
 */
public final class MatrixAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixAdapter.class);
    /** Commands of different rooms that may run at once. */
    static final int COMMAND_THREADS = 4;
    /** Commands that may wait in the rooms' lanes before the sync loop stops reading. */
    static final int COMMANDS_WAITING = 1_000;

    private final MatrixConfig config;
    private final MatrixClient client;
    private final MatrixStore store;
    private final MatrixSendQueue sends;
    private final Rooms rooms;
    private final DirectRooms directRooms;
    private final MatrixMemberNames names;
    private final ReleaseRooms releaseRooms = new ReleaseRooms();
    private final MatrixChat chat;
    private final Clock clock;
    private final Timing timing;
    private final Sleeper sleeper;
    private SyncLoop loop;
    private RoomLanes lanes;
    private Thread thread;

    MatrixAdapter(MatrixConfig config, Jdbi database, Clock clock, Timing timing, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.timing = timing;
        this.sleeper = sleeper;
        this.client = new MatrixClient(config.homeserver(), config.accessToken(),
                new MatrixClient.Login(config.user(), config.password(), config.deviceId()), timing, sleeper);
        this.store = MatrixStore.open(database);
        this.sends = new MatrixSendQueue(client, store, timing, clock, sleeper);
        this.rooms = new Rooms(client, config.managerPowerLevel());
        this.directRooms = new DirectRooms(client, store, clock);
        this.names = new MatrixMemberNames(client);
        this.chat = new MatrixChat(store, sends, rooms, directRooms, releaseRooms, clock);
    }

    /**
     * An adapter on the bot's database (migrated, taking the write lock at BEGIN, as the store's writer is), on the
     * clock the rest of the bot uses; nothing touches the network until {@link #start}.
     */
    public static MatrixAdapter create(MatrixConfig config, Jdbi database, Clock clock) {
        return new MatrixAdapter(config, database, clock, Timing.DEFAULT, Sleeper.REAL);
    }

    /** An adapter on the bot's database (SQLite or PostgreSQL) and the system clock. */
    public static MatrixAdapter create(MatrixConfig config, Jdbi database) {
        return create(config, database, Clock.systemUTC());
    }

    /** Posts to rooms (ids {@code !…}, aliases {@code #…:server}) and tells members ({@code @user:server}). */
    public Chat chat() {
        return chat;
    }

    /** Room power level as manager right, when {@code MATRIX_POWER_LEVEL_FOR_MANAGERS} is set. */
    public PlatformManagers managers() {
        return rooms;
    }

    /** Matrix members' display names, as the rooms the bot is in show them (known once the sync loop runs). */
    public MemberNames memberNames() {
        return names;
    }

    /**
     * Runs the sync loop for {@code bot}. {@code releases} is the store the bot runs on: a member the bot cannot write
     * to directly is told so in the room of the release a message is about.
     */
    public synchronized void start(Bot bot, Store releases) {
        if (thread != null && thread.isAlive()) {
            // a loop that did not end at close() still runs: a second one beside it would answer commands twice
            throw new IllegalStateException("already started (or the previous sync loop has not ended yet)");
        }
        releaseRooms.use(releases);
        lanes = new RoomLanes(COMMAND_THREADS, COMMANDS_WAITING);
        CommandDispatch dispatch = new CommandDispatch(store, sends, names, bot, clock);
        BatchHandler batches = new BatchHandler(store, sends, rooms, directRooms, names, new RoomMembership(store, clock),
                new Invites(config, client, store, clock), new Backfill(client, store, timing), dispatch, lanes, clock);
        loop = new SyncLoop(new SyncStart(config, client, store, directRooms, clock), client, sends, batches, new SyncTokens(store),
                timing, sleeper);
        thread = new Thread(loop, "matrix-sync");
        thread.setDaemon(true);
        thread.start();
    }

    /** True while the sync loop runs; false before {@link #start}, after {@link #close}, or once it gave up (no way to log in). */
    synchronized boolean running() {
        return thread != null && thread.isAlive();
    }

    /** Waits until every command handed to the rooms' lanes so far has been handled (tests wait on this, never on time). */
    void awaitIdle() throws InterruptedException {
        RoomLanes current;
        synchronized (this) {
            current = lanes;
        }
        if (current != null) {
            current.awaitIdle();
        }
    }

    /**
     * Stops: the loop, if only waiting, is interrupted at once; commands not yet started are dropped (their batch's
     * token was not saved, so the next start runs them); those running get {@link Timing#shutdownGrace()} to finish,
     * with their sends, then are interrupted. Nothing is lost either way: an answer is in the send queue with its
     * transaction id before it is sent, and goes out (once) at the next start.
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
            lanes.shutdown();
            long grace = Math.max(1, timing.shutdownGrace().toMillis());
            long deadline = System.nanoTime() + Duration.ofMillis(grace).toNanos();
            boolean finished = lanes.awaitTermination(Duration.ofMillis(grace));
            thread.join(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            if (!finished || thread.isAlive()) {
                LOG.info("Matrix: the commands being handled did not finish within {} ms; interrupting them (their answers stay in "
                        + "the send queue and are sent at the next start)", grace);
                lanes.interrupt();
                thread.interrupt();
                thread.join(Duration.ofSeconds(10).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Matrix: the sync loop has not ended yet; it is not started again until it has");
        } else {
            thread = null;
        }
    }
}
