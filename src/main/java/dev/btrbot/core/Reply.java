package dev.btrbot.core;

import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 *
 * <p>{@code visibility} says who sees it where a platform can choose (Slack's
 * ephemeral answers); the core decides it ({@link Bot#handle}), adapters only
 * follow it.
 */
public record Reply(Kind kind, String title, List<Section> sections, List<Action> actions, String json, Visibility visibility) {
    public Reply {
        title = Text.shown(title);
        sections = List.copyOf(sections);
        actions = List.copyOf(actions);
        json = Text.withoutCredentials(json);
        Objects.requireNonNull(visibility);
    }

    /** A reply for the asker alone. */
    public Reply(Kind kind, String title, List<Section> sections, List<Action> actions, String json) {
        this(kind, title, sections, actions, json, Visibility.ASKER);
    }

    public enum Kind { INFO, ERROR }

    /** Who sees a reply, where the platform lets the bot choose. */
    public enum Visibility {
        /** Only the person who asked (Slack: ephemeral); everyone in the room where the platform cannot choose. */
        ASKER,
        /** Everyone in the channel or room it was asked in. */
        CHANNEL
    }

    /** The same reply, seen as {@code v} says. */
    public Reply visibleTo(Visibility v) {
        return v == visibility ? this : new Reply(kind, title, sections, actions, json, v);
    }

    /** A heading and its lines; {@code heading} may be empty. */
    public record Section(String heading, List<String> lines) {
        public Section {
            heading = Text.shown(heading);
            lines = lines.stream().map(Text::shown).toList();
        }
    }

    /**
     * Something a person can press. {@code command} is the text command it
     * stands for, so platforms without buttons can show it instead, and what
     * pressing it runs; {@code intent} says what it means, so each platform
     * presents it (a green or red button, a confirmation, ✅ or ❌) without
     * reading its words; {@code target} is the release and candidate a
     * sign-off or tag button is about (null for others, and in prompts a
     * platform stored before actions had one).
     */
    public record Action(Intent intent, String label, String command, Target target) {
        public Action {
            Objects.requireNonNull(intent);
            Objects.requireNonNull(label);
            Objects.requireNonNull(command);
        }

        /** The intent's stable name (what platforms store and send back). */
        public String id() {
            return intent.id();
        }
    }

    /** What pressing an action means. */
    public enum Intent {
        /** Takes what the message offers (a role). */
        ACCEPT("role-accept"),
        /** Turns down what the message offers. */
        DECLINE("role-decline"),
        /** Records that the candidate installed and worked; a form asks where and for notes first. */
        SIGN_OFF_PASS("signoff-pass"),
        /** Records that the candidate failed to install or work; a form asks where and for notes first. */
        SIGN_OFF_FAIL("signoff-fail"),
        /** Runs the tag command: it cannot be undone, so platforms that can ask again before running it. */
        TAG("tag-confirm"),
        /** Makes a forum report a blocker at the priority its command names. */
        FORUM_BLOCKER("forum-blocker");

        private final String id;

        Intent(String id) {
            this.id = id;
        }

        /** Its name on the wire and in stored prompts; never changes, so prompts already sent keep working. */
        public String id() {
            return id;
        }

        public static Optional<Intent> byId(String id) {
            return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
        }

        /** Says yes to the message (accept, pass). */
        public boolean isYes() {
            return this == ACCEPT || this == SIGN_OFF_PASS;
        }

        /** Says no to the message (decline, fail). */
        public boolean isNo() {
            return this == DECLINE || this == SIGN_OFF_FAIL;
        }

        public boolean isSignOff() {
            return this == SIGN_OFF_PASS || this == SIGN_OFF_FAIL;
        }

        /** Cannot be undone from the chat. */
        public boolean isIrreversible() {
            return this == TAG;
        }
    }

    /** The release and the full id of the candidate an action is about. */
    public record Target(ReleaseName release, String candidateId) {
        public Target {
            Objects.requireNonNull(release);
            if (candidateId == null || !candidateId.matches("[0-9a-f]{7,64}")) {
                throw new IllegalArgumentException("not a candidate id");
            }
        }

        /** The first ten characters, as replies show a candidate. */
        public String shortId() {
            return candidateId.substring(0, Math.min(10, candidateId.length()));
        }
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
                .map(s -> new Section(f.apply(s.heading()), s.lines().stream().map(f).toList())).toList(), actions, json, visibility);
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
        private Visibility visibility = Visibility.ASKER;

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

        public Builder action(Action action) {
            actions.add(action);
            return this;
        }

        public Builder actions(List<Action> more) {
            actions.addAll(more);
            return this;
        }

        public Builder visibleTo(Visibility v) {
            visibility = v;
            return this;
        }

        public Reply build() {
            return new Reply(Kind.INFO, title, sections, actions, null, visibility);
        }
    }
}
