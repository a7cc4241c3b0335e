package dev.btrbot.adapter.matrix;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Saves a sync batch's {@code next_batch} token only once every event of that
 * batch, and of every batch before it, has been handled: the commands of a
 * batch finish in their rooms' lanes, in any order across rooms, while the
 * loop already reads the next batches. A crash therefore makes the next start
 * sync again from the oldest batch with work left; what of it was handled
 * (claimed) is not run again. A batch the loop gave up part way (a stop, or an
 * error it syncs again after) never has its token saved; once its handed-out
 * work is done it no longer holds back the batches after it, which cover its
 * events again.
 */
final class SyncTokens {
    private final MatrixStore store;
    /** Batches not yet saved, oldest first (guarded by this). */
    private final Deque<Batch> open = new ArrayDeque<>();

    SyncTokens(MatrixStore store) {
        this.store = store;
    }

    /** One batch's work: the loop's own dispatching of it counts as one piece, ended by {@link #dispatched} or {@link #abandon}. */
    final class Batch {
        private final String token;
        private int outstanding = 1;
        private boolean abandoned;

        private Batch(String token) {
            this.token = token;
        }

        /** A task of this batch was handed to a lane; it must call {@link #done} when it ends, however it ends. */
        void add() {
            synchronized (SyncTokens.this) {
                outstanding++;
            }
        }

        void done() {
            synchronized (SyncTokens.this) {
                outstanding--;
                advance();
            }
        }

        /** Every event of the batch was handed out. */
        void dispatched() {
            done();
        }

        /** The loop stopped handing out this batch's events part way: its token is never saved. */
        void abandon() {
            synchronized (SyncTokens.this) {
                abandoned = true;
                outstanding--;
                advance();
            }
        }
    }

    /** The batch with this {@code next_batch} token (null: the homeserver gave none, nothing is saved for it). */
    synchronized Batch open(String token) {
        Batch b = new Batch(token);
        open.addLast(b);
        return b;
    }

    private void advance() {
        while (!open.isEmpty() && open.peekFirst().outstanding == 0) {
            Batch b = open.removeFirst();
            if (!b.abandoned && b.token != null) {
                store.saveSince(b.token);
            }
        }
    }
}
