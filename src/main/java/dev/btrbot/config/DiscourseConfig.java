package dev.btrbot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach the community's Discourse forum, from the environment; none when {@code BTR_DISCOURSE_URL} is unset
 * (then every other {@code BTR_DISCOURSE_*} and {@code BTR_FORUM_OPENS_ISSUES} is an error, not silently ignored).
 * The webhook secret and the API key are never printed: {@link #toString()} leaves them out.
 *
 * @param url                the forum, {@code https://discuss.openedx.org} (http for a forum on this machine); no trailing slash
 * @param pollEvery          how often the forum is read ({@code BTR_DISCOURSE_POLL_MINUTES}, 1–1440, default 10)
 * @param categories         categories whose new topics are read besides the newest posts ({@code BTR_DISCOURSE_CATEGORIES})
 * @param installCategories  category ids whose posts are install problems ({@code BTR_DISCOURSE_INSTALL_CATEGORIES})
 * @param webhookSecret      verifies {@code POST /discourse/webhook}; null: the webhook is not served
 * @param apiKey             the bot's key for replying on the forum ({@code BTR_DISCOURSE_API_KEY}); null: no replies
 * @param apiUsername        the forum account the key acts as ({@code BTR_DISCOURSE_API_USERNAME})
 * @param opensIssues        {@code org/repo} in which "make it a blocker" also opens a GitHub issue ({@code BTR_FORUM_OPENS_ISSUES}); null: none
 */
public record DiscourseConfig(URI url, Duration pollEvery, List<Category> categories, Set<Integer> installCategories,
                              String webhookSecret, String apiKey, String apiUsername, String opensIssues) {
    private static final Pattern SLUG = Pattern.compile("[\\p{L}\\p{N}_%-]{1,100}");
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}/[A-Za-z0-9_.-]{1,100}");
    private static final List<String> NEEDS_URL = List.of("BTR_DISCOURSE_POLL_MINUTES", "BTR_DISCOURSE_CATEGORIES",
            "BTR_DISCOURSE_INSTALL_CATEGORIES", "BTR_DISCOURSE_WEBHOOK_SECRET", "BTR_DISCOURSE_API_KEY",
            "BTR_DISCOURSE_API_USERNAME", "BTR_FORUM_OPENS_ISSUES");

    /**
     * A category as its topic list's path names it: {@code working-groups/build-test-release/30} is the subcategory
     * {@code build-test-release} of {@code working-groups}, id 30.
     */
    public record Category(String slugPath, int id) {
        public Category {
            if (id <= 0 || slugPath == null || slugPath.isEmpty()
                    || !java.util.Arrays.stream(slugPath.split("/", -1)).allMatch(s -> SLUG.matcher(s).matches())) {
                throw new IllegalArgumentException("a category is slug/id");
            }
        }

        /** {@code slug/…/id}, as in the forum's address {@code /c/slug/…/id}. */
        static Category parse(String raw) {
            String s = raw.strip().replaceAll("^/+|/+$", "").replaceFirst("^c/", "");
            int slash = s.lastIndexOf('/');
            try {
                return new Category(s.substring(0, Math.max(0, slash)), Integer.parseInt(s.substring(slash + 1)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("BTR_DISCOURSE_CATEGORIES takes slug/id paths separated by commas, like"
                        + " working-groups/build-test-release/30; '" + raw.strip() + "' is not one.");
            }
        }

        /** The path of its topic list, {@code /c/working-groups/build-test-release/30.json}. */
        public String topicsPath() {
            return "/c/" + slugPath + "/" + id + ".json";
        }

        @Override
        public String toString() {
            return slugPath + "/" + id;
        }
    }

    public DiscourseConfig {
        categories = List.copyOf(categories);
        installCategories = Set.copyOf(installCategories);
        if (pollEvery.toMinutes() < 1 || pollEvery.toMinutes() > 1440) {
            throw new IllegalArgumentException("BTR_DISCOURSE_POLL_MINUTES must be a whole number from 1 to 1440.");
        }
        if ((apiKey == null) != (apiUsername == null)) {
            throw new IllegalArgumentException("BTR_DISCOURSE_API_KEY and BTR_DISCOURSE_API_USERNAME go together: the key acts as"
                    + " that forum account.");
        }
    }

    /** Empty when {@code BTR_DISCOURSE_URL} is not set: the forum is not watched. */
    public static Optional<DiscourseConfig> fromEnvironment(Map<String, String> env) {
        String raw = blankToNull(env.get("BTR_DISCOURSE_URL"));
        if (raw == null) {
            for (String name : NEEDS_URL) {
                if (blankToNull(env.get(name)) != null) {
                    throw new IllegalArgumentException(name + " is set but BTR_DISCOURSE_URL is not: set the forum's address"
                            + " (https://discuss.example.org) or unset " + name + ".");
                }
            }
            return Optional.empty();
        }
        String repo = blankToNull(env.get("BTR_FORUM_OPENS_ISSUES"));
        if (repo != null && !REPO.matcher(repo).matches()) {
            throw new IllegalArgumentException("BTR_FORUM_OPENS_ISSUES must be a GitHub repository as org/repo, not '" + repo + "'.");
        }
        return Optional.of(new DiscourseConfig(url(raw),
                Duration.ofMinutes(BotConfig.number(env, "BTR_DISCOURSE_POLL_MINUTES", 10, 1, 1440)),
                categories(env.get("BTR_DISCOURSE_CATEGORIES")), installCategories(env.get("BTR_DISCOURSE_INSTALL_CATEGORIES")),
                blankToNull(env.get("BTR_DISCOURSE_WEBHOOK_SECRET")), blankToNull(env.get("BTR_DISCOURSE_API_KEY")),
                blankToNull(env.get("BTR_DISCOURSE_API_USERNAME")), repo));
    }

    /** Whether the bot may reply on the forum (an API key and the account it acts as). */
    public boolean replies() {
        return apiKey != null;
    }

    private static URI url(String raw) {
        String s = raw.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getUserInfo() == null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("BTR_DISCOURSE_URL must be the forum's https (or http) address, like"
                + " https://discuss.openedx.org, without a user, query or fragment; not '" + raw.strip() + "'.");
    }

    private static List<Category> categories(String raw) {
        List<Category> out = new ArrayList<>();
        for (String part : raw == null ? new String[0] : raw.split(",")) {
            if (!part.isBlank()) {
                out.add(Category.parse(part));
            }
        }
        return out;
    }

    private static Set<Integer> installCategories(String raw) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String part : raw == null ? new String[0] : raw.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int id = Integer.parseInt(part.strip());
                if (id > 0) {
                    out.add(id);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("BTR_DISCOURSE_INSTALL_CATEGORIES takes category ids (whole numbers) separated by"
                    + " commas, like 12,31; '" + part.strip() + "' is not one.");
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Never shows the webhook secret or the API key. */
    @Override
    public String toString() {
        return "DiscourseConfig[url=" + url + ", pollEvery=" + pollEvery + ", categories=" + categories + ", installCategories="
                + installCategories + ", webhookSecret=" + (webhookSecret == null ? "unset" : "***") + ", apiKey="
                + (apiKey == null ? "unset" : "***") + ", apiUsername=" + apiUsername + ", opensIssues=" + opensIssues + "]";
    }
}
