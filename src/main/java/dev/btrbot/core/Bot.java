package dev.btrbot.core;

import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.command.Tokenizer;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.RateLimit;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a person typed into a reply: finds the command by its leading
 * words, parses the rest, runs it. An expected refusal comes back as its own
 * one-line message with the command's usage; anything else is logged in full
 * and the person sees a short message with a reference to the log.
 *
 * <p>Text over {@value #MAX_BYTES} bytes (UTF-8) or {@value #MAX_WORDS} words (a
 * quoted text is one word) is refused before it is parsed, on every platform:
 * the adapters pass text through and this is where the bound holds.
 */
public final class Bot {
    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);

    /** The longest command taken, in bytes of UTF-8. */
    public static final int MAX_BYTES = 4096;
    /** The most words a command may have. */
    public static final int MAX_WORDS = 200;

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Store store;
    private final Clock clock;
    private final Rights rights;
    private final RateLimit memberChanges;
    private final MemberNaming naming;

    /**
     * @param store         where a member's recent changes are counted (the audit log)
     * @param rights        who may do what, including managers a chat platform vouches for
     * @param memberChanges how many changes a member (not an admin) may make within its window
     */
    public Bot(Store store, Clock clock, Rights rights, RateLimit memberChanges, List<Command> commands) {
        this(store, clock, rights, memberChanges, commands, new MemberNaming(dev.btrbot.core.port.MemberNames.NONE));
    }

    /** @param naming shows platform ids in replies as the members' display names */
    public Bot(Store store, Clock clock, Rights rights, RateLimit memberChanges, List<Command> commands, MemberNaming naming) {
        this.naming = naming;
        this.store = store;
        this.clock = clock;
        this.rights = rights;
        this.memberChanges = memberChanges;
        for (Command c : commands) {
            this.commands.put(c.syntax().name(), c);
        }
        this.commands.put("help", new Help());
    }

    /**
     * The reply to one invocation, and who sees it: an error only the one who
     * asked; the answer to a pressed button everyone where the button is (the
     * prompt is there already); anything else the one who asked, unless the
     * command asked for the channel ({@code status … --public}).
     */
    public Reply handle(Invocation invocation) {
        Reply reply = answer(invocation);
        if (reply.isError()) {
            return reply.visibleTo(Reply.Visibility.ASKER);
        }
        return invocation.origin() == Invocation.Origin.PRESSED ? reply.visibleTo(Reply.Visibility.CHANNEL) : reply;
    }

    private Reply answer(Invocation invocation) {
        String text = invocation.text() == null ? "" : invocation.text().strip();
        Command command = null;
        try {
            String tooLong = tooLong(text);
            if (tooLong != null) {
                return Reply.error(tooLong, null);
            }
            List<String> words = Tokenizer.split(text);
            if (words.isEmpty()) {
                return Reply.error("Say a command; 'help' lists them.", null);
            }
            if (words.size() > MAX_WORDS) {
                return Reply.error("That command has " + words.size() + " words; a command may have at most " + MAX_WORDS
                        + " (a text in quotes counts as one word).", null);
            }
            int taken = 0;
            for (int n = Math.min(2, words.size()); n >= 1 && command == null; n--) {
                command = commands.get(String.join(" ", words.subList(0, n)).toLowerCase(java.util.Locale.ROOT));
                taken = n;
            }
            if (command == null) {
                return Reply.error(unknown(words), null);
            }
            dev.btrbot.core.command.Args args = command.syntax().parse(words.subList(taken, words.size()));
            if (command.changesState(args)) {
                String limited = overLimit(invocation.actor());
                if (limited != null) {
                    return Reply.error(limited, null);
                }
            }
            Reply answer = command.run(new Call(invocation.actor(), clock.instant(), rights), args);
            return command.showsDisplayNames() ? naming.named(answer) : answer;
        } catch (Syntax.UsageError e) {
            return Reply.error(e.getMessage(), e.usage());
        } catch (Refusal e) {
            return naming.named(Reply.error(e.getMessage(), command == null ? null : command.syntax().usage()));
        } catch (Unavailable e) {
            // a repository, GitHub or the chat could not do its part: what failed, in its own words; the command was fine
            LOG.warn("command could not be completed: actor={} text={}: {}", invocation.actor(), Text.clip(text), e.getMessage());
            return Reply.error(e.getMessage(), null);
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("command failed (ref {}): actor={} text={}", ref, invocation.actor(), Text.clip(text), e);
            return Reply.error("Something went wrong on our side (ref " + ref + "); nothing was changed by the part that failed.", null);
        }
    }

    /**
     * Why the member may not change anything more now, or null. A member's
     * changes are counted from the audit log (so every process on the store
     * counts the same ones); admins and the bot itself are not limited.
     */
    private String overLimit(MemberId actor) {
        RateLimit limit = memberChanges;
        if (limit.changes() == 0 || rights.isAdmin(actor) || actor.equals(Recovery.BOT)) {
            return null;
        }
        Instant now = clock.instant();
        List<Instant> recent = store.read(tx -> tx.audit().times(actor, limit.since(now)));
        return limit.nextAllowed(recent, now).map(at -> "You made " + Text.plural(limit.changes(), "change", "changes") + " in the last "
                + limit.windowText() + ", the most a member may; try again after "
                + DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at.plusSeconds(59).truncatedTo(ChronoUnit.MINUTES))
                + " (in " + Math.max(1, (Duration.between(now, at).toSeconds() + 59) / 60) + " min).").orElse(null);
    }

    /** Why the text is too long to be read, or null. */
    private static String tooLong(String text) {
        int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes <= MAX_BYTES) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "That command is %,d bytes long; a command may be at most 4 KB (%,d bytes):"
                + " shorten it, or link to a longer text.", bytes, MAX_BYTES);
    }

    /** For a group word ('release', 'blocker'), the subcommands it takes; else the commands it could start. */
    private String unknown(List<String> words) {
        String first = words.get(0).toLowerCase(java.util.Locale.ROOT);
        List<String> subcommands = commands.keySet().stream().filter(k -> k.startsWith(first + " "))
                .map(k -> k.substring(first.length() + 1)).sorted().toList();
        if (subcommands.isEmpty()) {
            return "Unknown command '" + Text.clip(words.get(0)) + "'. " + suggest(words.get(0));
        }
        String takes = "'" + first + "' takes " + String.join(", ", subcommands) + "; 'help " + first + "' shows their usage.";
        return words.size() == 1 ? takes : "Unknown command '" + first + " " + Text.clip(words.get(1)) + "'. " + takes;
    }

    private String suggest(String word) {
        List<String> close = commands.keySet().stream().filter(k -> k.startsWith(word.toLowerCase(java.util.Locale.ROOT))).toList();
        return close.isEmpty() ? "'help' lists the commands." : "Did you mean: " + String.join(", ", close) + "?";
    }

    /** Lists the commands, or one command's usage and help. */
    private final class Help implements Command {
        @Override
        public Syntax syntax() {
            return Syntax.of("help").rest("command");
        }

        @Override
        public String help() {
            return "Lists the commands, or explains one.";
        }

        @Override
        public boolean changesState(dev.btrbot.core.command.Args args) {
            return false;
        }

        @Override
        public Reply run(Call call, dev.btrbot.core.command.Args args) {
            String topic = String.join(" ", args.rest("command")).toLowerCase(java.util.Locale.ROOT);
            if (!topic.isEmpty()) {
                Command c = commands.get(topic);
                if (c == null) {
                    List<String> matches = commands.keySet().stream().filter(k -> k.startsWith(topic)).toList();
                    if (matches.isEmpty()) {
                        throw new Refusal("No command '" + Text.clip(topic) + "'; 'help' lists them.");
                    }
                    return Reply.builder("Commands starting with " + topic).section("", matches.stream()
                            .map(k -> commands.get(k).syntax().usage() + " — " + commands.get(k).help()).toList()).build();
                }
                return Reply.text(c.syntax().usage(), c.help());
            }
            return Reply.builder("btr-bot commands").section("", commands.values().stream()
                    .map(c -> c.syntax().usage() + " — " + c.help()).toList()).build();
        }
    }
}
