package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Reply;
import dev.btrbot.core.TagRuns;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.core.port.TagRunRepo;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.TagCheck;
import dev.btrbot.domain.TagRun;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tag command for one candidate, at most once. The run is recorded as
 * running in the same transaction that re-checks the gate, so nothing can
 * change between the check and the start; the schema refuses a second running
 * run and a second success. The command's process is recorded before it does
 * anything, so a bot that dies leaves a run the next one can follow. The
 * command runs outside any transaction; its end is what the repositories then
 * carry ({@link TagRuns}), recorded with the announcement it makes possible.
 */
public final class TagRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TagRunner.class);
    private final Store store;
    private final Clock clock;
    private final Tagger tagger;
    private final Chat chat;
    private final Readiness readiness;
    private final TagRuns tagRuns;
    private final Recovery recovery;
    private final String processId;

    /**
     * @param chat      where tag progress is shown (the release's channel)
     * @param recovery  settles runs cut off by a crash before a new one starts
     * @param processId this process, {@code host:pid}: the owner a run is recorded with
     */
    public TagRunner(Store store, Clock clock, Tagger tagger, Chat chat, Readiness readiness, TagRuns tagRuns, Recovery recovery,
                     String processId) {
        this.store = store;
        this.clock = clock;
        this.tagger = tagger;
        this.chat = chat;
        this.readiness = readiness;
        this.tagRuns = tagRuns;
        this.recovery = recovery;
        this.processId = processId;
    }

    /**
     * @param end    the run's state as recorded: from what the repositories carry, not from the command's exit
     * @param checks what each repository carried under the tag when the command had ended
     * @param cutOff earlier runs found cut off and settled before this one started
     * @param late   the run had been settled by another process meanwhile: nothing was recorded
     */
    record Outcome(TagRun run, Tagger.Result result, TagRun.State end, List<TagCheck> checks, List<String> progress,
                   List<String> cutOff, boolean late) {
        boolean succeeded() {
            return end == TagRun.State.SUCCEEDED && !late;
        }
    }

    Outcome run(Call call, Assessment assessment, TagRun.Kind kind, GitRefName tag, String message) {
        return run(call, assessment, kind, tag, message, null);
    }

    /** @param attempt the run's number among the release's runs of this kind, as a confirmation gave it; null: any */
    Outcome run(Call call, Assessment assessment, TagRun.Kind kind, GitRefName tag, String message, Integer attempt) {
        Release release = assessment.release();
        Candidate candidate = assessment.candidate();
        List<String> cutOff = recovery.settleCutOffTagRuns();
        TagRun run = store.write(tx -> {
            if (kind == TagRun.Kind.FINAL) {
                // the same git and CI facts the caller assessed; only the store may have changed since
                var fresh = readiness.assemble(tx, tx.releases().find(release.name()).orElseThrow(), candidate,
                        assessment.candidateProblem(), assessment.missingBackports(), call.actor(), assessment.checks(),
                        assessment.checksProblem());
                if (!fresh.gate().open()) {
                    throw new Refusal("The gate shut while confirming: " + fresh.gate().unmet().get(0));
                }
            }
            refuseWhileOneRuns(tx, release);
            long made = tx.tagRuns().forRelease(release.name()).stream().filter(r -> r.kind() == kind).count();
            if (attempt != null && made + 1 != attempt) {
                throw new Refusal("This confirmation was for attempt " + attempt + " at tagging " + release.name() + ", but a run"
                        + " ended meanwhile: a confirmation runs the tag command once. Run 'tag " + release.name()
                        + "' for a fresh plan; nothing was tagged.");
            }
            TagRun started = tx.tagRuns().start(release.name(), candidate.id(), kind, tag.value(), call.actor(), call.now(),
                    processId);
            call.audit(tx, release.name(), "tag." + kind.label() + ".start", tag + " on candidate " + candidate.shortId());
            return started;
        });
        // the lease is held from the moment the run is recorded until its end is: chat calls (which may wait out rate
        // limits) and the command itself all happen while the run says it is alive
        ScheduledExecutorService lease = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tag-run-" + run.id() + "-heartbeat");
            t.setDaemon(true);
            return t;
        });
        List<String> progress = new ArrayList<>();
        try {
            lease.scheduleAtFixedRate(() -> heartbeat(run), Recovery.HEARTBEAT.toMillis(), Recovery.HEARTBEAT.toMillis(),
                    TimeUnit.MILLISECONDS);
            Progress board = new Progress(call, release, tag, candidate);
            AtomicReference<TagRun.Launch> launched = new AtomicReference<>();
            Tagger.Result result = runCommand(run, release, tag, candidate, message, progress, board, launched);
            List<TagCheck> checks = tagRuns.verify(tag, candidate);
            TagRun.State end = TagCheck.verdict(checks, TagRun.State.FAILED);
            board.finish(progress, end);
            String how = (result.timedOut() ? "(timed out)" : "(exit " + result.exitCode() + ")")
                    + (result.succeeded() && end != TagRun.State.SUCCEEDED ? ", though the command reported success" : "");
            boolean recorded = store.write(tx -> {
                Instant ended = clock.instant();
                if (tagRuns.record(tx, call.actor(), run, end, result.exitCode(), result.output(), checks, ended, how)) {
                    return true;
                }
                tx.audit().record(ended, call.actor(), release.name(), "tag." + kind.label() + ".late", tag + " on candidate "
                        + candidate.shortId() + ": " + end.label() + " " + how + ", after the run had been settled by another process");
                return false;
            });
            if (launched.get() != null) {
                tagger.discard(launched.get());
            }
            return new Outcome(run, result, end, checks, progress, cutOff, !recorded);
        } finally {
            lease.shutdownNow();
        }
    }

    /** Another run of the release is recorded as running: say whose it is and what it waits for. */
    private static void refuseWhileOneRuns(StoreTx tx, Release release) {
        tx.tagRuns().running().stream().map(TagRunRepo.Running::run).filter(r -> r.release().equals(release.name())).findFirst()
                .ifPresent(other -> {
                    throw new Refusal("Tag run " + other.id() + " of " + release.name() + " (" + other.tagName() + ", started "
                            + other.startedAt() + " by " + other.requester() + (other.launch() == null ? "" : "; its command is "
                            + other.launch()) + ") is already running: another run waits until it ends or is stopped"
                            + " ('status " + release.name() + "' shows it).");
                });
    }

    /** Renews the run's lease, so that no process takes it for one cut off by a crash. */
    private void heartbeat(TagRun run) {
        try {
            store.write(tx -> {
                tx.tagRuns().heartbeat(run.id(), clock.instant());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot renew the lease of tag run {}: {}", run.id(), e.getMessage());
        }
    }

    private Tagger.Result runCommand(TagRun run, Release release, GitRefName tag, Candidate candidate,
                                            String message, List<String> progress, Progress board,
                                            AtomicReference<TagRun.Launch> launched) {
        try {
            return tagger.tag(new Tagger.Request(release.name(), tag, candidate.heads(), message),
                    new Tagger.Listener() {
                        @Override
                        public void started(TagRun.Launch launch) {
                            store.write(tx -> {
                                tx.tagRuns().launched(run.id(), launch);
                                return null;
                            });
                            launched.set(launch);
                        }

                        @Override
                        public void line(String line) {
                            synchronized (progress) {
                                progress.add(line);
                                board.show(progress);
                            }
                        }
                    });
        } catch (RuntimeException e) {
            // the run is recorded as running: it must end, never stay running until a restart
            LOG.error("tag command for {} failed to run", release.name(), e);
            return new Tagger.Result(-1, "the tag command could not be run (" + e.getClass().getSimpleName() + "); see the bot's log",
                    false);
        }
    }

    /**
     * Tag progress in the release's channel: one message, updated as each
     * repository is tagged. Releases without a channel get none (the person
     * who asked sees the reply).
     */
    private final class Progress {
        private final Call call;
        private final Release release;
        private final GitRefName tag;
        private final Candidate candidate;
        private dev.btrbot.core.Chat.PostRef post;
        /** Edits go out on their own thread, newest lines only: a slow chat (rate limits) never holds up the command's output. */
        private final ExecutorService editor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tag-progress");
            t.setDaemon(true);
            return t;
        });
        private final AtomicReference<List<String>> pending = new AtomicReference<>();

        Progress(Call call, Release release, GitRefName tag, Candidate candidate) {
            this.call = call;
            this.release = release;
            this.tag = tag;
            this.candidate = candidate;
            if (release.channel() != null) {
                try {
                    post = chat.post(release.channel(), message(List.of(), null));
                } catch (RuntimeException e) {
                    LOG.warn("cannot post tag progress of {} to its channel: {}", release.name(), e.getMessage());
                }
            }
        }

        /** Called as output arrives: schedules an edit with the latest lines, dropping ones not yet sent. */
        void show(List<String> lines) {
            if (post == null) {
                return;
            }
            if (pending.getAndSet(List.copyOf(lines)) == null) {
                editor.execute(() -> {
                    List<String> latest = pending.getAndSet(null);
                    if (latest != null) {
                        edit(latest, null);
                    }
                });
            }
        }

        /** The final edit, after the edits still queued (waiting at most a minute for them). */
        void finish(List<String> lines, TagRun.State end) {
            editor.shutdown();
            try {
                if (!editor.awaitTermination(1, TimeUnit.MINUTES)) {
                    editor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (post != null) {
                edit(lines, end);
            }
        }

        /** Best effort: a chat outage must not stop or fail the tag run. */
        private void edit(List<String> lines, TagRun.State end) {
            try {
                chat.update(post, message(lines, end));
            } catch (RuntimeException e) {
                LOG.warn("cannot update tag progress of {}: {}", release.name(), e.getMessage());
            }
        }

        private Reply message(List<String> lines, TagRun.State end) {
            long done = lines.stream().filter(l -> l.startsWith("tagged ") || l.startsWith("already tagged ")).count();
            String state = end == null ? "in progress" : end == TagRun.State.SUCCEEDED ? "done" : end.label().toUpperCase(java.util.Locale.ROOT);
            return Reply.builder("Tagging " + release.name() + " as " + tag + ": " + state + " (" + done + "/"
                            + candidate.heads().size() + " repositories), requested by " + call.actor())
                    .section("", lines.isEmpty() ? List.of("starting…") : List.copyOf(lines)).build();
        }
    }

    static String testers(Assessment a) {
        return TagRuns.testers(a.currentSignOffs(), a.candidate().id());
    }

    static List<String> plan(GitRefName tag, Candidate candidate) {
        return candidate.heads().stream().map((RepoHead h) -> h.repo().name() + ": tag " + tag + " on " + h.sha().shortId()
                + " (" + h.repo().url() + ")").toList();
    }

    static Reply outcomeReply(String what, Outcome outcome) {
        if (outcome.late()) {
            Reply late = Reply.builder(what + " ended after another process had settled the run")
                    .section("", List.of("The repositories then read " + outcome.end().label() + ", but the run had stopped renewing"
                            + " its lease and was settled by another process, so this end was not recorded. 'status "
                            + outcome.run().release() + "' shows what was; run the command again if needed: tags already on the"
                            + " signed commits count as done."))
                    .section("tag command output", outcome.progress()).build();
            return new Reply(Reply.Kind.ERROR, late.title(), late.sections(), List.of(), null);
        }
        TagRun.State end = outcome.end();
        String verdict = switch (end) {
            case SUCCEEDED -> " succeeded";
            case PARTIAL -> " is PARTIAL";
            default -> " failed";
        };
        Reply.Builder reply = Reply.builder(what + verdict + (outcome.result().timedOut() ? " (timed out)" : ""));
        if (!outcome.cutOff().isEmpty()) {
            reply.section("an earlier run", outcome.cutOff());
        }
        String tag = outcome.run().tagName();
        if (end == TagRun.State.SUCCEEDED) {
            reply.line("checked", "every repository carries " + tag + " on its signed commit");
        } else {
            List<String> repos = new ArrayList<>();
            if (outcome.result().succeeded()) {
                repos.add("The command reported success, but the repositories disagree:");
            }
            repos.addAll(end == TagRun.State.PARTIAL ? TagRuns.repair(outcome.run(), outcome.checks())
                    : outcome.checks().stream().map(c -> "❌ " + c.describe(tag)).toList());
            reply.section("repositories", repos);
        }
        List<String> lines = outcome.progress().isEmpty() ? List.of(outcome.result().output().strip()) : outcome.progress();
        reply.section("tag command output", lines.stream().limit(40).toList());
        return outcome.succeeded() ? reply.build()
                : new Reply(Reply.Kind.ERROR, reply.build().title(), reply.build().sections(), List.of(), null);
    }

    /** A successful outcome's reply, to add next steps to: its sections, the command output first among them. */
    static Reply.Builder continued(Reply outcome) {
        Reply.Builder b = Reply.builder(outcome.title());
        for (Reply.Section section : outcome.sections()) {
            b.section(section.heading().equals("tag command output") ? "" : section.heading(), section.lines());
        }
        return b;
    }
}
