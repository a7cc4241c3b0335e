package dev.btrbot.core;

import dev.btrbot.domain.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * A platform-neutral answer. Adapters render it: the console as text, Slack
 * as Block Kit, Matrix as HTML, the dashboard as a page. {@code json}, when
 * set, is the machine-readable form and is shown instead of the text.
 *
 * <p>Whatever a command puts in it, a reply shows no credentials and each of
 * its lines is one line on every platform: the title, headings and lines go
 * through {@link Text#shown} (a line break in a note shows as
 * {@value Text#LINE_BREAK}, so one record is one line and free text can never
 * forge another), and the JSON through {@link Text#withoutCredentials} (JSON
 * escapes line breaks itself).
 */
public record Reply(Kind kind, String title, List<Section> sections, List<Action> actions, String json) {
    public Reply {
        title = Text.shown(title);
        sections = List.copyOf(sections);
        actions = List.copyOf(actions);
        json = Text.withoutCredentials(json);
    }

    public enum Kind { INFO, ERROR }

    /** A heading and its lines; {@code heading} may be empty. */
    public record Section(String heading, List<String> lines) {
        public Section {
            heading = Text.shown(heading);
            lines = lines.stream().map(Text::shown).toList();
        }
    }

    /**
     * Something a person can press. {@code command} is the text command it
     * stands for, so platforms without buttons can show it instead.
     */
    public record Action(String id, String label, String value, String command) {
    }

    public static Reply text(String title, String... lines) {
        return builder(title).section("", List.of(lines)).build();
    }

    public static Reply error(String message, String usage) {
        List<Section> sections = usage == null ? List.of() : List.of(new Section("", List.of("usage: " + usage)));
        return new Reply(Kind.ERROR, message, sections, List.of(), null);
    }

    public static Reply json(String title, String json) {
        return new Reply(Kind.INFO, title, List.of(), List.of(), json);
    }

    /** The same reply with its title, headings and lines passed through {@code f}; actions and JSON as they are. */
    public Reply withText(java.util.function.UnaryOperator<String> f) {
        return new Reply(kind, f.apply(title), sections.stream()
                .map(s -> new Section(f.apply(s.heading()), s.lines().stream().map(f).toList())).toList(), actions, json);
    }

    public boolean isError() {
        return kind == Kind.ERROR;
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Collects sections and actions in order. */
    public static final class Builder {
        private final String title;
        private final List<Section> sections = new ArrayList<>();
        private final List<Action> actions = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        public Builder section(String heading, List<String> lines) {
            sections.add(new Section(heading, lines));
            return this;
        }

        public Builder line(String heading, String line) {
            return section(heading, List.of(line));
        }

        public Builder action(String id, String label, String value, String command) {
            actions.add(new Action(id, label, value, command));
            return this;
        }

        public Reply build() {
            return new Reply(Kind.INFO, title, sections, actions, null);
        }
    }
}
