package dev.btrbot.demo;

import dev.btrbot.adapter.console.ConsoleChat;
import dev.btrbot.adapter.console.ConsoleRepl;
import dev.btrbot.config.BotConfig;
import dev.btrbot.domain.MemberId;
import dev.btrbot.wiring.Production;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The koa.2 story (Open edX's koa.2 incident report), told again with the bot in
 * the room: real git repositories in a temp folder, the real store and the
 * real tag command. An untested tag is refused, the fix that is only on master
 * is reported, a branch move makes sign-offs stale, and the final tag lands on
 * exactly the commits that were installed and signed off.
 */
public final class Demo {
    private final PrintStream out;

    public Demo(PrintStream out) {
        this.out = out;
    }

    public int play() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("btr-demo-");
        try {
            tell(dir);
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The README's console session, runnable offline: {@code {dir}} is the folder {@link #setUp} filled.
     * Comments after '#' are the console's own, so the lines paste as they stand.
     */
    public static final String SESSION = """
            release create koa.2 --branch open-release/koa.master --repos file://{dir}/remotes/configuration.git,file://{dir}/remotes/edx-platform.git --tag-template open-release/{release}
            role assign koa.2 manual-qa pierre
            role assign koa.2 tagger adolfo
            @pierre: blocker add koa.2 https://discuss.openedx.org/t/4132 --title "mysql client fails on 20.04" --priority high
            status koa.2                           # NO-GO: the blocker is open and nobody has signed off
            blocker resolve koa.2 1                # say the fix is on the release branch now
            @adolfo: candidate tag koa.2           # pushes open-release/koa.2rc1 on the current candidate
            @pierre: signoff koa.2 pass --env "Ubuntu 20.04, native install"
            @sofiane: signoff koa.2 pass --env "Ubuntu 20.04, AWS"
            @pierre: check koa.2 native-install    # the runbook's checklist: each step ticked by its owner
            check koa.2 must-haves-closed          # or by a release manager (here the admin)
            check koa.2 notes-reviewed
            check koa.2 announcement-drafted
            status koa.2                           # GO
            @adolfo: tag koa.2 --confirm           # open-release/koa.2 on exactly the signed-off commits
            """;

    /**
     * Leaves the koa.2 repositories (two bare "remotes" with a release branch) in {@code dir} for the
     * user to play with, and the README's session beside them in {@code session.txt}. Refuses a
     * folder that holds anything, so nothing of the user's is touched.
     */
    public int setUp(Path dir) throws IOException, InterruptedException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && (!Files.isDirectory(target) || hasEntries(target))) {
            throw new IllegalArgumentException(target + " is not an empty folder; name a new one, e.g. /tmp/koa.");
        }
        Path remotes = Files.createDirectories(target.resolve("remotes"));
        Path work = Files.createDirectories(target.resolve("work"));
        String branch = "open-release/koa.master";
        Repo configuration = Repo.create(remotes, work, "configuration", branch);
        Repo platform = Repo.create(remotes, work, "edx-platform", branch);
        configuration.commitOnMaster("playbooks/mysql.yml", "mysql-client-8.0\n", "Fix mysql client install on Ubuntu 20.04");
        Path session = Files.writeString(target.resolve("session.txt"), SESSION.replace("{dir}", target.toString()));
        out.println("Set up in " + target + ": repositories " + configuration.url() + " and " + platform.url()
                + ", branch " + branch + " (a fix is on master of configuration only).");
        out.println("Paste the lines of " + session + " at the console, or pipe them in:");
        out.println("  java -jar target/btr-bot.jar console --db " + target.resolve("btr.db") + " < " + session);
        return 0;
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private void tell(Path dir) throws IOException, InterruptedException {
        Path remotes = Files.createDirectories(dir.resolve("remotes"));
        Path work = Files.createDirectories(dir.resolve("work"));
        String branch = "open-release/koa.master";
        Repo configuration = Repo.create(remotes, work, "configuration", branch);
        Repo platform = Repo.create(remotes, work, "edx-platform", branch);

        BotConfig config = BotConfig.fromEnvironment(Map.of()).withDatabase(dir.resolve("btr.db"))
                .withConsoleUser(new MemberId("ned"));
        config = config.withAdmins(java.util.Set.of(new MemberId("ned")), dir.resolve("git-cache"));
        var bot = Production.wiring(config, new ConsoleChat(out)).bot();
        ConsoleRepl console = new ConsoleRepl(bot, config.consoleUser(), out);

        note("Jan 17: the mysql-client fix lands on master of configuration, not on " + branch + ".");
        String fix = configuration.commitOnMaster("playbooks/mysql.yml", "mysql-client-8.0\n",
                "Fix mysql client install on Ubuntu 20.04");

        note("The working group sets up koa.2. Ned is the admin and release manager.");
        say(console, "release create koa.2 --branch " + branch + " --repos " + configuration.url() + "," + platform.url()
                + " --tag-template open-release/{release} --target 2021-02-09");
        say(console, "role assign koa.2 release-manager ned");
        say(console, "pool manual-qa add pierre");
        say(console, "pool manual-qa add sofiane");
        say(console, "pool tagger add adolfo");
        say(console, "pool triage add ned");
        say(console, "rotate koa.2");
        say(console, "@pierre: role accept koa.2 manual-qa");
        say(console, "@adolfo: role accept koa.2 tagger");
        say(console, "@ned: role accept koa.2 triage");

        note("Jan 26: a forum thread reports that koa does not install on Ubuntu 20.04. Anyone can file it.");
        say(console, "@pierre: blocker add koa.2 https://discuss.openedx.org/t/failed-to-install-koa-in-aws-ubuntu-20-04-mysql-client-error/4132"
                + " --title \"Koa fails to install on Ubuntu 20.04 (mysql client)\" --reported 2021-01-26");

        note("Feb 9, as it happened in 2021: someone tries to tag without installing. The gate refuses.");
        say(console, "@adolfo: tag koa.2 --confirm");

        note("Triage links the fix on master; the bot sees it is not on the release branch.");
        say(console, "blocker priority koa.2 1 high");
        say(console, "blocker fix koa.2 1 configuration " + fix);
        say(console, "status koa.2");

        note("Testers install release candidate 1 and pass it, not knowing about the missing fix.");
        say(console, "@adolfo: candidate tag koa.2");
        say(console, "@pierre: signoff koa.2 pass --env \"Ubuntu 20.04, native install\"");
        say(console, "@sofiane: signoff koa.2 pass --env \"Ubuntu 20.04, AWS\"");

        note("Ned cherry-picks the fix to the release branch: the candidate changes, the sign-offs go stale.");
        configuration.cherryPickToBranch(fix);
        say(console, "blocker resolve koa.2 1");
        say(console, "status koa.2");
        say(console, "@adolfo: tag koa.2 --confirm");

        note("A new release candidate; both testers install it again and sign off.");
        say(console, "@adolfo: candidate tag koa.2");
        say(console, "@pierre: signoff koa.2 pass --env \"Ubuntu 20.04, native install\" mysql client installs now");
        say(console, "@sofiane: signoff koa.2 pass --env \"Ubuntu 20.04, AWS\"");
        say(console, "@adolfo: tag koa.2");

        note("The runbook the report asked for: each step ticked by the one who did it (or the release manager).");
        say(console, "checklist koa.2");
        say(console, "@pierre: check koa.2 native-install Ubuntu 20.04, rc2, the native installation instructions");
        say(console, "@ned: check koa.2 must-haves-closed");
        say(console, "@ned: check koa.2 notes-reviewed");
        say(console, "@ned: check koa.2 announcement-drafted");
        say(console, "@adolfo: tag koa.2 --confirm");

        note("The tags in the remotes point at exactly the signed-off commits:");
        out.print(configuration.remoteTags());
        out.print(platform.remoteTags());
        note("The notes-reviewer (here the admin) approves the release notes of the tagged candidate; then the announcement.");
        say(console, "notes koa.2 approve");
        say(console, "announce koa.2");
        say(console, "@adolfo: tag koa.2 --confirm");
        say(console, "audit koa.2");
    }

    private void note(String text) {
        out.println();
        out.println("## " + text);
    }

    private void say(ConsoleRepl console, String line) {
        out.println("btr> " + line);
        out.print(console.answer(line));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A bare "remote" repository and a working copy of it, driven with the git executable. */
    private record Repo(Path remote, Path work, String branch) {
        static Repo create(Path remotes, Path workspace, String name, String branch) throws IOException, InterruptedException {
            Path remote = remotes.resolve(name + ".git");
            Path checkout = workspace.resolve(name);
            git(remotes, "init", "--quiet", "--bare", "--initial-branch=master", remote.toString());
            git(workspace, "init", "--quiet", "--initial-branch=master", checkout.toString());
            Repo repo = new Repo(remote, checkout, branch);
            Files.writeString(checkout.resolve("README"), name + "\n");
            git(checkout, "add", "README");
            repo.commit("Initial commit of " + name);
            git(checkout, "branch", branch);
            git(checkout, "remote", "add", "origin", remote.toString());
            git(checkout, "push", "--quiet", "origin", "master", branch);
            return repo;
        }

        String url() {
            return "file://" + remote;
        }

        String commitOnMaster(String file, String content, String message) throws IOException, InterruptedException {
            git(work, "checkout", "--quiet", "master");
            Path path = work.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
            git(work, "add", file);
            commit(message);
            git(work, "push", "--quiet", "origin", "master");
            return git(work, "rev-parse", "HEAD").strip();
        }

        void cherryPickToBranch(String sha) throws IOException, InterruptedException {
            git(work, "checkout", "--quiet", branch);
            git(work, "-c", "user.name=Ned", "-c", "user.email=ned@example.org", "cherry-pick", "-x", sha);
            git(work, "push", "--quiet", "origin", branch);
        }

        String remoteTags() throws IOException, InterruptedException {
            StringBuilder s = new StringBuilder(remote.getFileName() + " tags:\n");
            for (String line : git(remote, "for-each-ref", "--format=%(refname:short) %(objecttype) -> %(*objectname)",
                    "refs/tags").split("\n")) {
                if (!line.isBlank()) {
                    s.append("  ").append(line).append('\n');
                }
            }
            s.append("  ").append(branch).append(" is at ").append(git(remote, "rev-parse", branch).strip()).append('\n');
            return s.toString();
        }

        private void commit(String message) throws IOException, InterruptedException {
            git(work, "-c", "user.name=Demo", "-c", "user.email=demo@example.org", "commit", "--quiet", "-m", message);
        }

        private static String git(Path dir, String... args) throws IOException, InterruptedException {
            List<String> argv = new ArrayList<>();
            argv.add("git");
            argv.addAll(List.of(args));
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed: " + output.strip());
            }
            return output;
        }
    }
}
