package dev.btrbot.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rooms' lanes and the sync tokens that wait for them, on their own. */
class RoomLanesTest {
    @TempDir
    Path dir;

    @Test
    void eachRoomsTasksRunInTheOrderGivenWhileRoomsRunSideBySide() throws Exception {
        RoomLanes lanes = new RoomLanes(3, 1_000);
        List<String> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            String room = "!r" + (i % 5);
            int n = i;
            assertThat(lanes.submit(room, () -> ran.add(room + " " + n))).isTrue();
        }
        lanes.awaitIdle();
        assertThat(ran).hasSize(200);
        for (int r = 0; r < 5; r++) {
            String room = "!r" + r;
            List<Integer> order = ran.stream().filter(s -> s.startsWith(room + " ")).map(s -> Integer.parseInt(s.split(" ")[1])).toList();
            assertThat(order).isSorted().hasSize(40);
        }
        lanes.shutdown();
    }

    @Test
    void aBlockedRoomHoldsOnlyItselfAndAStopDropsWhatHasNotStarted() throws Exception {
        RoomLanes lanes = new RoomLanes(2, 1_000);
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try {
            lanes.submit("!a", () -> {
                blocking.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.add("a1");
            });
            assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
            lanes.submit("!a", () -> ran.add("a2"));
            CountDownLatch bDone = new CountDownLatch(1);
            lanes.submit("!b", () -> {
                ran.add("b1");
                bDone.countDown();
            });
            assertThat(bDone.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("b1");

            lanes.shutdown();
            assertThat(lanes.submit("!b", () -> ran.add("b2"))).isFalse();
            release.countDown();
            assertThat(lanes.awaitTermination(java.time.Duration.ofSeconds(10))).isTrue();
            lanes.awaitIdle();
            assertThat(ran).containsExactly("b1", "a1");      // a2 had not started: dropped
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSubmitBeyondTheCapacityWaitsUntilATaskIsDone() throws Exception {
        RoomLanes lanes = new RoomLanes(1, 2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable held = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            lanes.submit("!a", held);
            lanes.submit("!a", () -> { });
            Thread third = new Thread(() -> lanes.submit("!b", () -> { }));
            third.start();
            MatrixAdapterTest.await(() -> third.getState() == Thread.State.WAITING, "the third submit to wait for room");
            release.countDown();
            third.join();
            lanes.awaitIdle();
        } finally {
            release.countDown();
            lanes.shutdown();
        }
    }

    @Test
    void aTokenIsSavedOnlyOnceItsBatchAndEveryEarlierOneAreDoneAndAnAbandonedBatchNeverIs() {
        TestBot.builder(dir).build();       // the database, migrated
        MatrixStore store = MatrixStore.open(dev.btrbot.adapter.store.SqliteStore.writer(dir.resolve("btr.db")));
        SyncTokens tokens = new SyncTokens(store);
        SyncTokens.Batch one = tokens.open("s1");
        one.add();
        one.dispatched();
        SyncTokens.Batch two = tokens.open("s2");
        two.dispatched();
        assertThat(store.since()).isEmpty();            // s2 is done, but s1's task is not
        one.done();
        assertThat(store.since()).contains("s2");

        SyncTokens.Batch three = tokens.open("s3");
        three.add();
        three.abandon();                                // stopped part way: its task still runs
        SyncTokens.Batch four = tokens.open("s4");      // the same events again, and more
        four.dispatched();
        assertThat(store.since()).contains("s2");
        three.done();
        assertThat(store.since()).contains("s4");
    }
}
