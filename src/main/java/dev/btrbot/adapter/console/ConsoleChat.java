package dev.btrbot.adapter.console;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.core.Reply;
import dev.btrbot.core.port.Chat;
import java.io.PrintStream;

/** With no chat platform configured, posts (announcements, summaries) go to the console. */
public final class ConsoleChat implements Chat {
    private final PrintStream out;

    public ConsoleChat(PrintStream out) {
        this.out = out;
    }

    @Override
    public void post(String channel, Reply message) {
        synchronized (out) {
            out.print("[post to " + (channel == null ? "console" : channel) + "] " + TextRenderer.render(message));
            out.flush();
        }
    }
}
