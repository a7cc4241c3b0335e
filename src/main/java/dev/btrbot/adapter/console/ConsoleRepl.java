package dev.btrbot.adapter.console;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Invocation;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one command per line and prints the reply. A line may start with
 * {@code @member:} to speak as that member. As in a shell, '#' at the start of
 * a line or after white space, outside quotes, starts a comment; blank lines
 * and comments are skipped. Ends at end of input, or at {@code exit} / {@code quit}.
 */
public final class ConsoleRepl {
    private static final Pattern SPEAKER = Pattern.compile("^@([^\\s:]+(?::[A-Za-z0-9.-]+)?):\\s*(.*)$");

    private final Bot bot;
    private final MemberId defaultUser;
    private final PrintStream out;

    public ConsoleRepl(Bot bot, MemberId defaultUser, PrintStream out) {
        this.bot = bot;
        this.defaultUser = defaultUser;
        this.out = out;
    }

    public void run(BufferedReader in, boolean interactive) throws IOException {
        if (interactive) {
            out.println("btr-bot console as " + defaultUser + " ('help' lists commands, '@member: …' speaks as someone else, Ctrl-D quits)");
        }
        while (true) {
            if (interactive) {
                out.print("btr> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                return;
            }
            String text = withoutComment(line).strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.equalsIgnoreCase("exit") || text.equalsIgnoreCase("quit")) {
                return;
            }
            if (!interactive) {
                out.println("btr> " + text);
            }
            out.print(answer(text));
            out.flush();
        }
    }

    /** The line up to a '#' that starts a word outside quotes (a URL's '#fragment' or a quoted '#' stays). */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\\') {
                i++;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The rendered reply to one console line. */
    public String answer(String line) {
        MemberId speaker = defaultUser;
        String text = line;
        Matcher m = SPEAKER.matcher(line);
        if (m.matches()) {
            try {
                speaker = new MemberId(m.group(1));
            } catch (Refusal e) {
                return "error: " + e.getMessage() + "\n";
            }
            text = m.group(2);
        }
        String command = text.startsWith("btr ") ? text.substring(4) : text;
        return TextRenderer.render(bot.handle(new Invocation(speaker, command)));
    }
}
