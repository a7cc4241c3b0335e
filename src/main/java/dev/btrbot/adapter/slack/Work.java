package dev.btrbot.adapter.slack;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the adapter does after acknowledging a request (running the command,
 * answering it), on a small pool of daemon threads. It knows when all of it
 * is done, so a test waits for that instead of sleeping and hoping.
 */
final class Work implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Work.class);
    private final ExecutorService pool;
    private final Object lock = new Object();
    private int pending;

    Work(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Something that may throw; a failure is logged, naming {@code what}. */
    interface Task {
        void run() throws Exception;
    }

    void submit(String what, Task task) {
        synchronized (lock) {
            pending++;
        }
        try {
            pool.submit(() -> {
                try {
                    task.run();
                } catch (Exception e) {
                    LOG.error("Slack: answering a {} failed", what, e);
                } finally {
                    done();
                }
            });
        } catch (RuntimeException e) {
            done();
            throw e;
        }
    }

    private void done() {
        synchronized (lock) {
            pending--;
            lock.notifyAll();
        }
    }

    /**
     * Waits until nothing submitted is queued or running (work that submits
     * more is waited for too).
     *
     * @return false when that did not happen within {@code timeout}
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (pending > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
