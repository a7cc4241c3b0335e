package dev.btrbot.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.btrbot.config.MatrixConfig;
import dev.btrbot.core.Bot;
import dev.btrbot.adapter.store.SqliteStore;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Matrix adapter against a fake homeserver on 127.0.0.1, with the real command core on a SQLite file. */
class MatrixAdapterTest {
    static final String ROOM = "!release:example.org";
    static final String PIERRE = "@pierre:example.org";
    static final Timing FAST = new Timing(Duration.ofMillis(50), Duration.ofMillis(10), Duration.ofMillis(100), 4, Duration.ofSeconds(2), 200,
            Duration.ofMillis(300));

    @TempDir
    Path dir;
    FakeHomeserver hs;
    TestBot t;
    final List<MatrixAdapter> adapters = new ArrayList<>();
    final RecordingSleeper sleeper = new RecordingSleeper();

    /** Records every wait the adapter asks for (back-offs, rate-limit hints), and waits it: FAST's are milliseconds. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) throws InterruptedException {
            waits.add(d);
            Sleeper.REAL.sleep(d);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        hs = new FakeHomeserver();
        t = TestBot.builder(dir).build().withKoa2();
    }

    @AfterEach
    void tearDown() {
        adapters.forEach(MatrixAdapter::close);
        hs.close();
    }

    MatrixConfig config(Integer managerLevel, Set<String> rooms) {
        return new MatrixConfig(hs.url(), FakeHomeserver.TOKEN, null, null, "BTRBOT", rooms, Set.of(), managerLevel);
    }

    MatrixAdapter adapter(MatrixConfig config) {
        MatrixAdapter a = new MatrixAdapter(config, SqliteStore.writer(t.db), Clock.systemUTC(), FAST, sleeper);
        adapters.add(a);
        return a;
    }

    /** Starts an adapter on the test bot's database and waits until its first sync is answered. */
    MatrixAdapter started() {
        MatrixAdapter a = adapter(config(null, Set.of()));
        int before = hs.syncs.size();
        a.start(t.bot, t.store);
        await(() -> hs.syncs.size() >= before + 2, "the first syncs");
        return a;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Waits for the bot to be through the events given so far: two more syncs asked (the first carries them, the second
     * is asked once they were handed to the rooms' lanes), then the lanes idle (every command among them handled).
     */
    void settle() {
        int n = hs.syncs.size();
        await(() -> hs.syncs.size() >= n + 2, "two more syncs");
        adapters.forEach(a -> {
            try {
                a.awaitIdle();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Waits until the wall clock is past the millisecond it reads now, so what happens next has a later timestamp. */
    static void clockMovesOn() {
        long now = System.currentTimeMillis();
        await(() -> System.currentTimeMillis() > now, "the clock to move on");
    }

    /** Captures the log (slf4j-simple writes to standard error) while {@code body} runs. */
    static String logOf(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }

    FakeHomeserver.Sent replyTo(String eventId) {
        await(() -> hs.sent.stream().anyMatch(s -> eventId.equals(s.inReplyTo())), "a reply to " + eventId);
        return hs.sent.stream().filter(s -> eventId.equals(s.inReplyTo())).findFirst().orElseThrow();
    }

    @Test
    void aCommandInARoomGetsANoticeReplyWithAPlainAndAnHtmlBody() {
        started();
        String cmd = hs.command(ROOM, PIERRE, "!btr status koa.2");
        FakeHomeserver.Sent reply = replyTo(cmd);
        assertThat(reply.room()).isEqualTo(ROOM);
        assertThat(reply.type()).isEqualTo("m.room.message");
        assertThat(reply.content().path("msgtype").asText()).isEqualTo("m.notice");
        assertThat(reply.body()).contains("koa.2 — planning").contains("NO-GO").contains("✅ Passed install: !btr signoff koa.2 pass --candidate ");
        assertThat(reply.content().path("format").asText()).isEqualTo("org.matrix.custom.html");
        assertThat(reply.content().path("formatted_body").asText()).contains("<strong>koa.2 — planning").contains("<ul>").contains("<li>");
        assertThat(hs.authHeaders).allMatch(h -> h.equals("Bearer " + FakeHomeserver.TOKEN));
    }

    @Test
    void aCommandInsideAThreadIsAnsweredInThatThreadAsARealReplyToIt() {
        started();
        ObjectNode content = MatrixClient.JSON.createObjectNode().put("msgtype", "m.text").put("body", "!btr roles koa.2");
        content.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", "$root:example.org");
        String cmd = hs.timeline(ROOM, PIERRE, "m.room.message", content, System.currentTimeMillis());
        FakeHomeserver.Sent reply = replyTo(cmd);
        assertThat(reply.content().path("m.relates_to").path("rel_type").asText()).isEqualTo("m.thread");
        assertThat(reply.content().path("m.relates_to").path("event_id").asText()).isEqualTo("$root:example.org");
        // a reply within the thread (threading.md): is_falling_back false, so thread-aware clients show it as a reply
        assertThat(reply.content().path("m.relates_to").path("is_falling_back").isBoolean()).isTrue();
        assertThat(reply.content().path("m.relates_to").path("is_falling_back").asBoolean()).isFalse();
    }

    @Test
    void anEditNeverRunsAsACommandWhateverItsTextSays() {
        started();
        String said = hs.command(ROOM, PIERRE, "we should hold koa.2");
        // the fallback body need not start with "*" (event_replacements.md leaves it to the client)
        hs.edit(ROOM, PIERRE, said, "!btr hold koa.2 edited in", "!btr hold koa.2 edited in");
        hs.edit(ROOM, PIERRE, said, "* !btr hold koa.2 edited in", "!btr hold koa.2 edited in");
        String next = hs.command(ROOM, PIERRE, "!btr release list");
        replyTo(next);
        settle();
        assertThat(hs.sent).hasSize(1);
        assertThat(t.exec("audit koa.2")).doesNotContain("hold");
    }

    @Test
    void aCheckmarkOnASignOffPromptRecordsTheSignOffAsTheReactingUser() {
        started();
        String prompt = replyTo(hs.command(ROOM, PIERRE, "!btr status koa.2")).eventId();
        hs.react(ROOM, PIERRE, prompt, "✅");
        FakeHomeserver.Sent confirmation = replyTo(prompt);
        assertThat(confirmation.body()).contains(PIERRE + " signed off pass on koa.2");
        assertThat(t.exec("status koa.2")).contains("✅ " + PIERRE + " pass");
        assertThat(t.exec("audit koa.2")).contains(PIERRE + "  signoff.pass");
    }

    @Test
    void aCrossOnASignOffPromptRecordsAFail() {
        started();
        String prompt = replyTo(hs.command(ROOM, PIERRE, "!btr status koa.2")).eventId();
        hs.react(ROOM, PIERRE, prompt, "❌️");
        await(() -> hs.sent.size() == 2, "the confirmation");
        assertThat(hs.sent.get(1).body()).contains(PIERRE + " signed off fail on koa.2");
    }

    @Test
    void aCheckmarkOnAPromptWhoseCandidateMovedIsRefusedAndRecordsNothing() {
        started();
        String prompt = replyTo(hs.command(ROOM, PIERRE, "!btr status koa.2")).eventId();
        t.git.head("openedx/edx-platform", TestBot.sha('c'));
        hs.react(ROOM, PIERRE, prompt, "✅");
        await(() -> hs.sent.size() == 2, "the refusal");
        assertThat(hs.sent.get(1).body()).contains(PIERRE + "'s ✅ changed nothing").contains("The candidate moved");
        assertThat(hs.sent.get(1).inReplyTo()).isEqualTo(prompt);
        assertThat(t.exec("status koa.2")).contains("sign-offs:\n    none yet");
    }

    @Test
    void aReactionOnARolePromptFromSomeoneItWasNotOfferedToIsRefusedAndChangesNothing() {
        t.expectOk("role assign koa.2 release-manager @rm:example.org");
        t.expectOk("pool forum add @fay:example.org");
        MatrixAdapter a = adapter(config(null, Set.of()));
        Bot bot = t.wiring.toBuilder().chat(a.chat()).build().bot();
        int before = hs.syncs.size();
        a.start(bot, t.store);
        await(() -> hs.syncs.size() >= before + 2, "the first syncs");

        FakeHomeserver.Sent rotated = replyTo(hs.command(ROOM, "@rm:example.org", "!btr rotate koa.2"));
        assertThat(rotated.body()).contains("forum: offered to @fay:example.org");
        await(() -> hs.sent.stream().anyMatch(s -> !s.room().equals(ROOM)), "the prompt in fay's direct room");
        FakeHomeserver.Sent prompt = hs.sent.stream().filter(s -> !s.room().equals(ROOM)).findFirst().orElseThrow();
        assertThat(prompt.body()).contains("forum").contains("✅").contains("❌");
        int sent = hs.sent.size();

        hs.react(prompt.room(), "@mallory:example.org", prompt.eventId(), "✅");
        await(() -> hs.sent.size() == sent + 1, "the refusal");
        assertThat(hs.sent.get(sent).body()).contains("@mallory:example.org's ✅ changed nothing").contains("only they may answer");
        assertThat(t.exec("roles koa.2")).contains("forum: @fay:example.org (offered, not yet accepted)");

        hs.react(prompt.room(), "@fay:example.org", prompt.eventId(), "✅");
        await(() -> hs.sent.size() == sent + 2, "the confirmation");
        assertThat(hs.sent.get(sent + 1).body()).contains("@fay:example.org is koa.2's forum");
        assertThat(t.exec("roles koa.2")).contains("forum: @fay:example.org\n");
    }

    @Test
    void reactionsOnMessagesThatAreNotPromptsAndOtherEmojiAreIgnored() {
        started();
        String plain = replyTo(hs.command(ROOM, PIERRE, "!btr release list")).eventId();
        String prompt = replyTo(hs.command(ROOM, PIERRE, "!btr status koa.2")).eventId();
        hs.react(ROOM, PIERRE, plain, "✅");
        hs.react(ROOM, PIERRE, prompt, "👍");
        settle();
        assertThat(hs.sent).hasSize(2);
        assertThat(t.exec("status koa.2")).contains("none yet");
    }

    @Test
    void ownEventsNoticesFromOtherBotsAndEventsFromBeforeTheStartAreIgnored() {
        started();
        hs.command(ROOM, FakeHomeserver.BOT, "!btr status koa.2");
        hs.message(ROOM, "@otherbot:example.org", "m.notice", "!btr status koa.2", System.currentTimeMillis());
        hs.message(ROOM, PIERRE, "m.text", "!btr status koa.2", Instant.now().minus(Duration.ofHours(1)).toEpochMilli());
        hs.message(ROOM, PIERRE, "m.text", "just chatting about !btr", System.currentTimeMillis());
        String real = hs.command(ROOM, PIERRE, "!btr release list");
        replyTo(real);
        settle();
        assertThat(hs.sent).hasSize(1);
    }

    @Test
    void aRestartInTheMiddleOfAConversationNeitherReplaysNorMissesCommandsAndNeverPostsTwice() {
        MatrixAdapter first = started();
        String one = hs.command(ROOM, PIERRE, "!btr status koa.2");
        String prompt = replyTo(one).eventId();
        first.close();

        String two = hs.command(ROOM, PIERRE, "!btr release list");     // said while the bot is down
        hs.react(ROOM, PIERRE, prompt, "✅");                            // a reaction on a prompt of the previous run
        started();
        replyTo(two);
        await(() -> hs.sent.size() == 3, "the reaction's confirmation");
        assertThat(hs.sent.get(2).body()).contains(PIERRE + " signed off pass");

        // a crash before the sync token was saved: the next start gets the same events again
        adapters.forEach(MatrixAdapter::close);
        MatrixStore.open(SqliteStore.writer(t.db)).saveSince("s0");
        started();
        settle();
        assertThat(hs.sent).hasSize(3);
        assertThat(hs.sent.stream().filter(s -> one.equals(s.inReplyTo()))).hasSize(1);
        // a send cut off by the stop may be repeated, but only ever with its own transaction id
        assertThat(hs.putTimes.keySet()).hasSize(3);
        assertThat(t.exec("audit koa.2")).containsOnlyOnce("signoff.pass");
    }

    /** Says {@code count} messages in the room while nobody listens; those at the keys of {@code commands} are those commands. */
    List<String> chatter(int count, java.util.Map<Integer, String> commands) {
        return chatter(ROOM, count, commands);
    }

    List<String> chatter(String room, int count, java.util.Map<Integer, String> commands) {
        List<String> said = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (commands.containsKey(i)) {
                said.add(hs.command(room, PIERRE, commands.get(i)));
            } else {
                hs.message(room, "@chatty:example.org", "m.text", "message " + i, System.currentTimeMillis());
            }
        }
        return said;
    }

    List<String> answered(List<String> commands) {
        return hs.sent.stream().map(FakeHomeserver.Sent::inReplyTo).filter(commands::contains).toList();
    }

    @Test
    void commandsSaidWhileTheBotWasStoppedBeyondTheSyncTimelineAreBackfilledAndAnsweredOnceInOrder() {
        MatrixAdapter first = started();
        replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        settle();
        first.close();

        // 250 events: the first sync after the restart shows the newest 100 (limited); 2 of the 3 commands are before them
        List<String> commands = chatter(250, java.util.Map.of(10, "!btr roles koa.2", 120, "!btr blockers koa.2", 240, "!btr status koa.2"));
        started();
        commands.forEach(this::replyTo);
        settle();
        assertThat(answered(commands)).containsExactlyElementsOf(commands);
        // paged back only to the last event seen before the stop: 150 events, 2 pages, each with the sync's own event filter
        assertThat(hs.pages).hasSize(2).allSatisfy(q -> {
            assertThat(q).containsEntry("dir", "b").containsEntry("limit", "100");
            assertThat(q.get("filter")).contains("m.room.message").contains("m.reaction");
        });
        assertThat(hs.sent).hasSize(4);

        // a crash before the token of that sync was saved: the same limited sync again answers nothing twice
        adapters.forEach(MatrixAdapter::close);
        MatrixStore store = MatrixStore.open(SqliteStore.writer(t.db));
        store.saveSince("s" + (Integer.parseInt(hs.syncs.get(hs.syncs.size() - 1).substring(1)) - 150));
        started();
        settle();
        assertThat(hs.sent).hasSize(4);
    }

    @Test
    void aBusyRoomAtTheFirstStartIsBackfilledOnlyBackToTheCutoffSoHistoryNeverRuns() {
        long hourAgo = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        String old = hs.message(ROOM, PIERRE, "m.text", "!btr release list", hourAgo);
        for (int i = 0; i < 150; i++) {
            hs.message(ROOM, "@chatty:example.org", "m.text", "old " + i, hourAgo);
        }
        started();
        settle();
        assertThat(hs.pages).hasSize(1);
        assertThat(hs.sent).isEmpty();
        String now = hs.command(ROOM, PIERRE, "!btr release list");
        replyTo(now);
        assertThat(answered(List.of(old, now))).containsExactly(now);
    }

    @Test
    void aGapLongerThanTheBackfillBoundIsFilledUpToTheBoundAndTheRestIsLogged() {
        MatrixAdapter first = started();
        replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        settle();
        first.close();

        // FAST reaches back 200 events: 100 in the sync, 200 backfilled, the oldest 100 of the gap out of reach
        List<String> commands = chatter(400, java.util.Map.of(20, "!btr roles koa.2", 250, "!btr blockers koa.2", 390, "!btr status koa.2"));
        String log = logOf(() -> {
            started();
            replyTo(commands.get(1));
            replyTo(commands.get(2));
            settle();
        });
        assertThat(answered(commands)).containsExactly(commands.get(1), commands.get(2));
        assertThat(hs.pages).hasSize(2);
        assertThat(log).contains("the gap in " + ROOM + " is longer than btr-bot reaches back (200 events in 2 pages)");
    }

    @Test
    void aStopDuringASendKeepsTheAnswerInTheOutboxAndTheNextStartSendsItOnceAndGoesOnWithTheBatch() {
        MatrixAdapter first = started();
        hs.holdNextSends(1);
        String one;
        String two;
        synchronized (hs) {     // both in one sync batch
            one = hs.command(ROOM, PIERRE, "!btr release list");
            two = hs.command(ROOM, PIERRE, "!btr roles koa.2");
        }
        await(() -> hs.sent.size() == 1, "the first answer to reach the homeserver");   // stored there, its response held
        String txn = hs.sent.get(0).txnId();
        first.close();
        assertThat(hs.sendsHeld.get()).as("the stop did not wait for the homeserver's answer").isEqualTo(1);
        assertThat(MatrixStore.open(SqliteStore.writer(t.db)).pending()).extracting(MatrixStore.Outgoing::txnId).containsExactly(txn);

        hs.releaseHeldSends();
        started();
        replyTo(two);
        settle();
        assertThat(answered(List.of(one, two))).containsExactly(one, two);
        assertThat(hs.putTimes.get(txn)).hasSize(2);
        assertThat(MatrixStore.open(SqliteStore.writer(t.db)).eventOf(txn)).contains(hs.sent.get(0).eventId());
        assertThat(MatrixStore.open(SqliteStore.writer(t.db)).pending()).isEmpty();
    }

    @Test
    void aStopWhileWaitingOnTheLongPollDoesNotWaitForIt() {
        // the homeserver holds the long-poll for an hour, and the stop would give a busy loop as long: only not waiting
        // for the poll lets the stop return while the poll is still held
        hs.longPollCapMs = Duration.ofHours(1).toMillis();
        Timing patient = new Timing(Duration.ofHours(1), FAST.backoffBase(), FAST.backoffMax(), FAST.sendAttempts(), FAST.maxRateWait(),
                FAST.backfillEvents(), Duration.ofHours(1));
        MatrixAdapter a = new MatrixAdapter(config(null, Set.of()), SqliteStore.writer(t.db), Clock.systemUTC(), patient, sleeper);
        adapters.add(a);
        a.start(t.bot, t.store);
        await(() -> hs.syncs.size() >= 2 && hs.syncsAnswered.get() == 1, "the long-poll");   // the first sync answers at once
        java.util.concurrent.CompletableFuture<Void> stopping = java.util.concurrent.CompletableFuture.runAsync(a::close);
        await(stopping::isDone, "the stop to return");
        assertThat(hs.syncsAnswered.get()).isEqualTo(1);
        assertThat(a.running()).isFalse();
    }

    @Test
    void aCommandThatWasRunningWhenTheBotStoppedIsReportedAsInterruptedNotRunAgain() {
        MatrixStore.open(SqliteStore.writer(t.db)).claim("$cut:example.org", ROOM, PIERRE, Instant.now());
        started();
        FakeHomeserver.Sent notice = replyTo("$cut:example.org");
        assertThat(notice.body()).contains("stopped while handling this from " + PIERRE).contains("may or may not have taken effect");
        adapters.forEach(MatrixAdapter::close);
        started();
        settle();
        assertThat(hs.sent).hasSize(1);
    }

    @Test
    void aRateLimitedSendWaitsAsTheHomeserverAsksAndKeepsItsTransactionId() {
        started();
        hs.rateLimitNextSends(2, 150);
        FakeHomeserver.Sent reply = replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        List<Long> puts = hs.putTimes.get(reply.txnId());
        assertThat(puts).hasSize(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(150), Duration.ofMillis(150));
        assertThat(Duration.ofNanos(puts.get(1) - puts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(Duration.ofNanos(puts.get(2) - puts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(hs.sent).hasSize(1);
    }

    @Test
    void aSendWhoseAnswerIsLostIsRetriedWithTheSameTransactionAndShowsOnce() {
        started();
        hs.loseNextSendResponses(1);
        FakeHomeserver.Sent reply = replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        await(() -> MatrixStore.open(SqliteStore.writer(t.db)).eventOf(reply.txnId()).isPresent(), "the send to be recorded");
        assertThat(hs.putTimes.get(reply.txnId())).hasSize(2);
        assertThat(hs.sent).hasSize(1);
        assertThat(MatrixStore.open(SqliteStore.writer(t.db)).eventOf(reply.txnId())).contains(reply.eventId());
    }

    /** {@code n} blockers in koa.2, each with a title of a realistic length. */
    void manyBlockers(int n) {
        var koa = new dev.btrbot.domain.ReleaseName("koa.2");
        t.store.write(tx -> {
            for (int i = 1; i <= n; i++) {
                tx.blockers().add(koa, "https://github.com/openedx/configuration/issues/" + i, "Installing on Ubuntu 20.04 fails at "
                        + "the ansible step for the LMS and Studio (" + i + ")", dev.btrbot.domain.Priority.HIGH, null,
                        dev.btrbot.domain.Blocker.Origin.MANUAL, Instant.parse("2021-02-01T09:00:00Z"));
            }
            return null;
        });
    }

    @Test
    void aReplyLargerThanAMatrixEventReachesTheMemberClippedWithACountOfTheRest() {
        manyBlockers(800);
        started();
        FakeHomeserver.Sent reply = replyTo(hs.command(ROOM, PIERRE, "!btr blockers koa.2"));
        assertThat(hs.tooLarge.get()).isZero();
        assertThat(reply.body()).startsWith("Blockers of koa.2").contains("(1)").containsPattern("\\d+ more not shown here");
        assertThat(reply.content().path("formatted_body").asText()).containsPattern("\\d+ more not shown here");
    }

    @Test
    void anAnswerTheHomeserverStillRefusesAsTooLargeIsFollowedByAShortNoticeSayingSo() {
        hs.maxEventBytes = 6_000;       // a homeserver with a smaller limit than the spec's
        manyBlockers(200);
        started();
        String cmd = hs.command(ROOM, PIERRE, "!btr blockers koa.2");
        FakeHomeserver.Sent reply = replyTo(cmd);
        assertThat(hs.tooLarge.get()).isEqualTo(1);
        assertThat(reply.body()).contains("Blockers of koa.2").contains("too large").doesNotContain("Installing on Ubuntu");
        assertThat(hs.sent).hasSize(1);
    }

    @Test
    void failingSyncsBackOffAndTheLoopRecovers() {
        started();
        hs.failNextSyncs(3);
        String cmd = hs.command(ROOM, PIERRE, "!btr release list");
        replyTo(cmd);
        assertThat(hs.sent).hasSize(1);
    }

    @Test
    void anEncryptedRoomGetsOneNoticeThatTheBotNeedsAnUnencryptedRoom() {
        started();
        hs.state("!secret:example.org", "m.room.encryption", MatrixClient.JSON.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"));
        await(() -> hs.sentTo("!secret:example.org").size() == 1, "the notice");
        assertThat(hs.sentTo("!secret:example.org").get(0).body()).contains("end-to-end encrypted").contains("unencrypted room");
        hs.timeline("!secret:example.org", PIERRE, "m.room.encrypted", MatrixClient.JSON.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2")
                .put("ciphertext", "AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg").put("session_id", "X3lUlvLELLYxeTx4yOVu6UDpasGEVO0Jbu+QFnm0cKQ"),
                System.currentTimeMillis());
        settle();
        adapters.forEach(MatrixAdapter::close);
        MatrixStore.open(SqliteStore.writer(t.db)).saveSince("s0");
        started();
        settle();
        assertThat(hs.sentTo("!secret:example.org")).hasSize(1);
    }

    @Test
    void invitesFromTheBotsHomeserverOrAllowedRoomsAreJoinedOthersDeclined() {
        MatrixAdapter a = adapter(config(null, Set.of("!listed:other.org")));
        a.start(t.bot, t.store);
        await(() -> hs.joins.contains("!listed:other.org"), "the configured room to be joined at start");
        hs.invite("!team:example.org", "@lead:example.org");
        hs.invite("!spam:evil.org", "@spammer:evil.org");
        await(() -> hs.joins.contains("!team:example.org") && hs.leaves.contains("!spam:evil.org"), "the invites answered");
        assertThat(hs.joins).doesNotContain("!spam:evil.org");
    }

    @Test
    void roomsOfOtherServersAreJoinedThroughViaServersTheInviterAndTheRoomIdName() {
        String configured = "!listed:other.org";
        String byId = "!team:other.org";
        String v12 = "!Wz0ahTp7oqXs3CmeRDQ1ZT4pDcGrmBvoTPq4fzmFfTo";       // room version 12: no server in the id
        hs.remoteRoom(configured, "other.org");
        hs.remoteRoom(byId, "other.org");
        hs.remoteRoom(v12, "third.org");
        MatrixAdapter a = adapter(new MatrixConfig(hs.url(), FakeHomeserver.TOKEN, null, null, "BTRBOT", Set.of(configured), Set.of("other.org",
                "third.org"), null));
        a.start(t.bot, t.store);
        await(() -> hs.membership(configured).equals("join"), "the configured room to be joined at start");
        hs.invite(byId, "@lead:third.org");
        hs.invite(v12, "@lead:third.org");
        await(() -> hs.membership(byId).equals("join") && hs.membership(v12).equals("join"), "the invites to be accepted");
        assertThat(via(configured)).containsExactly("other.org");
        assertThat(via(byId)).containsExactlyInAnyOrder("third.org", "other.org");
        assertThat(via(v12)).containsExactly("third.org");
    }

    List<String> via(String room) {
        int i = hs.joins.lastIndexOf(room);
        return hs.joinVia.get(i);
    }

    @Test
    void postsGoToTheReleaseRoomUpdatesAreEditsAndMembersAreToldInOneDirectRoom() {
        MatrixAdapter a = adapter(config(null, Set.of()));
        var chat = a.chat();
        assertThat(chat.reaches(ROOM)).isTrue();
        assertThat(chat.reaches("#btr:example.org")).isTrue();
        assertThat(chat.reaches("C024BE91L")).isFalse();
        assertThat(chat.reaches(new dev.btrbot.domain.MemberId(PIERRE))).isTrue();
        assertThat(chat.reaches(new dev.btrbot.domain.MemberId("pierre"))).isFalse();

        var post = chat.post(ROOM, dev.btrbot.core.Reply.text("Tagging koa.2: in progress", "starting…"));
        assertThat(post.id()).isEqualTo(hs.sent.get(0).eventId());
        chat.update(post, dev.btrbot.core.Reply.text("Tagging koa.2: done", "tagged openedx/configuration"));
        FakeHomeserver.Sent edit = hs.sent.get(1);
        assertThat(edit.content().path("m.relates_to").path("rel_type").asText()).isEqualTo("m.replace");
        assertThat(edit.content().path("m.relates_to").path("event_id").asText()).isEqualTo(post.id());
        assertThat(edit.content().path("m.new_content").path("body").asText()).startsWith("Tagging koa.2: done");
        assertThat(edit.body()).startsWith("* Tagging koa.2: done");

        chat.post("#btr:example.org", dev.btrbot.core.Reply.text("Announcement: koa.2"));
        assertThat(hs.sent.get(2).room()).isEqualTo("!aliased:example.org");

        chat.tell(new dev.btrbot.domain.MemberId(PIERRE), dev.btrbot.core.Reply.text("You are offered manual-qa"));
        chat.tell(new dev.btrbot.domain.MemberId(PIERRE), dev.btrbot.core.Reply.text("Reminder"));
        assertThat(hs.createdRooms).hasSize(1).allMatch(r -> r.endsWith(PIERRE + " direct=true"));
        assertThat(hs.sent.get(3).room()).isEqualTo(hs.sent.get(4).room()).startsWith("!dm");
    }

    static final String LILAC = "!lilac:example.org";
    static final dev.btrbot.domain.MemberId FAY = new dev.btrbot.domain.MemberId("@fay:example.org");
    static final dev.btrbot.core.Reply OFFER = dev.btrbot.core.Reply.text("You are offered the forum role for lilac.1",
            "Please accept or decline by Friday.");

    /** The notices in the release room telling a member the bot cannot write to them directly. */
    List<FakeHomeserver.Sent> cannotWriteNotices() {
        return hs.sentTo(LILAC).stream().filter(s -> s.body().contains("cannot write to you directly")).toList();
    }

    @Test
    void aDirectRoomTheHomeserverMadeEncryptedIsDetectedAndTheMemberIsToldOnceInTheReleaseRoom() {
        t.expectOk("release create lilac.1 --branch open-release/lilac.master --repos openedx/configuration --channel " + LILAC);
        hs.encryptNewRooms = true;
        MatrixAdapter a = adapter(config(null, Set.of()));
        a.start(t.bot, t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.chat().tell(FAY, OFFER))
                .isInstanceOf(dev.btrbot.core.Chat.Undelivered.class).hasMessageContaining("end-to-end encrypted");
        assertThat(cannotWriteNotices()).singleElement().satisfies(n -> {
            assertThat(n.body()).startsWith("@fay:example.org: btr-bot cannot write to you directly").contains("end-to-end encrypted")
                    .contains("!btr roles lilac.1");
            assertThat(n.content().path("m.mentions").path("user_ids").toString()).isEqualTo("[\"@fay:example.org\"]");
            assertThat(n.content().path("formatted_body").asText()).contains("<a href=\"https://matrix.to/#/@fay:example.org\">");
        });
        assertThat(hs.sent).filteredOn(s -> s.room().startsWith("!dm")).isEmpty();

        // told once: not again for the next message, nor after a restart
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.chat().tell(FAY, OFFER))
                .isInstanceOf(dev.btrbot.core.Chat.Undelivered.class);
        a.close();
        MatrixAdapter again = adapter(config(null, Set.of()));
        again.start(t.bot, t.store);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> again.chat().tell(FAY, OFFER))
                .isInstanceOf(dev.btrbot.core.Chat.Undelivered.class);
        assertThat(cannotWriteNotices()).hasSize(1);
        assertThat(hs.createdRooms).hasSize(1);
    }

    @Test
    void aDirectRoomEncryptedLaterIsFoundInTheSyncAndNotWrittenToAgain() {
        t.expectOk("release create lilac.1 --branch open-release/lilac.master --repos openedx/configuration --channel " + LILAC);
        MatrixAdapter a = adapter(config(null, Set.of()));
        a.start(t.bot, t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");
        a.chat().tell(FAY, OFFER);
        String dm = hs.sent.get(0).room();
        hs.state(dm, "@fay:example.org", "m.room.encryption", "", MatrixClient.JSON.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"));
        settle();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.chat().tell(FAY, OFFER))
                .isInstanceOf(dev.btrbot.core.Chat.Undelivered.class);
        assertThat(cannotWriteNotices()).hasSize(1);
        assertThat(hs.sentTo(dm)).hasSize(1);       // the first offer only: no notice in the encrypted room itself
    }

    @Test
    void aDirectRoomTheBotOpensIsListedInItsMDirectAccountDataNextToWhatWasThere() throws Exception {
        hs.accountData.put("m.direct", MatrixClient.JSON.readTree("{\"@other:example.org\":[\"!old:example.org\"]}"));
        MatrixAdapter a = adapter(config(null, Set.of()));
        a.chat().tell(new dev.btrbot.domain.MemberId(PIERRE), dev.btrbot.core.Reply.text("You are offered manual-qa"));
        a.chat().tell(new dev.btrbot.domain.MemberId(PIERRE), dev.btrbot.core.Reply.text("Reminder"));
        String dm = hs.sent.get(0).room();
        assertThat(hs.accountData.get("m.direct")).isEqualTo(MatrixClient.JSON.readTree(
                "{\"@other:example.org\":[\"!old:example.org\"],\"" + PIERRE + "\":[\"" + dm + "\"]}"));
        assertThat(hs.accountDataPuts).hasSize(1);
    }

    @Test
    void directRoomsOpenedBeforeAreListedInMDirectAtTheStartOnlyWhereMissing() throws Exception {
        hs.accountData.put("m.direct", MatrixClient.JSON.readTree("{\"" + PIERRE + "\":[\"!elsewhere:example.org\"]}"));
        MatrixStore.open(SqliteStore.writer(t.db)).saveDirectRoom(PIERRE, "!earlier:example.org");
        MatrixStore.open(SqliteStore.writer(t.db)).saveDirectRoom("@fay:example.org", "!fay:example.org");
        MatrixAdapter first = started();
        assertThat(hs.accountData.get("m.direct")).isEqualTo(MatrixClient.JSON.readTree("{\"" + PIERRE
                + "\":[\"!elsewhere:example.org\",\"!earlier:example.org\"],\"@fay:example.org\":[\"!fay:example.org\"]}"));
        first.close();
        started();
        assertThat(hs.accountDataPuts).hasSize(1);
    }

    @Test
    void aRoomPowerLevelAtTheThresholdCountsAsReleaseManagerForThatRoomsRelease() {
        String room = "!lilac:example.org";
        t.expectOk("release create lilac.1 --branch open-release/lilac.master --repos openedx/configuration --channel " + room);
        hs.state(room, "m.room.power_levels", MatrixClient.JSON.createObjectNode().put("users_default", 0)
                .set("users", MatrixClient.JSON.createObjectNode().put("@lead:example.org", 50).put("@helper:example.org", 10)));
        MatrixAdapter a = adapter(config(50, Set.of()));
        a.start(t.wiring.toBuilder().managers(a.managers()).build().bot(), t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");

        replyTo(hs.command(room, "@helper:example.org", "!btr role assign lilac.1 tagger @tess:example.org"));
        assertThat(hs.sent.get(0).body()).startsWith("error: Only an admin");
        String ok = hs.command(room, "@lead:example.org", "!btr role assign lilac.1 tagger @tess:example.org");
        assertThat(replyTo(ok).body()).doesNotStartWith("error:");
        assertThat(t.exec("roles lilac.1")).contains("tagger: @tess:example.org");
        // the level counts only in the release's own room
        String elsewhere = hs.command(ROOM, "@lead:example.org", "!btr role assign koa.2 tagger @tess:example.org");
        assertThat(replyTo(elsewhere).body()).startsWith("error: Only an admin");
    }

    /** A release run in {@code room}, created by {@code @founder} with {@code @cofounder} as an additional creator. */
    void roomOfVersion(String room, String release, String version) {
        t.expectOk("release create " + release + " --branch open-release/lilac.master --repos openedx/configuration --channel " + room);
        hs.created(room, "@founder:example.org", version, "@cofounder:example.org");
        hs.state(room, "m.room.power_levels", MatrixClient.JSON.createObjectNode().put("users_default", 0)
                .set("users", MatrixClient.JSON.createObjectNode().put("@lead:example.org", 50)));
    }

    String assignTaggerAs(String room, String release, String member) {
        return replyTo(hs.command(room, member, "!btr role assign " + release + " tagger @tess:example.org")).body();
    }

    @Test
    void fromRoomVersion12TheRoomsCreatorsHoldUnlimitedPowerAndAreManagers() {
        String v12 = "!Wz0ahTp7oqXs3CmeRDQ1ZT4pDcGrmBvoTPq4fzmFfTo";
        String v11 = "!eleven:example.org";
        roomOfVersion(v12, "lilac.1", "12");
        roomOfVersion(v11, "lilac.2", "11");
        MatrixAdapter a = adapter(config(50, Set.of()));
        a.start(t.wiring.toBuilder().managers(a.managers()).build().bot(), t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");

        // v12: the creators are not (and may not be) listed in power_levels, and outrank everyone
        assertThat(assignTaggerAs(v12, "lilac.1", "@founder:example.org")).doesNotStartWith("error:");
        assertThat(assignTaggerAs(v12, "lilac.1", "@cofounder:example.org")).doesNotStartWith("error:");
        assertThat(assignTaggerAs(v12, "lilac.1", "@lead:example.org")).doesNotStartWith("error:");
        assertThat(assignTaggerAs(v12, "lilac.1", "@member:example.org")).startsWith("error: Only an admin");
        // before 12: creators have the power levels say, and additional_creators means nothing
        assertThat(assignTaggerAs(v11, "lilac.2", "@founder:example.org")).startsWith("error: Only an admin");
        assertThat(assignTaggerAs(v11, "lilac.2", "@cofounder:example.org")).startsWith("error: Only an admin");
        assertThat(assignTaggerAs(v11, "lilac.2", "@lead:example.org")).doesNotStartWith("error:");
    }

    @Test
    void creatorsAreKnownFromTheRoomsStateAlsoWhenNoSyncShowedIt() {
        String v12 = "!Wz0ahTp7oqXs3CmeRDQ1ZT4pDcGrmBvoTPq4fzmFfTo";
        roomOfVersion(v12, "lilac.1", "12");
        var managers = adapter(config(50, Set.of())).managers();     // not started: nothing synced
        assertThat(managers.vouches(v12, new dev.btrbot.domain.MemberId("@cofounder:example.org"))).isTrue();
        assertThat(managers.vouches(v12, new dev.btrbot.domain.MemberId("@lead:example.org"))).isTrue();
        assertThat(managers.vouches(v12, new dev.btrbot.domain.MemberId("@member:example.org"))).isFalse();
    }

    @Test
    void aMessageEventDressedAsPowerLevelsGrantsNoRights() {
        String room = "!lilac:example.org";
        t.expectOk("release create lilac.1 --branch open-release/lilac.master --repos openedx/configuration --channel " + room);
        hs.state(room, "m.room.power_levels", MatrixClient.JSON.createObjectNode().put("users_default", 0)
                .set("users", MatrixClient.JSON.createObjectNode().put("@lead:example.org", 50).put("@helper:example.org", 10)));
        MatrixAdapter a = adapter(config(50, Set.of()));
        a.start(t.wiring.toBuilder().managers(a.managers()).build().bot(), t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");

        hs.timeline(room, "@helper:example.org", "m.room.power_levels", MatrixClient.JSON.createObjectNode().put("users_default", 0)
                .set("users", MatrixClient.JSON.createObjectNode().put("@helper:example.org", 100)), System.currentTimeMillis());
        replyTo(hs.command(room, "@helper:example.org", "!btr role assign lilac.1 tagger @tess:example.org"));
        assertThat(hs.sent.get(0).body()).startsWith("error: Only an admin");
        assertThat(t.exec("roles lilac.1")).contains("tagger: nobody");
    }

    @Test
    void passwordLoginUsesTheFixedDeviceIdAndTheTokenItGets() {
        MatrixAdapter a = adapter(new MatrixConfig(hs.url(), null, "btr", "hunter2", "BTRBOT", Set.of(), Set.of(), null));
        a.start(t.bot, t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");
        replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        assertThat(hs.authHeaders).isNotEmpty().allMatch(h -> h.equals("Bearer " + FakeHomeserver.TOKEN));
        assertThat(hs.logins).hasSize(1);
        assertThat(hs.logins.get(0).path("device_id").asText()).isEqualTo("BTRBOT");
        assertThat(hs.logins.get(0).path("identifier").path("user").asText()).isEqualTo("btr");
        assertThat(new MatrixConfig(hs.url(), "tok-123", null, null, "BTRBOT", Set.of(), Set.of(), null).toString())
                .doesNotContain("tok-123");
    }

    @Test
    void passwordLoginFirstAsksWhichLoginFlowsTheHomeserverOffers() {
        MatrixAdapter a = adapter(new MatrixConfig(hs.url(), null, "btr", "hunter2", "BTRBOT", Set.of(), Set.of(), null));
        a.start(t.bot, t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");
        assertThat(hs.loginFlowRequests.get()).isEqualTo(1);
        assertThat(hs.logins).hasSize(1);
    }

    @Test
    void aHomeserverThatDoesNotOfferPasswordLoginIsSaidOnceInOneLineAndNotTriedAgain() {
        hs.loginFlows = List.of("m.login.sso", "m.login.token");
        MatrixAdapter a = adapter(new MatrixConfig(hs.url(), null, "btr", "hunter2", "BTRBOT", Set.of(), Set.of(), null));
        String log = logOf(() -> {
            a.start(t.bot, t.store);
            await(() -> !a.running(), "the Matrix adapter to give up");
        });
        assertThat(log.lines().filter(l -> l.contains("password login"))).singleElement().asString()
                .contains("does not offer password login").contains("m.login.sso, m.login.token").contains("MATRIX_ACCESS_TOKEN");
        assertThat(log).doesNotContain("hunter2").doesNotContain("\tat ").doesNotContain("retrying");
        assertThat(hs.loginFlowRequests.get()).isEqualTo(1);
        assertThat(hs.logins).isEmpty();
        assertThat(hs.syncs).isEmpty();
    }

    @Test
    void aHomeserverThatSignsInOnlyWithOAuthIsSaidOnceInOneLineAndNotTriedAgain() {
        hs.loginFlows = null;       // GET /login answers 404 M_UNRECOGNIZED
        MatrixAdapter a = adapter(new MatrixConfig(hs.url(), null, "btr", "hunter2", "BTRBOT", Set.of(), Set.of(), null));
        String log = logOf(() -> {
            a.start(t.bot, t.store);
            await(() -> !a.running(), "the Matrix adapter to give up");
        });
        assertThat(log.lines().filter(l -> l.contains("password login"))).singleElement().asString()
                .contains("404 M_UNRECOGNIZED").contains("OAuth 2.0").contains("MATRIX_ACCESS_TOKEN");
        assertThat(hs.logins).isEmpty();
    }

    @Test
    void aRevokedTokenIsReplacedByLoggingInAgainWithTheSameDeviceAndTheBotCarriesOn() {
        MatrixAdapter a = adapter(new MatrixConfig(hs.url(), null, "btr", "hunter2", "BTRBOT", Set.of(), Set.of(), null));
        String log = logOf(() -> {
            a.start(t.bot, t.store);
            await(() -> hs.syncs.size() >= 2, "the first syncs");
            replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
            String renewed = hs.revokeToken();
            replyTo(hs.command(ROOM, PIERRE, "!btr roles koa.2"));
            assertThat(hs.authHeaders.get(hs.authHeaders.size() - 1)).isEqualTo("Bearer " + renewed);
        });
        assertThat(hs.logins).hasSize(2).allMatch(l -> l.path("device_id").asText().equals("BTRBOT"));
        assertThat(hs.sent).hasSize(2);
        assertThat(hs.putTimes.keySet()).hasSize(2);
        assertThat(log).contains("logging in again as btr with device BTRBOT")
                .doesNotContain(FakeHomeserver.TOKEN).doesNotContain("hunter2").doesNotContain("\tat ");
    }

    @Test
    void aRevokedTokenWithNoPasswordIsSaidOnceInOneLineAndRetriedWithBackoffUntilItWorksAgain() {
        String log = logOf(() -> {
            started();
            int waited = sleeper.waits.size();
            hs.revokeToken();
            await(() -> sleeper.waits.size() >= waited + 7, "seven back-offs");
            // each refused sync is followed by a wait: FAST's 10 ms doubling up to its 100 ms cap, never a busy loop
            assertThat(sleeper.waits.subList(waited, waited + 7)).extracting(Duration::toMillis)
                    .containsExactly(10L, 20L, 40L, 80L, 100L, 100L, 100L);
            hs.restoreToken();
            replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        });
        assertThat(log.lines().filter(l -> l.contains("refused the bot's access token"))).singleElement().asString()
                .contains("M_UNKNOWN_TOKEN").contains("MATRIX_ACCESS_TOKEN");
        assertThat(log).contains("accepts the bot's access token again")
                .doesNotContain(FakeHomeserver.TOKEN).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(hs.logins).isEmpty();
    }

    @Test
    void aCommandInAnotherRoomIsAnsweredWhileATagRunsAndEachRoomsCommandsKeepTheirOrder() throws Exception {
        String other = "!other:example.org";
        t.expectOk("role assign koa.2 tagger @tess:example.org");
        t.expectOk("@pierre: signoff koa.2 pass --env native");
        t.expectOk("@ned: signoff koa.2 pass --env docker");
        java.util.concurrent.CountDownLatch tagging = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        t.tagger.whileRunning(() -> {
            tagging.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            started();
            String tag = hs.command(ROOM, "@tess:example.org", "!btr tag koa.2 --confirm");
            await(() -> tagging.getCount() == 0, "the tag command to run");
            String behindTheTag = hs.command(ROOM, PIERRE, "!btr roles koa.2");
            String elsewhere = hs.command(other, PIERRE, "!btr status koa.2");
            String elsewhereNext = hs.command(other, PIERRE, "!btr blockers koa.2");

            assertThat(replyTo(elsewhere).body()).contains("koa.2 — testing").containsIgnoringCase("running");
            assertThat(replyTo(elsewhereNext).body()).contains("koa.2");
            // the tag still runs (it waits on the latch): its room's next command waits behind it
            assertThat(answered(List.of(tag, behindTheTag))).isEmpty();
            assertThat(answered(List.of(elsewhere, elsewhereNext))).containsExactly(elsewhere, elsewhereNext);

            release.countDown();
            assertThat(replyTo(tag).body()).contains("succeeded");
            replyTo(behindTheTag);
            settle();
            assertThat(answered(List.of(tag, behindTheTag, elsewhere, elsewhereNext)))
                    .containsExactly(elsewhere, elsewhereNext, tag, behindTheTag);
        } finally {
            release.countDown();
        }
    }

    @Test
    void membersDisplayNamesComeFromTheirRoomMemberEventsAndAreAskedForWhenTheSyncLeavesThemOut() {
        var pierre = new dev.btrbot.domain.MemberId(PIERRE);
        var quiet = new dev.btrbot.domain.MemberId("@quiet:example.org");
        hs.memberState(ROOM, PIERRE, "Pierre Dupont");
        hs.memberState(ROOM, quiet.value(), "Quiet One");
        MatrixAdapter first = started();
        replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        assertThat(first.memberNames().displayName(pierre)).contains("Pierre Dupont");
        // members are lazy-loaded: who never spoke is not in the sync, and nobody was asked for
        assertThat(first.memberNames().displayName(quiet)).isEmpty();
        assertThat(hs.memberReads).isEmpty();

        hs.renamed(ROOM, PIERRE, "Pierre D.");
        settle();
        assertThat(first.memberNames().displayName(pierre)).contains("Pierre D.");
        first.close();

        // a new run: the homeserver leaves Pierre's member event out as sent before, so the bot asks for it once
        MatrixAdapter second = started();
        replyTo(hs.command(ROOM, PIERRE, "!btr roles koa.2"));
        replyTo(hs.command(ROOM, PIERRE, "!btr blockers koa.2"));
        assertThat(second.memberNames().displayName(pierre)).contains("Pierre D.");
        assertThat(hs.memberReads).containsExactly(ROOM + " " + PIERRE);

        hs.renamed(ROOM, PIERRE, null);         // the display name removed: the id shows again
        settle();
        assertThat(second.memberNames().displayName(pierre)).isEmpty();
    }

    @Test
    void aDisplayNameIsShownOnOneLineWithoutControlOrBidiCharactersAndAtMost64Long() {
        assertThat(MatrixMemberNames.shown("Pierre\nDupont\u202E evil")).hasValueSatisfying(n ->
                assertThat(n).doesNotContain("\n").doesNotContain("\u202E").startsWith("Pierre").contains("Dupont"));
        assertThat(MatrixMemberNames.shown("  \t ")).isEmpty();
        assertThat(MatrixMemberNames.shown(null)).isEmpty();
        assertThat(MatrixMemberNames.shown("x".repeat(200))).hasValueSatisfying(n -> assertThat(n).hasSize(64).endsWith("…"));
    }

    @Test
    void tagProgressGoesToTheReleasesRoomAsOneNoticeEditedAsItGoes() {
        String room = "!lilac:example.org";
        t.expectOk("release create lilac.1 --branch open-release/lilac.master --repos openedx/configuration,openedx/edx-platform"
                + " --channel " + room);
        t.expectOk("role assign lilac.1 tagger @tess:example.org");
        MatrixAdapter a = adapter(config(null, Set.of()));
        Bot bot = t.wiring.toBuilder().chat(new dev.btrbot.core.ChatRouter(List.of(a.chat(), t.chat))).processId("test-host:2")
                .build().bot();
        a.start(bot, t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");

        String cmd = hs.command(ROOM, "@tess:example.org", "!btr candidate tag lilac.1");
        FakeHomeserver.Sent reply = replyTo(cmd);
        assertThat(reply.body()).contains("Release candidate lilac.1rc1").contains("✅ Passed install");
        List<FakeHomeserver.Sent> progress = hs.sentTo(room);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
        assertThat(progress.get(0).body()).contains("Tagging lilac.1 as lilac.1rc1: in progress");
        FakeHomeserver.Sent last = progress.get(progress.size() - 1);
        assertThat(last.content().path("m.relates_to").path("rel_type").asText()).isEqualTo("m.replace");
        assertThat(last.content().path("m.relates_to").path("event_id").asText()).isEqualTo(progress.get(0).eventId());
        assertThat(last.content().path("m.new_content").path("body").asText()).contains(": done (2/2 repositories)");
        assertThat(t.chat.posts).isEmpty();
    }

    // ---- the bot removed from a room and back: nothing said while it was out runs ----

    static final String TEAM = "!team:example.org";
    /** 150 events while the bot is out: more than the sync's page of 100, so the re-join's timeline is limited. */
    static final java.util.Map<Integer, String> WHILE_OUT = java.util.Map.of(10, "!btr roles koa.2", 80, "!btr blockers koa.2",
            140, "!btr status koa.2");

    /** The bot joins {@link #TEAM} on an invite and answers a command there. */
    void inTeamRoom() {
        hs.invite(TEAM, "@lead:example.org");
        await(() -> hs.membership(TEAM).equals("join") && MatrixStore.open(SqliteStore.writer(t.db)).joinedAt(TEAM).isPresent(), "the invite to be accepted");
        clockMovesOn();
        replyTo(hs.command(TEAM, PIERRE, "!btr release list"));
        settle();
    }

    @Test
    void commandsSaidWhileTheBotWasKickedDoNotRunWhenItIsInvitedBack() {
        started();
        inTeamRoom();
        hs.kick(TEAM);
        settle();                                           // the kick is seen in rooms.leave
        List<String> away = chatter(TEAM, 150, WHILE_OUT);
        clockMovesOn();

        hs.invite(TEAM, "@lead:example.org");
        await(() -> hs.membership(TEAM).equals("join"), "the invite to be accepted");
        String after = hs.command(TEAM, PIERRE, "!btr roles koa.2");
        replyTo(after);
        settle();
        assertThat(hs.pages).isNotEmpty();                  // the re-join's timeline was limited, and the bot paged back
        assertThat(answered(away)).isEmpty();
        assertThat(answered(List.of(after))).containsExactly(after);
        assertThat(hs.sentTo(TEAM)).hasSize(2);
        assertThat(MatrixStore.open(SqliteStore.writer(t.db)).leftAt(TEAM)).isEmpty();
    }

    @Test
    void aConfiguredRoomTheBotWasKickedFromWhileStoppedIsJoinedAfreshAtStart() {
        MatrixAdapter first = adapter(config(null, Set.of(ROOM)));
        first.start(t.bot, t.store);
        await(() -> hs.syncs.size() >= 2, "the first syncs");
        replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        settle();
        first.close();

        hs.kick(ROOM);
        List<String> away = chatter(150, WHILE_OUT);
        clockMovesOn();
        Instant kicked = Instant.now();
        MatrixAdapter second = adapter(config(null, Set.of(ROOM)));
        String log = logOf(() -> {
            int before = hs.syncs.size();
            second.start(t.bot, t.store);
            await(() -> hs.syncs.size() >= before + 2, "the first syncs");
        });
        String after = hs.command(ROOM, PIERRE, "!btr roles koa.2");
        replyTo(after);
        settle();
        assertThat(answered(away)).isEmpty();
        assertThat(answered(List.of(after))).containsExactly(after);
        assertThat(log).contains("the bot was not in configured room " + ROOM + "; joined it");
        assertThat(hs.joins).filteredOn(ROOM::equals).hasSize(2);
        assertThat(hs.sentTo(ROOM)).hasSize(2);
        assertThat(MatrixStore.open(SqliteStore.writer(t.db)).joinedAt(ROOM)).hasValueSatisfying(j -> assertThat(j).isAfter(kicked));
        assertThat(MatrixStore.open(SqliteStore.writer(t.db)).leftAt(ROOM)).isEmpty();
    }

    @Test
    void kickedAndInvitedBackWhileStoppedTheBotsOwnJoinEventInTheTimelineIsTheCutoff() {
        MatrixAdapter first = started();
        inTeamRoom();
        first.close();

        // the homeserver shows the room only in rooms.invite (the bot is invited now), never in rooms.leave
        hs.kick(TEAM);
        List<String> away = chatter(TEAM, 150, WHILE_OUT);
        hs.invite(TEAM, "@lead:example.org");
        started();
        await(() -> hs.membership(TEAM).equals("join"), "the invite to be accepted");
        String after = hs.command(TEAM, PIERRE, "!btr roles koa.2");
        replyTo(after);
        settle();
        assertThat(answered(away)).isEmpty();
        assertThat(answered(List.of(after))).containsExactly(after);
        assertThat(hs.sentTo(TEAM)).hasSize(2);
    }

    @Test
    void aCommandInTheSameBatchAsTheKickIsNotRun() {
        started();
        inTeamRoom();
        String cut;
        synchronized (hs) {     // one batch: the room in rooms.leave with the command in its timeline
            cut = hs.command(TEAM, PIERRE, "!btr roles koa.2");
            hs.kick(TEAM);
        }
        await(() -> MatrixStore.open(SqliteStore.writer(t.db)).leftAt(TEAM).isPresent(), "the kick to be seen in rooms.leave");
        settle();
        assertThat(answered(List.of(cut))).isEmpty();
        assertThat(hs.sentTo(TEAM)).hasSize(1);
    }

    @Test
    void whenJoinedRoomsCannotBeAskedTheStartSaysSoOnceAndJoinsTheConfiguredRoomsAsBefore() {
        hs.failNextJoinedRooms(1);
        MatrixAdapter a = adapter(config(null, Set.of(ROOM)));
        String log = logOf(() -> {
            a.start(t.bot, t.store);
            await(() -> hs.syncs.size() >= 2, "the first syncs");
            replyTo(hs.command(ROOM, PIERRE, "!btr release list"));
        });
        assertThat(log.lines().filter(l -> l.contains("could not list the rooms the bot is in"))).singleElement().asString()
                .contains("502").doesNotContain(FakeHomeserver.TOKEN);
        assertThat(log).doesNotContain("\tat ");
        assertThat(hs.joins).containsExactly(ROOM);
        assertThat(MatrixStore.open(SqliteStore.writer(t.db)).joinedAt(ROOM)).isPresent();
    }
}
