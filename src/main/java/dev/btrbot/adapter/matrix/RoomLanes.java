package dev.btrbot.adapter.matrix;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the commands said in Matrix rooms run, off the sync thread: one lane
 * per room, so a room's commands run one at a time in the order they were
 * said, over a fixed pool of threads shared by every room, so a long tag run
 * holds its own room and one thread, never the others. At most {@code
 * capacity} tasks wait or run at once: beyond that a submit waits for room
 * (the sync loop stops reading until the lanes catch up) rather than piling
 * up work in memory.
 *
 * <p>A {@link #shutdown} takes nothing new and drops what has not started
 * (those events were never claimed, and their batch's token not saved, so the
 * next start runs them); what runs may finish within the caller's grace.
 */
final class RoomLanes {
    private static final Logger LOG = LoggerFactory.getLogger(RoomLanes.class);

    private final ExecutorService pool;
    private final int capacity;
    /** The tasks waiting behind the running one, per room with a task running or about to (guarded by this). */
    private final Map<String, ArrayDeque<Runnable>> waiting = new HashMap<>();
    /** Tasks submitted and not yet run or dropped (guarded by this). */
    private int pending;
    private boolean closed;

    RoomLanes(int threads, int capacity) {
        if (threads < 1 || capacity < 1) {
            throw new IllegalArgumentException("lanes need a thread and room for a task: " + threads + ", " + capacity);
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "matrix-rooms-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.capacity = capacity;
    }

    /**
     * Queues {@code task} behind the room's earlier ones, waiting while the lanes are full. False when it will not run:
     * the lanes are shut, or the calling thread was interrupted while waiting (its interrupt flag stays set).
     */
    boolean submit(String room, Runnable task) {
        synchronized (this) {
            while (pending >= capacity && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (closed) {
                return false;
            }
            pending++;
            ArrayDeque<Runnable> lane = waiting.get(room);
            if (lane != null) {
                lane.add(task);
                return true;
            }
            waiting.put(room, new ArrayDeque<>());
        }
        pool.execute(() -> drain(room, task));
        return true;
    }

    /** Runs the room's tasks in order until its lane is empty (or the lanes are shut: the rest is dropped). */
    private void drain(String room, Runnable first) {
        Runnable task = first;
        while (task != null) {
            synchronized (this) {
                if (closed) {
                    pending -= 1 + waiting.remove(room).size();
                    notifyAll();
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a Matrix command in {} failed", room, e);
            }
            synchronized (this) {
                pending--;
                task = waiting.get(room).poll();
                if (task == null) {
                    waiting.remove(room);
                }
                notifyAll();
            }
        }
    }

    /** Waits until every task submitted so far has run (or was dropped by a shutdown). */
    synchronized void awaitIdle() throws InterruptedException {
        while (pending > 0) {
            wait();
        }
    }

    /** Takes no new task and drops those not started; the running ones go on. */
    void shutdown() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        pool.shutdown();
    }

    /** True when no task runs any more (after {@link #shutdown}) within {@code grace}. */
    boolean awaitTermination(Duration grace) throws InterruptedException {
        return pool.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Interrupts the tasks still running; lanes that had not started are dropped like the rest. */
    void interrupt() {
        shutdown();
        pool.shutdownNow().forEach(Runnable::run);      // each drops its lane: the lanes are shut
    }
}
