package dev.btrbot.adapter.github;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHCompare;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.PagedIterator;

/**
 * Answers "is this fix on the release branch?" through GitHub's API, for a
 * repository the bot has no usable local mirror of. The same three ways as the
 * mirror count: the commit itself is on the branch ({@code compare
 * branch...fix} is {@code behind} or {@code identical}); a branch commit since
 * the fork point cites it in {@code (cherry picked from commit …)} (full or at
 * least 7 hex digits); or a branch commit since the fork point has the same
 * patch — the same files with the same added and removed lines, hunk line
 * numbers and whitespace aside. Every GET is conditional, and commits never
 * change, so checking the same thing again costs 304s only.
 *
 * <p>Bounded: at most {@value #MAX_BRANCH_COMMITS} branch commits since the
 * fork point are read (beyond that the check refuses rather than guess), and
 * at most {@value #MAX_PATCH_CANDIDATES} of those that touch the fix's first
 * file are compared patch by patch.
 */
public final class GitHubBackportCheck implements BackportCheck {
    private static final Pattern CITATION = Pattern.compile("\\(cherry picked from commit ([0-9a-fA-F]{7,64})\\)");
    static final int PAGE = 100;
    static final int MAX_BRANCH_COMMITS = 1_000;
    static final int MAX_PATCH_CANDIDATES = 20;
    /** GitHub lists at most this many files of a compare; a longer list is cut and says nothing about the rest. */
    static final int COMPARE_FILE_CAP = 300;

    private final GitHubApi api;

    public GitHubBackportCheck(GitHubApi api) {
        this.api = api;
    }

    /** True for repositories on the GitHub this API serves (github.com, or the Enterprise host of GITHUB_API_URL). */
    public boolean covers(RepoRef repo) {
        return api.slug(repo).isPresent();
    }

    @Override
    public Map<Sha, Containment> check(RepoRef repo, GitRefName branch, List<Sha> fixes) {
        String slug = api.slug(repo).orElseThrow(() -> new Unavailable(repo.name() + " is not a GitHub repository; only a local mirror can check it."));
        String doing = "checking fixes of " + slug + " on " + branch;
        try {
            GHRepository r = api.gitHub().getRepository(slug);
            Map<Sha, Containment> answers = new LinkedHashMap<>();
            for (Sha fix : fixes) {
                if (!answers.containsKey(fix)) {
                    answers.put(fix, decide(r, repo, branch, fix));
                }
            }
            return answers;
        } catch (IOException e) {
            throw new Unavailable(api.describe(e, doing));
        } catch (GHException e) {
            throw new Unavailable(api.describe(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e), doing));
        }
    }

    private Containment decide(GHRepository r, RepoRef repo, GitRefName branch, Sha fix) throws IOException {
        GHCompare toFix;
        try {
            toFix = r.getCompare(branch.value(), fix.value());
        } catch (IOException e) {
            if (GitHubApi.statusOf(e) != 404) {
                throw e;
            }
            return unknownCommitOrNoBranch(r, repo, branch, fix);
        }
        if (toFix.getStatus() == GHCompare.Status.behind || toFix.getStatus() == GHCompare.Status.identical) {
            return Containment.ON_BRANCH;
        }
        // the branch's own commits since the fork point: a cherry-pick of the fix can only be among them
        GHCompare branchSide = r.getCompare(fix.value(), branch.value());
        List<GHCompare.Commit> since = branchCommits(r, branchSide, repo, branch, fix);
        for (GHCompare.Commit c : since) {
            if (cites(c.getCommit().getMessage(), fix)) {
                return Containment.CHERRY_PICKED;
            }
        }
        return samePatch(r, branch, fix, branchSide, since) ? Containment.PATCH_EQUIVALENT : Containment.MISSING;
    }

    /** A 404 from compare means the fix or the branch is unknown; asking for the commit tells which. */
    private Containment unknownCommitOrNoBranch(GHRepository r, RepoRef repo, GitRefName branch, Sha fix) throws IOException {
        try {
            r.getCommit(fix.value());
        } catch (IOException e) {
            int status = GitHubApi.statusOf(e);
            if (status == 404 || status == 422) {
                return Containment.UNKNOWN_COMMIT;
            }
            throw e;
        }
        throw new Unavailable(repo.name() + " has no branch " + branch + ".");
    }

    /**
     * A compare lists up to 250 commits; only a branch with more since the
     * fork point is asked again, page by page.
     */
    private static List<GHCompare.Commit> branchCommits(GHRepository r, GHCompare branchSide, RepoRef repo, GitRefName branch,
                                                        Sha fix) throws IOException {
        GHCompare.Commit[] listed = branchSide.getCommits();
        if (branchSide.getTotalCommits() <= listed.length) {
            return List.of(listed);
        }
        if (branchSide.getTotalCommits() > MAX_BRANCH_COMMITS) {
            throw new Unavailable(branch + " of " + repo.name() + " has " + branchSide.getTotalCommits()
                    + " commits since it forked from the fix; the GitHub API check reads at most " + MAX_BRANCH_COMMITS
                    + " (a local mirror has no such limit).");
        }
        r.setCompareUsePaginatedCommits(true);
        try {
            List<GHCompare.Commit> out = new ArrayList<>();
            PagedIterator<GHCompare.Commit> pages = r.getCompare(fix.value(), branch.value()).listCommits().withPageSize(PAGE).iterator();
            for (int read = 0; read < MAX_BRANCH_COMMITS / PAGE && pages.hasNext(); read++) { // hasNext() fetches: bound first
                out.addAll(pages.nextPage());
            }
            return out;
        } finally {
            r.setCompareUsePaginatedCommits(false);
        }
    }

    static boolean cites(String message, Sha fix) {
        if (message == null) {
            return false;
        }
        Matcher citation = CITATION.matcher(message);
        while (citation.find()) {
            if (fix.value().startsWith(citation.group(1).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fix's patch id against those of branch commits since the fork point
     * that touch the fix's first file (GitHub lists them by path). When the
     * branch's changes since the fork point do not touch every file of the fix,
     * no branch commit can carry the same patch, and nothing more is asked.
     */
    private boolean samePatch(GHRepository r, GitRefName branch, Sha fix, GHCompare branchSide, List<GHCompare.Commit> since)
            throws IOException {
        List<GHCommit.File> fixFiles = r.getCommit(fix.value()).getFiles();
        String fixId = patchId(fixFiles);
        if (fixId == null || since.isEmpty()) {
            return false;
        }
        GHCommit.File[] changed = branchSide.getFiles();
        if (changed != null && changed.length < COMPARE_FILE_CAP) {
            Set<String> names = new LinkedHashSet<>();
            for (GHCommit.File f : changed) {
                names.add(f.getFileName());
            }
            if (!fixFiles.stream().allMatch(f -> names.contains(f.getFileName()))) {
                return false;
            }
        }
        Set<String> onBranch = new LinkedHashSet<>();
        since.forEach(c -> onBranch.add(c.getSHA1()));
        String first = fixFiles.stream().map(GHCommit.File::getFileName).sorted().findFirst().orElseThrow();
        PagedIterator<GHCommit> touching = r.queryCommits().from(branch.value()).path(first).pageSize(PAGE).list().iterator();
        int compared = 0;
        for (int page = 0; page < MAX_BRANCH_COMMITS / PAGE && compared < MAX_PATCH_CANDIDATES && touching.hasNext(); page++) {
            boolean anyOnBranch = false;
            for (GHCommit c : touching.nextPage()) {
                if (!onBranch.contains(c.getSHA1())) {
                    continue;
                }
                anyOnBranch = true;
                if (c.getParentSHA1s().size() > 1 || compared++ >= MAX_PATCH_CANDIDATES) {
                    continue;
                }
                if (fixId.equals(patchId(r.getCommit(c.getSHA1()).getFiles()))) {
                    return true;
                }
            }
            if (!anyOnBranch) {
                break; // newest first: a page with no commit since the fork point means the rest are older still
            }
        }
        return false;
    }

    /**
     * A patch id in the spirit of {@code git patch-id}: per file (by name), the
     * added and removed lines with all whitespace taken out, hunk headers (and
     * so line numbers) and context left out. A file GitHub shows no patch for
     * (binary, too large) counts by its name, status and blob. Null for a commit
     * with no files.
     */
    static String patchId(List<GHCommit.File> files) {
        if (files == null || files.isEmpty()) {
            return null;
        }
        StringBuilder canonical = new StringBuilder();
        for (GHCommit.File f : files.stream().sorted(Comparator.comparing(GHCommit.File::getFileName)).toList()) {
            canonical.append("file ").append(f.getFileName()).append('\n');
            String patch = f.getPatch();
            if (patch == null) {
                canonical.append("blob ").append(f.getStatus()).append(' ').append(f.getSha()).append('\n');
                continue;
            }
            for (String line : patch.split("\n", -1)) {
                if (line.startsWith("+") || line.startsWith("-")) {
                    canonical.append(line.charAt(0)).append(line.substring(1).replaceAll("\\s+", "")).append('\n');
                }
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
