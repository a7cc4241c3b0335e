package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.jobs.ForumPollJob;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import java.util.ArrayList;
import java.util.List;

/** Polls the forum now, as the scheduler does every poll interval, and says what it found (admins and release managers). */
public final class ForumPoll implements Command {
    private final Store store;
    private final ForumPollJob job;

    public ForumPoll(Store store, ForumPollJob job) {
        this.store = store;
        this.job = job;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("forum poll");
    }

    @Override
    public String help() {
        return "Reads the forum's new posts now and says what they made (admins and release managers).";
    }

    @Override
    public Reply run(Call call, Args args) {
        boolean manager = call.rights().isAdmin(call.actor()) || store.read(tx -> tx.releases().all().stream()
                .filter(r -> r.state().isActive()).anyMatch(r -> call.rights().isManager(tx, r.name(), call.actor())));
        if (!manager) {
            throw new Refusal("Only an admin or a release manager may poll the forum.");
        }
        if (!job.configured()) {
            throw new Refusal("No forum is watched (the operator sets BTR_DISCOURSE_URL).");
        }
        ForumPollJob.Poll poll = job.pollNow();
        if (poll.error() != null) {
            return Reply.error("The forum could not be read: " + poll.error() + " Nothing changed; the next poll starts from post "
                    + poll.cursor() + ".", null);
        }
        List<String> lines = new ArrayList<>();
        lines.add(poll.posts() + " new " + (poll.posts() == 1 ? "post" : "posts") + " read; " + poll.taken() + " about a release"
                + " (" + poll.newReports().size() + " new " + (poll.newReports().size() == 1 ? "report" : "reports") + ", "
                + poll.replies() + " " + (poll.replies() == 1 ? "reply" : "replies") + " to reported threads).");
        for (ForumReport r : poll.newReports()) {
            lines.add(r.release() + " forum report #" + r.number() + ": " + r.title() + " — " + r.url());
        }
        lines.add("Read up to post " + poll.cursor() + ".");
        return Reply.text("Forum polled", lines.toArray(String[]::new));
    }
}
