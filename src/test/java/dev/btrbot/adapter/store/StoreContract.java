package dev.btrbot.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.QuorumPolicy;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagRun;
import dev.btrbot.domain.TagTemplate;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every store promises, whichever database holds it: each subclass runs all of it on its own
 * database (a SQLite file, a PostgreSQL database), fresh for every test.
 */
abstract class StoreContract {
    static final Instant T = Instant.parse("2021-02-01T09:00:00Z");
    static final ReleaseName KOA = new ReleaseName("koa.2");
    static final MemberId NED = new MemberId("ned");

    private final List<Database> opened = new ArrayList<>();

    /** A new store on this test's database (the same database on every call within a test). */
    abstract Database openDatabase();

    /** A plain JDBC connection to this test's database, around the store. */
    abstract Connection connect() throws Exception;

    /** Words the database's refusal of a duplicate key contains. */
    abstract String uniqueViolation();

    /** Checks the database's own consistency after a concurrent test (SQLite's integrity check; nothing on PostgreSQL). */
    void assertIntact() throws Exception {
    }

    final Store open() {
        Database db = openDatabase();
        opened.add(db);
        return db.store();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Database::close);
    }

    static Release koa2(ReleaseName name) {
        return new Release(name, new GitRefName("open-release/koa.master"), List.of(new RepoRef("openedx/configuration")),
                "Koa.2", "affects:koa", java.time.LocalDate.of(2021, 2, 9), "#btr", new TagTemplate("open-release/{release}"),
                TagTemplate.DEFAULT_RC, ReleaseState.PLANNING, QuorumPolicy.DEFAULT.with("passes", "3"), T);
    }

    static Candidate candidate(char c) {
        return Candidate.of(KOA, List.of(new RepoHead(new RepoRef("openedx/configuration"), new Sha(String.valueOf(c).repeat(40)))), T);
    }

    @Test
    void dataSurvivesReopeningTheDatabase() {
        Store first = open();
        first.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.candidates().remember(candidate('a'));
            tx.audit().record(T, NED, KOA, "release.create", "test");
            return null;
        });
        Store second = open();
        Release back = second.read(tx -> tx.releases().find(KOA)).orElseThrow();
        assertThat(back).isEqualTo(koa2(KOA));
        List<Candidate> history = second.read(tx -> tx.candidates().history(KOA));
        assertThat(history).containsExactly(candidate('a'));
        List<dev.btrbot.domain.AuditEvent> events = second.read(tx -> tx.audit().forRelease(KOA));
        assertThat(events).hasSize(1);
    }

    @Test
    void notesApprovalsAreBoundToACandidateAndTheFirstOneStands() {
        Store store = open();
        store.write(tx -> {
            tx.releases().insert(koa2(KOA));
            return null;
        });
        String a = candidate('a').id();
        boolean first = store.write(tx -> tx.notesApprovals().approve(KOA, a, NED, T));
        boolean second = store.write(tx -> tx.notesApprovals().approve(KOA, a, new MemberId("nora"), T.plusSeconds(60)));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        java.util.Optional<dev.btrbot.core.port.NotesApprovalRepo.Approval> kept = store.read(tx -> tx.notesApprovals().find(KOA, a));
        assertThat(kept.orElseThrow().by()).isEqualTo(NED);
        java.util.Optional<dev.btrbot.core.port.NotesApprovalRepo.Approval> other =
                store.read(tx -> tx.notesApprovals().find(KOA, candidate('b').id()));
        assertThat(other).isEmpty();
        java.util.Set<String> approved = open().read(tx -> tx.notesApprovals().approvedCandidates(KOA));
        assertThat(approved).containsExactly(a);
    }

    @Test
    void aRefusalRollsBackTheWholeTransaction() {
        Store store = open();
        assertThatThrownBy(() -> store.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.audit().record(T, NED, KOA, "release.create", "test");
            throw new Refusal("changed my mind");
        })).isInstanceOf(Refusal.class);
        List<Release> releases = store.read(tx -> tx.releases().all());
        assertThat(releases).isEmpty();
        List<dev.btrbot.domain.AuditEvent> events = store.read(tx -> tx.audit().forRelease(KOA));
        assertThat(events).isEmpty();
    }

    @Test
    void theSchemaAllowsOneRunningTagRunPerReleaseAndOneSuccessPerCandidate() {
        Store store = open();
        Candidate a = candidate('a');
        TagRun run = store.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.candidates().remember(a);
            return tx.tagRuns().start(KOA, a.id(), TagRun.Kind.FINAL, "open-release/koa.2", NED, T, "h:1");
        });
        assertThatThrownBy(() -> store.write(tx -> tx.tagRuns().start(KOA, a.id(), TagRun.Kind.RC, "x", NED, T, "h:1")))
                .isInstanceOf(Refusal.class).hasMessageContaining("already running");
        store.write(tx -> {
            tx.tagRuns().finish(run.id(), TagRun.State.SUCCEEDED, 0, "ok", java.util.List.of(), T);
            return null;
        });
        TagRun again = store.write(tx -> tx.tagRuns().start(KOA, a.id(), TagRun.Kind.FINAL, "open-release/koa.2", NED, T, "h:1"));
        assertThatThrownBy(() -> store.write(tx -> {
            tx.tagRuns().finish(again.id(), TagRun.State.SUCCEEDED, 0, "ok", java.util.List.of(), T);
            return null;
        })).hasMessageContaining(uniqueViolation());
    }

    @Test
    void theAuditLogCannotBeChangedOrDeleted() throws Exception {
        Store store = open();
        store.write(tx -> {
            tx.audit().record(T, NED, null, "pool.add", "manual-qa: ana");
            return null;
        });
        try (Connection c = connect()) {
            assertThatThrownBy(() -> c.createStatement().execute("update audit_event set actor = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().execute("delete from audit_event")).hasMessageContaining("append-only");
        }
        assertThat(store.<List<dev.btrbot.domain.AuditEvent>>read(tx -> tx.audit().global())).extracting(e -> e.actor().value()).containsExactly("ned");
    }

    @Test
    void twoStoresOnOneDatabaseWriteConcurrentlyWithoutLosingAnything() throws Exception {
        Store one = open();
        Store two = open();
        one.write(tx -> {
            tx.releases().insert(koa2(KOA));
            return null;
        });
        race(4, thread -> {
            Store store = thread % 2 == 0 ? one : two;
            for (int i = 0; i < 50; i++) {
                int n = i;
                store.write(tx -> {
                    tx.blockers().add(KOA, "https://example.org/" + thread + "/" + n, "t" + thread, null, null,
                            dev.btrbot.domain.Blocker.Origin.MANUAL, T);
                    tx.audit().record(T, NED, KOA, "blocker.add", thread + "/" + n);
                    return null;
                });
            }
            return null;
        });
        var blockers = one.read(tx -> tx.blockers().forRelease(KOA));
        assertThat(blockers).hasSize(200);
        assertThat(blockers.stream().map(b -> b.number()).distinct().count()).isEqualTo(200);
        List<dev.btrbot.domain.AuditEvent> events = two.read(tx -> tx.audit().forRelease(KOA));
        assertThat(events).hasSize(200);
        assertIntact();
    }

    @Test
    void ofTwoStoresClaimingTheSameScheduledPostExactlyOneSendsIt() throws Exception {
        Store one = open();
        Store two = open();
        one.write(tx -> {
            tx.releases().insert(koa2(KOA));
            return null;
        });
        List<Boolean> won = race(8, thread -> (thread % 2 == 0 ? one : two)
                .write(tx -> tx.scheduledPosts().claim(KOA, "summary", "2021-02-01", "replica-" + thread, T)));
        assertThat(won).containsOnlyOnce(true);
        assertThat(two.<Boolean>read(tx -> tx.scheduledPosts().claimed(KOA, "summary", "2021-02-01"))).isTrue();
        assertThat(one.<List<dev.btrbot.core.port.ScheduledPostRepo.Undelivered>>read(tx -> tx.scheduledPosts().undelivered(KOA, T.plusSeconds(1)))).hasSize(1);
        one.write(tx -> {
            tx.scheduledPosts().markSent(KOA, "summary", "2021-02-01", T);
            return null;
        });
        assertThat(two.<List<dev.btrbot.core.port.ScheduledPostRepo.Undelivered>>read(tx -> tx.scheduledPosts().undelivered(KOA, T.plusSeconds(1)))).isEmpty();
    }

    @Test
    void ofTwoStoresClaimingTheGitHubSyncOneRunsItUntilItIsReleasedOrStale() throws Exception {
        Store one = open();
        Store two = open();
        one.write(tx -> {
            tx.releases().insert(koa2(KOA));
            return null;
        });
        List<Boolean> won = race(8, thread -> (thread % 2 == 0 ? one : two)
                .write(tx -> tx.syncState().claim(KOA, "replica-" + thread, T, T.minusSeconds(600))));
        assertThat(won).containsOnlyOnce(true);
        assertThat(two.<Boolean>write(tx -> tx.syncState().claim(KOA, "late", T.plusSeconds(1), T.minusSeconds(600)))).isFalse();
        assertThat(two.<Boolean>write(tx -> tx.syncState().claim(KOA, "late", T.plusSeconds(601), T.plusSeconds(1)))).as("stale").isTrue();
        two.write(tx -> {
            tx.syncState().release(KOA, "late");
            return null;
        });
        assertThat(one.<Boolean>write(tx -> tx.syncState().claim(KOA, "next", T.plusSeconds(602), T.minusSeconds(600)))).isTrue();
    }

    @Test
    void ofTwoStoresStartingATagRunForOneReleaseExactlyOneStarts() throws Exception {
        Store one = open();
        Store two = open();
        Candidate a = candidate('a');
        one.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.candidates().remember(a);
            return null;
        });
        List<Boolean> started = race(6, thread -> {
            try {
                (thread % 2 == 0 ? one : two).write(tx -> tx.tagRuns().start(KOA, a.id(), TagRun.Kind.RC, "koa.2rc1", NED, T, "r" + thread));
                return true;
            } catch (Refusal e) {
                return false;
            }
        });
        assertThat(started).containsOnlyOnce(true);
        assertThat(two.<List<dev.btrbot.core.port.TagRunRepo.Running>>read(tx -> tx.tagRuns().running())).hasSize(1);
    }

    @Test
    void aRunningTagRunsLeaseIsItsLastHeartbeat() {
        Store store = open();
        Candidate a = candidate('a');
        TagRun run = store.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.candidates().remember(a);
            return tx.tagRuns().start(KOA, a.id(), TagRun.Kind.RC, "koa.2rc1", NED, T, "host-a:7");
        });
        assertThat(store.<List<dev.btrbot.core.port.TagRunRepo.Running>>read(tx -> tx.tagRuns().running())).singleElement()
                .satisfies(r -> assertThat(r.owner()).isEqualTo("host-a:7"))
                .satisfies(r -> assertThat(r.lastSign()).isEqualTo(T));
        store.write(tx -> {
            tx.tagRuns().launched(run.id(), new TagRun.Launch("host-a", 4242, "99", "/tmp/run.log"));
            tx.tagRuns().heartbeat(run.id(), T.plusSeconds(30));
            return null;
        });
        assertThat(store.<List<dev.btrbot.core.port.TagRunRepo.Running>>read(tx -> tx.tagRuns().running())).singleElement()
                .satisfies(r -> assertThat(r.lastSign()).isEqualTo(T.plusSeconds(30)))
                .satisfies(r -> assertThat(r.run().launch()).isEqualTo(new TagRun.Launch("host-a", 4242, "99", "/tmp/run.log")));
        assertThat(store.<Boolean>write(tx -> tx.tagRuns().finish(run.id(), TagRun.State.INTERRUPTED, null, null, List.of(), T.plusSeconds(60))))
                .isTrue();
        assertThat(store.<Boolean>write(tx -> tx.tagRuns().finish(run.id(), TagRun.State.FAILED, 1, "late", List.of(), T.plusSeconds(61))))
                .as("a run ends once").isFalse();
        assertThatThrownBy(() -> store.write(tx -> {
            tx.tagRuns().launched(run.id(), new TagRun.Launch("host-b", 1, "1", null));
            return null;
        })).hasMessageContaining("no longer running");
        assertThat(store.<List<dev.btrbot.core.port.TagRunRepo.Running>>read(tx -> tx.tagRuns().running())).isEmpty();
    }

    @Test
    void aSignedRequestIsTakenOnceByAnyStoreAndForgottenAfterItsWindow() throws Exception {
        Store one = open();
        Store two = open();
        List<Boolean> first = race(8, thread -> (thread % 2 == 0 ? one : two)
                .write(tx -> tx.seenRequests().firstSight("v0:1612170000:abc", T, T.minusSeconds(660))));
        assertThat(first).containsOnlyOnce(true);
        assertThat(one.<Boolean>write(tx -> tx.seenRequests().firstSight("v0:1612170000:abc", T.plusSeconds(600), T.minusSeconds(60))))
                .as("within the window").isFalse();
        assertThat(two.<Boolean>write(tx -> tx.seenRequests().firstSight("v0:1612170000:abc", T.plusSeconds(700), T.plusSeconds(40))))
                .as("after the window").isTrue();
    }

    @Test
    void forumReportsTheirPostsAliasesAndTheCursorAreKeptAndGoWithTheRelease() {
        Store first = open();
        dev.btrbot.domain.ForumPost post = new dev.btrbot.domain.ForumPost(501, 4132, 1, "koa.2 fails", "jill", T, "mysql", 30,
                java.net.URI.create("https://discuss.example.org/t/4132/1"));
        first.write(tx -> {
            tx.releases().insert(koa2(KOA));
            assertThat(tx.forum().addAlias(KOA, "koa 2")).isTrue();
            assertThat(tx.forum().addAlias(KOA, "koa 2")).isFalse();
            dev.btrbot.domain.ForumReport r = tx.forum().addReport(KOA, post, T);
            tx.forum().markSeen(post.postId(), KOA, r.number());
            tx.forum().addReply(KOA, r.number(), T.plusSeconds(60), "joe");
            tx.forum().addReply(KOA, r.number(), T.plusSeconds(30), "ana");       // older than the last: counted, not the last
            tx.forum().advance(501, T);
            tx.forum().advance(400, T.plusSeconds(600));                          // never lowered
            return null;
        });
        Store second = open();
        dev.btrbot.domain.ForumReport back = second.read(tx -> tx.forum().reportOfTopic(KOA, 4132)).orElseThrow();
        assertThat(back.number()).isEqualTo(1);
        assertThat(back.untriaged()).isTrue();
        assertThat(back.replies()).isEqualTo(2);
        assertThat(back.lastReplyAt()).isEqualTo(T.plusSeconds(60));
        assertThat(back.lastReplyBy()).isEqualTo("joe");
        assertThat(second.<Boolean>read(tx -> tx.forum().seen(501))).isTrue();
        assertThat(second.<List<String>>read(tx -> tx.forum().aliases(KOA))).containsExactly("koa 2");
        assertThat(second.read(tx -> tx.forum().cursor()).lastPostId()).isEqualTo(501);

        second.write(tx -> {
            tx.forum().failed(T.plusSeconds(1200), "down");
            tx.forum().failed(T.plusSeconds(1800), "still down");
            tx.forum().triage(KOA, 1, dev.btrbot.domain.ForumReport.State.DISMISSED, NED, T, "spam", null);
            return null;
        });
        var cursor = first.read(tx -> tx.forum().cursor());
        assertThat(cursor.unreachableSince()).isEqualTo(T.plusSeconds(1200));
        assertThat(cursor.lastError()).isEqualTo("still down");
        assertThat(cursor.lastPostId()).isEqualTo(501);
        assertThat(first.read(tx -> tx.forum().report(KOA, 1)).orElseThrow().outcome()).isEqualTo("dismissed: spam");
        assertThatThrownBy(() -> first.write(tx -> tx.forum().addReport(KOA, post, T))).as("one report per thread").isNotNull();

        first.write(tx -> tx.releases().delete(KOA));
        assertThat(first.<List<dev.btrbot.domain.ForumReport>>read(tx -> tx.forum().reports(KOA))).isEmpty();
        assertThat(first.<Boolean>read(tx -> tx.forum().seen(501))).isFalse();
    }

    @Test
    void aScopeOfKeysIsForgottenOnItsOwnWindowNotOnAnotherPlatforms() {
        Store store = open();
        assertThat(store.<Boolean>write(tx -> tx.seenRequests().firstSight("discourse|https://forum#e1", T, T.minus(java.time.Duration.ofDays(7)))))
                .isTrue();
        // a Slack request an hour later forgets Slack's keys older than eleven minutes, not the forum's
        assertThat(store.<Boolean>write(tx -> tx.seenRequests().firstSight("v0:1612173600:def", T.plusSeconds(3600), T.plusSeconds(3600 - 660))))
                .isTrue();
        assertThat(store.<Boolean>write(tx -> tx.seenRequests().firstSight("discourse|https://forum#e1", T.plusSeconds(7200),
                T.plusSeconds(7200).minus(java.time.Duration.ofDays(7))))).as("the forum's delivery is still remembered").isFalse();
        assertThat(store.<Boolean>write(tx -> tx.seenRequests().firstSight("discourse|https://forum#e1", T.plus(java.time.Duration.ofDays(8)),
                T.plus(java.time.Duration.ofDays(1))))).as("and forgotten after its own window").isTrue();
    }

    @Test
    void backportAttemptsAreKeptPerPullRequestWithTheirConflictFilesAndGoWithTheirRelease() {
        Store store = open();
        RepoRef repo = new RepoRef("openedx/configuration");
        GitRefName branch = new GitRefName("backport/koa.2/6213");
        dev.btrbot.domain.BackportAttempt conflict = new dev.btrbot.domain.BackportAttempt(KOA, repo, 6213,
                dev.btrbot.domain.BackportAttempt.Outcome.CONFLICT, branch, null, List.of("lms/settings.py", "docs/a b.rst"), null, NED, T);
        dev.btrbot.domain.BackportAttempt opened = new dev.btrbot.domain.BackportAttempt(KOA, repo, 6213,
                dev.btrbot.domain.BackportAttempt.Outcome.PR_OPENED, branch, "https://github.com/openedx/configuration/pull/7001",
                List.of(), null, NED, T.plusSeconds(60));
        dev.btrbot.domain.BackportAttempt other = new dev.btrbot.domain.BackportAttempt(KOA, repo, 6300,
                dev.btrbot.domain.BackportAttempt.Outcome.FAILED, new GitRefName("backport/koa.2/6300"), null, List.of(),
                "Cannot push", NED, T.plusSeconds(120));
        store.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.backportAttempts().record(conflict);
            tx.backportAttempts().record(opened);
            tx.backportAttempts().record(other);
            return null;
        });

        java.util.Optional<dev.btrbot.domain.BackportAttempt> latest = store.read(tx -> tx.backportAttempts().latest(KOA, repo, 6213));
        assertThat(latest).contains(opened);
        java.util.Optional<dev.btrbot.domain.BackportAttempt> none = store.read(tx -> tx.backportAttempts().latest(KOA, repo, 1));
        assertThat(none).isEmpty();
        List<dev.btrbot.domain.BackportAttempt> all = store.read(tx -> tx.backportAttempts().all(KOA));
        assertThat(all).containsExactly(conflict, opened, other);
        assertThat(opened.openedNumber()).contains(7001);

        java.util.Map<String, Integer> removed = store.write(tx -> tx.releases().delete(KOA));
        assertThat(removed).containsEntry("backport attempts", 3);
        List<dev.btrbot.domain.BackportAttempt> left = store.read(tx -> tx.backportAttempts().all(KOA));
        assertThat(left).isEmpty();
    }

    @Test
    void theBackportQueueKeepsEachPullRequestOnceAndADeclineForGood() {
        Store store = open();
        store.write(tx -> {
            tx.releases().insert(koa2(KOA));
            return null;
        });
        var pr = new dev.btrbot.domain.PullRequestRef(new RepoRef("openedx/configuration"), 6213);
        var candidate = new dev.btrbot.domain.BackportCandidate(KOA, pr, "Fix nginx", "alice", new Sha("d".repeat(40)),
                T.minusSeconds(60), "label 'backport koa'", dev.btrbot.domain.BackportCandidate.State.PENDING, null, null, T);
        assertThat(store.<Boolean>write(tx -> tx.backports().add(candidate))).isTrue();
        assertThat(store.<Boolean>write(tx -> tx.backports().add(candidate))).as("the same pull request again").isFalse();
        store.write(tx -> {
            tx.backports().settle(candidate.landedBy(dev.btrbot.domain.BackportCandidate.Landed.SAME_PATCH));
            return null;
        });
        assertThat(open().read(tx -> tx.backports().find(KOA, pr)).orElseThrow())
                .isEqualTo(candidate.landedBy(dev.btrbot.domain.BackportCandidate.Landed.SAME_PATCH));
        var decline = new dev.btrbot.domain.BackportCandidate.Decline(NED, "not for koa", T.plusSeconds(5));
        assertThat(store.<Boolean>write(tx -> tx.backports().decline(KOA, pr, decline))).isTrue();
        assertThat(store.<Boolean>write(tx -> tx.backports().decline(KOA, pr, decline))).isFalse();
        store.write(tx -> {
            tx.backports().settle(candidate.pendingAgain());
            return null;
        });
        var back = store.read(tx -> tx.backports().forRelease(KOA));
        assertThat(back).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(dev.btrbot.domain.BackportCandidate.State.DECLINED);
            assertThat(c.decline()).isEqualTo(decline);
        });
        store.write(tx -> {
            tx.backports().setLabels(KOA, dev.btrbot.domain.BackportLabels.parse("backport <release>"));
            tx.backports().setLabels(KOA, dev.btrbot.domain.BackportLabels.parse("to <branch>, affects:<release>"));
            return null;
        });
        assertThat(store.read(tx -> tx.backports().labels(KOA)).orElseThrow().patterns()).containsExactly("to <branch>", "affects:<release>");
        java.util.Map<String, Integer> removed = store.write(tx -> tx.releases().delete(KOA));
        assertThat(removed).containsEntry("backports", 1).containsEntry("backport labels", 1);
    }

    /** Runs {@code work(0..threads-1)} on as many threads, started together; their results in thread order. */
    static <T> List<T> race(int threads, java.util.function.IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<T> task = () -> {
                    go.await();
                    return work.apply(thread);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
