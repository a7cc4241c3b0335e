package dev.btrbot.domain;

import java.util.Locale;

/** A tester's verdict on an installed candidate. */
public enum Verdict {
    PASS, FAIL;

    public static Verdict parse(String s) {
        return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
            case "pass", "passed", "ok" -> PASS;
            case "fail", "failed" -> FAIL;
            default -> throw new Refusal("'" + Text.clip(s) + "' is not a verdict (pass or fail).");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
