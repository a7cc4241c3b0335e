package dev.btrbot.adapter.console;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
import dev.btrbot.domain.MemberId;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * With no chat platform configured, posts and direct messages go to the
 * console; when its output is closed they are {@link Chat.Undelivered}.
 */
public final class ConsoleChat implements Chat {
    private final PrintStream out;
    private final AtomicLong posts = new AtomicLong();

    public ConsoleChat(PrintStream out) {
        this.out = out;
    }

    @Override
    public PostRef post(String channel, Reply message) {
        print("[post to " + (channel == null ? "console" : channel) + "] ", message);
        return new PostRef(channel, Long.toString(posts.incrementAndGet()));
    }

    @Override
    public void update(PostRef post, Reply message) {
        print("[update of post " + post.id() + "] ", message);
    }

    @Override
    public void tell(MemberId member, Reply message) {
        print("[to " + member + "] ", message);
    }

    private void print(String prefix, Reply message) {
        synchronized (out) {
            out.print(prefix + TextRenderer.render(message));
            out.flush();
            if (out.checkError()) {
                throw new Undelivered("the console's output is closed");
            }
        }
    }
}
