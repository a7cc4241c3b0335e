package dev.btrbot.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * When the gate opens, per release. Stored as key/value settings so that a
 * release keeps exactly what was set on it; keys not set take the defaults of
 * the design: two passing sign-offs on the current candidate, at least one of
 * them from a manual-qa role holder, no blocker open at or above high, no open
 * untriaged blocker, and the tagger not the only passing tester. Required
 * checks (CI check or status names that must have succeeded on every
 * candidate sha) are none unless a release names them.
 */
public record QuorumPolicy(int passes, int manualQaPasses, Priority blockingPriority, boolean untriagedBlocks,
                           boolean taggerMayBeOnlyTester, java.util.List<String> requiredChecks, int minSoakHours,
                           boolean backportsBlock, NotesApproval notesApproval, boolean checklistBlocks) {

    public static final QuorumPolicy DEFAULT = new QuorumPolicy(2, 1, Priority.HIGH, true, false, java.util.List.of(), 0,
            true, NotesApproval.BEFORE_ANNOUNCE, true);
    /** A month: longer than any release would wait on purpose. */
    public static final int LONGEST_SOAK_HOURS = 720;

    public QuorumPolicy(int passes, int manualQaPasses, Priority blockingPriority, boolean untriagedBlocks,
                        boolean taggerMayBeOnlyTester, java.util.List<String> requiredChecks) {
        this(passes, manualQaPasses, blockingPriority, untriagedBlocks, taggerMayBeOnlyTester, requiredChecks, 0,
                true, NotesApproval.BEFORE_ANNOUNCE, true);
    }

    private static final java.util.regex.Pattern CHECK_NAME = java.util.regex.Pattern.compile("[^,\\p{Cntrl}]{1,100}");

    public QuorumPolicy(int passes, int manualQaPasses, Priority blockingPriority, boolean untriagedBlocks,
                        boolean taggerMayBeOnlyTester) {
        this(passes, manualQaPasses, blockingPriority, untriagedBlocks, taggerMayBeOnlyTester, java.util.List.of());
    }

    /** The settable keys and what each means, for help and errors. */
    public static final Map<String, String> KEYS = keys();

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("passes", "passing sign-offs needed on the current candidate (1-20)");
        keys.put("manual-qa-passes", "how many of them must come from manual-qa role holders (0-20)");
        keys.put("blocking-priority", "open blockers at or above this priority shut the gate (critical|high|medium|low)");
        keys.put("untriaged-blocks", "an open blocker without priority shuts the gate (true|false)");
        keys.put("tagger-may-be-only-tester", "the member who tags may be the only passing tester (true|false)");
        keys.put("required-checks", "CI checks that must have succeeded on every candidate sha (name,name|none)");
        keys.put("min-soak-hours", "hours between pushing the rc testers signed off and the final tag (0-" + LONGEST_SOAK_HOURS + ")");
        keys.put("backports-block", "a pending backport (a change asked for on the release branch, not on it, not declined) shuts the gate (true|false)");
        keys.put("notes-approval", "when the release notes must be approved for the current candidate (before-tag|before-announce|off)");
        keys.put("checklist-blocks", "an open item of the release's checklist shuts the gate (true|false)");
        return Map.copyOf(keys);
    }

    public QuorumPolicy {
        if (passes < 1 || passes > 20) {
            throw new Refusal("passes must be between 1 and 20.");
        }
        if (manualQaPasses < 0 || manualQaPasses > passes) {
            throw new Refusal("manual-qa-passes must be between 0 and passes (" + passes + ").");
        }
        requiredChecks = java.util.List.copyOf(requiredChecks);
        java.util.Objects.requireNonNull(notesApproval);
        if (minSoakHours < 0 || minSoakHours > LONGEST_SOAK_HOURS) {
            throw new Refusal("min-soak-hours must be between 0 and " + LONGEST_SOAK_HOURS + ".");
        }
    }

    public static QuorumPolicy fromSettings(Map<String, String> settings) {
        QuorumPolicy p = DEFAULT;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        return p;
    }

    /** This policy with one key changed; refuses unknown keys and bad values. */
    public QuorumPolicy with(String key, String value) {
        int p = passes;
        int qa = manualQaPasses;
        Priority blocking = blockingPriority;
        boolean untriaged = untriagedBlocks;
        boolean onlyTester = taggerMayBeOnlyTester;
        java.util.List<String> required = requiredChecks;
        int soak = minSoakHours;
        boolean backports = backportsBlock;
        NotesApproval notes = notesApproval;
        boolean checklist = checklistBlocks;
        switch (key) {
            case "passes" -> p = number(key, value);
            case "manual-qa-passes" -> qa = number(key, value);
            case "blocking-priority" -> blocking = Priority.parse(value);
            case "untriaged-blocks" -> untriaged = bool(key, value);
            case "tagger-may-be-only-tester" -> onlyTester = bool(key, value);
            case "required-checks" -> required = checks(value);
            case "min-soak-hours" -> soak = number(key, value);
            case "backports-block" -> backports = bool(key, value);
            case "notes-approval" -> notes = NotesApproval.parse(value);
            case "checklist-blocks" -> checklist = bool(key, value);
            default -> throw new Refusal("'" + Text.clip(key) + "' is not a policy key (" + String.join(", ", keyOrder()) + ").");
        }
        return new QuorumPolicy(p, qa, blocking, untriaged, onlyTester, required, soak, backports, notes, checklist);
    }

    public static java.util.List<String> keyOrder() {
        return java.util.List.of("passes", "manual-qa-passes", "blocking-priority", "untriaged-blocks", "tagger-may-be-only-tester",
                "required-checks", "min-soak-hours", "backports-block", "notes-approval", "checklist-blocks");
    }

    /** Check names, comma-separated; "none" or nothing clears them. */
    public static java.util.List<String> checks(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("none")) {
            return java.util.List.of();
        }
        java.util.List<String> names = java.util.Arrays.stream(v.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .distinct().toList();
        if (names.size() > 20) {
            throw new Refusal("A release names at most 20 required checks.");
        }
        for (String n : names) {
            if (!CHECK_NAME.matcher(n).matches()) {
                throw new Refusal("'" + Text.clip(n) + "' is not a check name.");
            }
        }
        return names;
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Refusal(key + " takes a whole number, not '" + Text.clip(value) + "'.");
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new Refusal(key + " takes true or false, not '" + Text.clip(value) + "'.");
        };
    }

    public Map<String, String> asSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("passes", Integer.toString(passes));
        m.put("manual-qa-passes", Integer.toString(manualQaPasses));
        m.put("blocking-priority", blockingPriority.label());
        m.put("untriaged-blocks", Boolean.toString(untriagedBlocks));
        m.put("tagger-may-be-only-tester", Boolean.toString(taggerMayBeOnlyTester));
        m.put("required-checks", requiredChecks.isEmpty() ? "none" : String.join(",", requiredChecks));
        m.put("min-soak-hours", Integer.toString(minSoakHours));
        m.put("backports-block", Boolean.toString(backportsBlock));
        m.put("notes-approval", notesApproval.label());
        m.put("checklist-blocks", Boolean.toString(checklistBlocks));
        return m;
    }
}
