package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Reply;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagRun;
import dev.btrbot.domain.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the tag command for one candidate, at most once. The run is recorded as
 * running in the same transaction that re-checks the gate, so nothing can
 * change between the check and the start; the schema refuses a second running
 * run and a second success. The command runs outside any transaction, and its
 * end is recorded with the announcement it makes possible.
 */
final class TagRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TagRunner.class);
    private TagRunner() {
    }

    /** @param cutOff earlier runs found cut off (their lease expired) and marked interrupted before this one started */
    record Outcome(TagRun run, Tagger.Result result, List<String> progress, List<String> cutOff, boolean late) {
    }

    static Outcome run(Call call, Assessment assessment, TagRun.Kind kind, GitRefName tag, String message) {
        Release release = assessment.release();
        Candidate candidate = assessment.candidate();
        List<String> cutOff = Recovery.interruptExpiredTagRuns(call.services());
        TagRun run = call.services().store().write(tx -> {
            if (kind == TagRun.Kind.FINAL) {
                // the same git and CI facts the caller assessed; only the store may have changed since
                var fresh = new Readiness(call.services()).assemble(tx, tx.releases().find(release.name()).orElseThrow(), candidate,
                        assessment.candidateProblem(), assessment.missingBackports(), call.actor(), assessment.checks(),
                        assessment.checksProblem());
                if (!fresh.gate().open()) {
                    throw new Refusal("The gate shut while confirming: " + fresh.gate().unmet().get(0));
                }
            }
            TagRun started = tx.tagRuns().start(release.name(), candidate.id(), kind, tag.value(), call.actor(), call.now(),
                    call.services().processId());
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
        Tagger.Result result;
        boolean recorded;
        try {
            lease.scheduleAtFixedRate(() -> heartbeat(call, run), Recovery.HEARTBEAT.toMillis(), Recovery.HEARTBEAT.toMillis(),
                    TimeUnit.MILLISECONDS);
            Progress board = new Progress(call, release, tag, candidate);
            result = runCommand(call, release, tag, candidate, message, progress, board);
            board.finish(progress, result);
            recorded = record(call, assessment, run, kind, tag, result);
        } finally {
            lease.shutdownNow();
        }
        return new Outcome(run, result, progress, cutOff, !recorded);
    }

    /**
     * Records the run's end, the release's new state and the announcement, in
     * one transaction. A run that another process meanwhile took for one cut
     * off (its lease had expired) keeps its "interrupted" record: its late end
     * is audited, and it neither moves the release nor makes an announcement.
     */
    private static boolean record(Call call, Assessment assessment, TagRun run, TagRun.Kind kind, GitRefName tag,
                                  Tagger.Result result) {
        Release release = assessment.release();
        Candidate candidate = assessment.candidate();
        TagRun.State end = result.succeeded() ? TagRun.State.SUCCEEDED : TagRun.State.FAILED;
        return call.services().store().write(tx -> {
            String summary = tag + " on candidate " + candidate.shortId() + ": " + end.label()
                    + (result.timedOut() ? " (timed out)" : " (exit " + result.exitCode() + ")");
            if (!tx.tagRuns().finish(run.id(), end, result.exitCode(), result.output(), call.now())) {
                call.audit(tx, release.name(), "tag." + kind.label() + ".late", summary + ", after the run had been taken for interrupted");
                return false;
            }
            call.audit(tx, release.name(), "tag." + kind.label() + "." + end.label(), summary);
            if (end == TagRun.State.SUCCEEDED && kind == TagRun.Kind.FINAL) {
                tx.releases().setState(release.name(), ReleaseState.TAGGED);
                tx.announcements().save(release.name(), run.id(), announcement(call, release, tag, candidate, assessment), call.now());
            } else if (end == TagRun.State.SUCCEEDED && release.state() == ReleaseState.PLANNING) {
                tx.releases().setState(release.name(), ReleaseState.TESTING);
            }
            return true;
        });
    }

    /** Renews the run's lease, so that no process takes it for one cut off by a crash. */
    private static void heartbeat(Call call, TagRun run) {
        try {
            call.services().store().write(tx -> {
                tx.tagRuns().heartbeat(run.id(), call.services().clock().instant());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot renew the lease of tag run {}: {}", run.id(), e.getMessage());
        }
    }

    private static Tagger.Result runCommand(Call call, Release release, GitRefName tag, Candidate candidate, String message,
                                            List<String> progress, Progress board) {
        try {
            return call.services().tagger().tag(new Tagger.Request(release.name(), tag, candidate.heads(), message),
                    line -> {
                        synchronized (progress) {
                            progress.add(line);
                            board.show(progress, null);
                        }
                    });
        } catch (RuntimeException e) {
            // the run is recorded as running: it must end as failed, never stay running until a restart
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
    private static final class Progress {
        private final Call call;
        private final Release release;
        private final GitRefName tag;
        private final Candidate candidate;
        private dev.btrbot.core.port.Chat.PostRef post;
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
                    post = call.services().chat().post(release.channel(), message(List.of(), null));
                } catch (RuntimeException e) {
                    LOG.warn("cannot post tag progress of {} to its channel: {}", release.name(), e.getMessage());
                }
            }
        }

        /** Called as output arrives: schedules an edit with the latest lines, dropping ones not yet sent. */
        void show(List<String> lines, Tagger.Result result) {
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
        void finish(List<String> lines, Tagger.Result result) {
            editor.shutdown();
            try {
                if (!editor.awaitTermination(1, TimeUnit.MINUTES)) {
                    editor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (post != null) {
                edit(lines, result);
            }
        }

        /** Best effort: a chat outage must not stop or fail the tag run. */
        private void edit(List<String> lines, Tagger.Result result) {
            try {
                call.services().chat().update(post, message(lines, result));
            } catch (RuntimeException e) {
                LOG.warn("cannot update tag progress of {}: {}", release.name(), e.getMessage());
            }
        }

        private Reply message(List<String> lines, Tagger.Result result) {
            long done = lines.stream().filter(l -> l.startsWith("tagged ") || l.startsWith("already tagged ")).count();
            String state = result == null ? "in progress" : result.succeeded() ? "done" : "FAILED";
            return Reply.builder("Tagging " + release.name() + " as " + tag + ": " + state + " (" + done + "/"
                            + candidate.heads().size() + " repositories), requested by " + call.actor())
                    .section("", lines.isEmpty() ? List.of("starting…") : List.copyOf(lines)).build();
        }
    }

    static String testers(Assessment a) {
        return a.currentSignOffs().stream().filter(s -> s.verdict() == Verdict.PASS).map(SignOff::member).map(MemberId::value)
                .sorted().collect(Collectors.joining(", "));
    }

    private static String announcement(Call call, Release release, GitRefName tag, Candidate candidate, Assessment a) {
        String repos = candidate.heads().stream().map(h -> "- " + h.repo().name() + " @ " + h.sha().shortId())
                .collect(Collectors.joining("\n"));
        return call.services().settings().announceTemplate().replace("{release}", release.name().value())
                .replace("{tag}", tag.value()).replace("{candidate}", candidate.shortId()).replace("{testers}", testers(a))
                .replace("{repos}", repos);
    }

    static List<String> plan(GitRefName tag, Candidate candidate) {
        return candidate.heads().stream().map((RepoHead h) -> h.repo().name() + ": tag " + tag + " on " + h.sha().shortId()
                + " (" + h.repo().url() + ")").toList();
    }

    static Reply outcomeReply(String what, Outcome outcome) {
        if (outcome.late()) {
            Reply late = Reply.builder(what + " ended after another process had taken the run for interrupted")
                    .section("", List.of("The command " + (outcome.result().succeeded() ? "succeeded" : "failed")
                            + ", but its run had stopped renewing its lease, so nothing was recorded as tagged. Check the"
                            + " repositories' tags, then run the command again: tags already on the right commits count as done."))
                    .section("tag command output", outcome.progress()).build();
            return new Reply(Reply.Kind.ERROR, late.title(), late.sections(), List.of(), null);
        }
        Reply.Builder reply = Reply.builder(what + (outcome.result().succeeded() ? " succeeded" : " failed")
                + (outcome.result().timedOut() ? " (timed out)" : ""));
        List<String> lines = outcome.progress().isEmpty() ? List.of(outcome.result().output().strip()) : outcome.progress();
        if (!outcome.cutOff().isEmpty()) {
            reply.section("an earlier run", outcome.cutOff());
        }
        reply.section("tag command output", lines.stream().limit(40).toList());
        return outcome.result().succeeded() ? reply.build()
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
