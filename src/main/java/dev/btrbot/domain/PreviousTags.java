package dev.btrbot.domain;

import java.util.List;

/**
 * Which tags can be the previous release of a release: those its tag
 * template makes for other releases ({@code open-release/*} for
 * {@code open-release/{release}}), but not its own final tag nor any
 * release-candidate tag. As git globs ({@code git describe --match/--exclude}):
 * tag names hold none of {@code *?[}, so the template's fixed text matches
 * only itself.
 */
public record PreviousTags(String match, List<String> exclude) {
    public PreviousTags {
        exclude = List.copyOf(exclude);
    }

    public static PreviousTags of(Release release) {
        String any = release.tagTemplate().pattern().replace("{release}", "*");
        String rcs = release.rcTemplate().pattern().replace("{tag}", any).replace("{release}", "*").replace("{n}", "[0-9]*");
        return new PreviousTags(any, List.of(release.finalTag().value(), rcs));
    }
}
