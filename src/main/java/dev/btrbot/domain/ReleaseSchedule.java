package dev.btrbot.domain;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * When a release's daily summary is due: a local time of day in the release's
 * time zone, optionally not on Saturdays and Sundays. Defaults: 09:00 UTC,
 * every day.
 */
public record ReleaseSchedule(ZoneId zone, LocalTime summaryAt, boolean skipWeekends) {
    public static final ReleaseSchedule DEFAULT = new ReleaseSchedule(ZoneId.of("UTC"), LocalTime.of(9, 0), false);

    /** The keys of {@code schedule <release> set}, with what each means. */
    public static final Map<String, String> KEYS = keys();

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    public ReleaseSchedule {
        Objects.requireNonNull(zone);
        Objects.requireNonNull(summaryAt);
        summaryAt = summaryAt.withSecond(0).withNano(0);
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("timezone", "the time zone the summary time is in (e.g. Europe/Paris)");
        keys.put("summary-at", "local time of the daily summary (HH:MM, 24 h)");
        keys.put("skip-weekends", "no summary on Saturdays and Sundays (true|false)");
        return Map.copyOf(keys);
    }

    public static List<String> keyOrder() {
        return List.of("timezone", "summary-at", "skip-weekends");
    }

    /** A region id such as {@code Europe/Paris} or {@code UTC}; refuses anything java.time does not know. */
    public static ZoneId zone(String value) {
        try {
            if (value == null || value.isBlank()) {
                throw new DateTimeException("blank");
            }
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw new Refusal("'" + Text.clip(value) + "' is not a time zone (a region such as Europe/Paris, or UTC).");
        }
    }

    /** Exactly {@code HH:MM} on a 24-hour clock. */
    public static LocalTime time(String value) {
        try {
            return LocalTime.parse(value == null ? "" : value.strip(), HH_MM);
        } catch (DateTimeParseException e) {
            throw new Refusal("'" + Text.clip(value) + "' is not a time of day (HH:MM, 24 h, e.g. 09:00).");
        }
    }

    public ReleaseSchedule with(String key, String value) {
        return switch (key == null ? "" : key.toLowerCase(Locale.ROOT)) {
            case "timezone" -> new ReleaseSchedule(zone(value), summaryAt, skipWeekends);
            case "summary-at" -> new ReleaseSchedule(zone, time(value), skipWeekends);
            case "skip-weekends" -> new ReleaseSchedule(zone, summaryAt, bool(value));
            default -> throw new Refusal("'" + Text.clip(key) + "' is not a schedule setting (" + String.join(", ", keyOrder()) + ").");
        };
    }

    /** The settings as people type them, in {@link #keyOrder()}. */
    public Map<String, String> asSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("timezone", zone.getId());
        settings.put("summary-at", summaryAt.format(HH_MM));
        settings.put("skip-weekends", Boolean.toString(skipWeekends));
        return settings;
    }

    private static boolean bool(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("yes") || v.equals("on")) {
            return true;
        }
        if (v.equals("false") || v.equals("no") || v.equals("off")) {
            return false;
        }
        throw new Refusal("'" + Text.clip(value) + "' is not true or false.");
    }
}
