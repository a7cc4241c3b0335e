package dev.btrbot.adapter.web;

import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.Locale;

/**
 * Where a commit can be seen in a browser: for an https repository, its web
 * address with {@code /commit/<sha>} (GitLab's {@code /-/commit/<sha>});
 * none for ssh, file or path repositories, which have no web page.
 */
final class CommitLinks {
    private CommitLinks() {
    }

    static String of(RepoRef repo, Sha sha) {
        String url = repo.shown();
        if (!url.startsWith("https://") || url.contains("@")) {
            return null;
        }
        String base = url.replaceAll("/+$", "").replaceAll("\\.git$", "");
        String host = base.substring("https://".length()).split("/", 2)[0].toLowerCase(Locale.ROOT);
        return base + (host.contains("gitlab") ? "/-/commit/" : "/commit/") + sha.value();
    }
}
