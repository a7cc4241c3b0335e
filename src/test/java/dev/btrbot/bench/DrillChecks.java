package dev.btrbot.bench;

import static dev.btrbot.testing.TestGit.git;

import dev.btrbot.adapter.slack.SlackForBench;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link ServeDrill} checks once its rounds are over, read from the database, the fake Slack and the git
 * remotes, each printed: every daily summary posted exactly once, every candidate tagged at most once (tag_run rows
 * and the remotes' tags), every acknowledged and answered command's effect in the store.
 */
final class DrillChecks {
    private final String url;
    private final SlackForBench slack;
    private final SlackTraffic traffic;
    private final Map<String, Path> remotes;
    private final List<String> violations = new ArrayList<>();

    DrillChecks(String url, SlackForBench slack, SlackTraffic traffic, Map<String, Path> remotes) {
        this.url = url;
        this.slack = slack;
        this.traffic = traffic;
        this.remotes = remotes;
    }

    /** Prints the figures and each check; 0 when every check holds, else 1. */
    int run(List<Double> handovers) throws Exception {
        System.out.printf("hand-over (kill -9 to another replica's /healthz saying it leads): max %.1f s, mean %.1f s over %d kills%n",
                handovers.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                handovers.stream().mapToDouble(Double::doubleValue).average().orElse(0), handovers.size());
        try (Connection c = DriverManager.getConnection(url)) {
            summaries(c);
            tags(c);
            commands(c);
        }
        System.out.println("Matrix: not driven by this drill (the fake homeserver lives in the tests; the leader lease that gates"
                + " the /sync loop is the same one killed here)");
        List<String> fake = slack.violations();
        if (!fake.isEmpty()) {
            System.out.println("the fake Slack saw shapes Slack would refuse: " + fake.size() + " (first: " + fake.get(0) + ")");
        }
        System.out.println(violations.isEmpty() ? "every check holds" : "VIOLATIONS:\n  " + String.join("\n  ", violations));
        return violations.isEmpty() ? 0 : 1;
    }

    private void summaries(Connection c) throws Exception {
        for (String r : ServeDrill.SUMMARIES) {
            long posted = slack.posts(ServeDrill.channel(r)).stream().filter(t -> t.contains(r + " summary — ")).count();
            List<String> rows = rows(c, "select slot, claimed_by, sent_at from scheduled_post where release = ? and kind = 'summary'", r);
            System.out.printf("daily summary of %s: posted %d time(s) in %s; claims %s%n", r, posted, ServeDrill.channel(r), rows);
            if (posted != 1) {
                violations.add(r + "'s daily summary was posted " + posted + " times");
            }
        }
    }

    private void tags(Connection c) throws Exception {
        for (SlackTraffic.Sent s : traffic.sent) {
            if (s.text().startsWith("tag ")) {
                System.out.printf("'%s' to a replica: %s%n", s.text(), !SlackTraffic.acked(s) ? "not acknowledged"
                        : traffic.answer(s).map(a -> a.text().lines().findFirst().orElse("")).orElse("acknowledged, never answered"));
            }
        }
        for (String r : ServeDrill.RELEASES) {
            List<String> runs = rows(c, "select candidate_id, kind, state from tag_run where release = ? order by id", r);
            List<String> succeeded = rows(c, "select candidate_id, kind from tag_run where release = ? and state = 'succeeded'", r);
            String state = rows(c, "select state from release where name = ?", r).get(0);
            if (new HashSet<>(succeeded).size() != succeeded.size()) {
                violations.add(r + ": a candidate tagged twice " + succeeded);
            }
            boolean everyRemote = true;
            for (Map.Entry<String, Path> remote : remotes.entrySet()) {
                Map<String, String> tags = tags(remote.getValue());
                String signed = git(remote.getValue(), "rev-parse", "release/" + r).trim();
                everyRemote &= signed.equals(tags.get(r));
                if (tags.containsKey(r) && !signed.equals(tags.get(r))) {
                    violations.add(remote.getKey() + " carries " + r + " on " + tags.get(r) + ", not the signed commit");
                }
            }
            boolean recorded = state.contains("tagged");
            System.out.printf("tag runs of %s: %s; release %s; tag %s on every remote's signed commit: %s%n", r, runs, state, r,
                    everyRemote ? "yes" : "no");
            if (recorded != everyRemote) {
                violations.add(r + " recorded " + state + " while the remotes " + (everyRemote ? "all" : "do not all") + " carry the tag");
            }
            if (ServeDrill.TAGGED.contains(r) && !recorded) {
                violations.add(r + " was never tagged");
            }
        }
    }

    private void commands(Connection c) throws Exception {
        List<SlackTraffic.Sent> sent = traffic.sent.stream().filter(s -> s.text().startsWith("signoff " + ServeDrill.STREAM)
                && s.user().startsWith("UDRILL")).toList();
        Set<String> signedOff = new HashSet<>(rows(c, "select member from signoff where release = ?", ServeDrill.STREAM));
        int acked = 0;
        int answered = 0;
        int ackedUnanswered = 0;
        int unansweredDone = 0;
        int unacked = 0;
        int unackedDone = 0;
        for (SlackTraffic.Sent s : sent) {
            boolean done = signedOff.contains(s.user());
            if (!SlackTraffic.acked(s)) {
                unacked++;
                unackedDone += done ? 1 : 0;
                continue;
            }
            acked++;
            var answer = traffic.await(s, Duration.ofSeconds(answered == 0 ? 30 : 2));
            if (answer.isEmpty()) {
                ackedUnanswered++;
                unansweredDone += done ? 1 : 0;
            } else if (answer.get().text().contains("Signed off") || answer.get().text().toLowerCase().contains("pass")) {
                answered++;
                if (!done) {
                    violations.add(s.user() + "'s sign-off was answered (" + answer.get().text().lines().findFirst().orElse("")
                            + ") but is not in the store");
                }
            } else {
                violations.add(s.user() + "'s sign-off was refused: " + answer.get().text().lines().findFirst().orElse(""));
            }
        }
        System.out.printf("sign-offs sent over Slack HTTP: %d; acknowledged (200): %d, of which answered as done: %d (each in the store:"
                        + " %s), acknowledged but never answered (the replica died after its ack): %d (%d in the store all the same);"
                        + " not acknowledged (the replica was down): %d (%d in the store)%n", sent.size(), acked, answered,
                violations.stream().noneMatch(v -> v.contains("not in the store")) ? "yes" : "NO", ackedUnanswered, unansweredDone,
                unacked, unackedDone);
    }

    private static List<String> rows(Connection c, String sql, String arg) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> cols = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        cols.add(rs.getString(i));
                    }
                    out.add(String.join(" ", cols));
                }
            }
        }
        return out;
    }

    private static Map<String, String> tags(Path remote) {
        Map<String, String> tags = new TreeMap<>();
        for (String line : git(remote, "for-each-ref", "--format=%(refname:strip=2) %(*objectname) %(objectname)", "refs/tags").split("\n")) {
            String[] f = line.trim().split(" +");
            if (f.length >= 2) {
                tags.put(f[0], f[1]);
            }
        }
        return tags;
    }
}
