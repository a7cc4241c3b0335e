package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check that holds the fake GitHub to GitHub's OpenAPI description works:
 * a request or a body the description does not allow is caught and fails the
 * test that caused it; the allow-listed quirks pass and nothing else does.
 */
class GitHubSpecTest {
    static final GitHubSpec SPEC = GitHubSpec.load();

    @TempDir
    Path dir;

    private static HttpResponse<String> get(FakeGitHub github, String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(github.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestTheDescriptionDoesNotAllowIsAnswered400AndFailsTheFakesClose() throws Exception {
        FakeGitHub github = new FakeGitHub();

        HttpResponse<String> answer = get(github, "/search/issues?q=is:issue+repo:a/b&per_page=500&sort=bogus&colour=red&page=two");
        get(github, "/repos/openedx/configuration/nowhere");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThatThrownBy(github::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("per_page=500 is over GitHub's maximum of 100")
                .hasMessageContaining("sort=bogus is not one of")
                .hasMessageContaining("query parameter 'colour' is not one the operation declares")
                .hasMessageContaining("page=two is not of type integer")
                .hasMessageContaining("GET /repos/openedx/configuration/nowhere: no operation in GitHub's description has this method and path");
    }

    @Test
    void aRequiredQueryParameterThatIsMissingIsCaught() {
        assertThat(SPEC.checkRequest("GET", "/search/issues", "per_page=10"))
                .containsExactly("GET /search/issues: required query parameter 'q' is missing");
    }

    @Test
    void aBodyTheDescriptionDoesNotAllowIsReplacedBy500AndFailsTheTestThatCausedIt() {
        GitHubTestBed bed = new GitHubTestBed(dir, Duration.ofSeconds(3));
        bed.github.issue(GitHubTestBed.open("openedx/configuration", 1, "one", List.of("priority:high")));
        bed.github.alterNextBody(body -> ((ObjectNode) body).put("total_count", "many").without("incomplete_results"));

        var reply = bed.bot.reply("sync koa.2");

        assertThat(reply.title()).as("the client got a 500, not the wrong shape").contains("GitHub answered 500");
        assertThatThrownBy(bed::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /search/issues → 200: : required property 'incomplete_results' not found")
                .hasMessageContaining("/total_count: string found, integer expected");
    }

    @Test
    void aNullWhereTheDescriptionSaysNullableIsAllowedAndElsewhereIsNot() throws Exception {
        ObjectNode issue = (ObjectNode) new ObjectMapper().readTree(SPEC.example("/search/issues", 200).toString());
        ObjectNode item = (ObjectNode) issue.get("items").get(0);
        item.putNull("closed_at");
        assertThat(SPEC.checkResponse("GET", "/search/issues", 200, issue.toString())).isEmpty();

        item.putNull("title");
        assertThat(SPEC.checkResponse("GET", "/search/issues", 200, issue.toString())).singleElement().asString()
                .contains("/items/0/title: null found, string expected");
    }

    @Test
    void theAllowListedQuirksPassAndNothingElse() {
        String basicError = "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}";
        assertThat(SPEC.checkResponse("GET", "/repos/o/r/issues/events", 304, "")).as("304 on any GET, without a body").isEmpty();
        assertThat(SPEC.checkResponse("GET", "/repos/o/r/issues/events", 304, "{}")).hasSize(1);
        assertThat(SPEC.checkResponse("GET", "/repos/o/r/issues/events", 404, basicError)).as("404 on any operation").isEmpty();
        assertThat(SPEC.checkResponse("GET", "/repos/o/r/issues/events", 429, basicError)).as("a rate limit on any operation").isEmpty();
        assertThat(SPEC.checkResponse("GET", "/repos/o/r/issues/events", 500, basicError)).singleElement().asString()
                .contains("lists no such status");
        assertThat(SPEC.operation("GET", "/repos/o/r/statuses/" + "a".repeat(40)).template())
                .as("the legacy route, checked as the documented one").isEqualTo("/repos/{owner}/{repo}/commits/{ref}/statuses");
        assertThat(SPEC.operation("POST", "/repos/o/r/statuses/" + "a".repeat(40)).template()).isEqualTo("/repos/{owner}/{repo}/statuses/{sha}");
    }

    @Test
    void aPathParameterMayHoldSlashesOnlyWhereNoOtherTemplateFits() {
        assertThat(SPEC.operation("GET", "/repos/o/r/compare/fix...open-release/koa.master").pathParams())
                .containsEntry("basehead", "fix...open-release/koa.master");
        assertThat(SPEC.operation("GET", "/repos/o/r/issues/events").template()).isEqualTo("/repos/{owner}/{repo}/issues/events");
        assertThat(SPEC.operation("GET", "/repos/o/r/issues/12").template()).isEqualTo("/repos/{owner}/{repo}/issues/{issue_number}");
        assertThat(SPEC.operation("GET", "/repos/o/r/issues/twelve")).as("issue_number is an integer").isNull();
    }

    @Test
    void aSearchNamingNeitherIsIssueNorIsPullRequestGetsGitHubsExact422() throws Exception {
        FakeGitHub github = new FakeGitHub();
        github.repo("openedx/configuration");

        HttpResponse<String> answer = get(github, "/search/issues?q=repo:openedx/configuration+milestone:%22Koa.2%22&per_page=100");
        github.close();

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(new ObjectMapper().readTree(answer.body())).isEqualTo(new ObjectMapper().readTree("""
                {"message": "Query must include 'is:issue' or 'is:pull-request'",
                 "errors": [{"resource": "Search", "field": "q", "code": "invalid"}],
                 "documentation_url": "https://docs.github.com/rest/search/search#search-issues-and-pull-requests",
                 "status": "422"}"""));
    }

    @Test
    void entityTagsAreComparedWeakly() {
        assertThat(FakeGitHub.weaklyMatches("W/\"abc\"", "W/\"abc\"")).isTrue();
        assertThat(FakeGitHub.weaklyMatches("\"abc\"", "W/\"abc\"")).isTrue();
        assertThat(FakeGitHub.weaklyMatches("\"x\", W/\"abc\"", "W/\"abc\"")).isTrue();
        assertThat(FakeGitHub.weaklyMatches("*", "W/\"abc\"")).isTrue();
        assertThat(FakeGitHub.weaklyMatches("W/\"abd\"", "W/\"abc\"")).isFalse();
        assertThat(FakeGitHub.weaklyMatches(null, "W/\"abc\"")).isFalse();
    }

    @Test
    void aRequestBodyTheDescriptionDoesNotAllowIsCaught() throws Exception {
        assertThat(SPEC.checkRequestBody("POST", "/repos/openedx/configuration/pulls",
                "{\"title\":\"[koa.2] Fix\",\"head\":\"backport/koa.2/1\",\"base\":\"open-release/koa.master\",\"body\":\"b\"}"))
                .isEmpty();
        assertThat(SPEC.checkRequestBody("POST", "/repos/openedx/configuration/pulls", "{\"title\":5,\"head\":[]}"))
                .anySatisfy(m -> assertThat(m).startsWith("POST /repos/{owner}/{repo}/pulls (request body): ").contains("title"));
        assertThat(SPEC.checkRequestBody("POST", "/repos/openedx/configuration/pulls", "not json"))
                .singleElement().asString().contains("the body is not JSON");
        assertThat(SPEC.checkRequestBody("GET", "/repos/openedx/configuration", "{}"))
                .containsExactly("GET /repos/{owner}/{repo} (request body): the operation takes no body, the client sent one");

        FakeGitHub github = new FakeGitHub();
        github.repo("openedx/configuration");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(github.url() + "/repos/openedx/configuration/issues/1/labels"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"labels\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThatThrownBy(github::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /repos/{owner}/{repo}/issues/{issue_number}/labels (request body): ");
    }
}
