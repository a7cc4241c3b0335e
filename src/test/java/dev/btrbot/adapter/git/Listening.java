package dev.btrbot.adapter.git;

import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.TagRun;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A listener for tests: keeps the output lines and the launch, and runs a check of the caller's when the command has started. */
final class Listening implements Tagger.Listener {
    final List<String> lines;
    final List<TagRun.Launch> launches = new CopyOnWriteArrayList<>();
    private final Consumer<TagRun.Launch> onStart;

    Listening(List<String> lines) {
        this(lines, launch -> { });
    }

    Listening(List<String> lines, Consumer<TagRun.Launch> onStart) {
        this.lines = lines;
        this.onStart = onStart;
    }

    @Override
    public void started(TagRun.Launch launch) {
        launches.add(launch);
        onStart.accept(launch);
    }

    @Override
    public void line(String line) {
        lines.add(line);
    }
}
