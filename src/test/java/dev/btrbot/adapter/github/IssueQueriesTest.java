package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The search plan alone: no server is asked. */
class IssueQueriesTest {
    @Test
    void everySearchNamesIssuesOrPullRequestsBecauseGitHubRefusesOneThatNamesNeither() {
        List<List<String>> terms = IssueQueries.terms(IssueQueries.selectors("Koa.2", "affects:koa"), List.of(""));
        assertThat(terms).containsExactly(
                List.of("milestone:\"Koa.2\" is:issue", "milestone:\"Koa.2\" is:pull-request"),
                List.of("label:\"affects:koa\" is:issue", "label:\"affects:koa\" is:pull-request"));
        assertThat(terms.stream().flatMap(List::stream)).allSatisfy(t -> assertThat(t).containsAnyOf(" is:issue", " is:pull-request"));
    }

    @Test
    void aQuoteInAMilestoneCannotEndTheTermEarly() {
        assertThat(IssueQueries.selectors("Koa \"2\"", null)).containsExactly("milestone:\"Koa 2\"");
    }

    @Test
    void theClosedWindowStartsOnAWeeklyStepSoTheQueryTextHoldsForAWeek() {
        assertThat(IssueQueries.states(Duration.ofDays(90), Instant.parse("2021-02-01T09:00:00Z")))
                .containsExactly(" is:open", " is:closed closed:>=2020-10-29");
        Instant stepStarts = Instant.parse("2021-01-27T00:00:00Z"); // 90 days after 2020-10-29
        for (int day = 0; day < 7; day++) {
            assertThat(IssueQueries.states(Duration.ofDays(90), stepStarts.plus(Duration.ofDays(day)).plusSeconds(3600))).as("day " + day)
                    .containsExactly(" is:open", " is:closed closed:>=2020-10-29");
        }
        assertThat(IssueQueries.states(Duration.ofDays(90), stepStarts.plus(Duration.ofDays(7))))
                .containsExactly(" is:open", " is:closed closed:>=2020-11-05");
        assertThat(IssueQueries.states(Duration.ZERO, stepStarts)).as("no window: one search, any state").containsExactly("");
    }

    @Test
    void repositoriesAreNamedByRepoWhileTheyFitIn256CharactersThenByOwner() {
        String terms = "milestone:\"Koa.2\" is:issue";
        assertThat(IssueQueries.queries(List.of("openedx/configuration", "openedx/edx-platform"), terms))
                .containsExactly("repo:openedx/configuration repo:openedx/edx-platform " + terms);
        List<String> many = IntStream.range(0, 20).mapToObj(i -> "openedx/repository-" + i).toList();
        assertThat(IssueQueries.queries(many, terms)).containsExactly("user:openedx " + terms);
    }

    @Test
    void tooManyOwnersAreSpreadOverSeveralQueriesEachWithin256Characters() {
        String terms = "label:\"affects:koa\" is:pull-request";
        List<String> slugs = IntStream.range(0, 30).mapToObj(i -> "organisation-" + i + "/repository-" + i).toList();
        List<String> queries = IssueQueries.queries(slugs, terms);
        assertThat(queries).hasSizeGreaterThan(1).allSatisfy(q -> {
            assertThat(q.length()).isLessThanOrEqualTo(IssueQueries.MAX_QUERY);
            assertThat(q).endsWith(" " + terms);
        });
        assertThat(String.join(" ", queries)).contains(slugs.stream().map(s -> "repo:" + s + " ").toList());
    }

    @Test
    void lastWeeksClosedSearchIsTheSameQueryWithoutItsDate() {
        assertThat(IssueQueries.undated("repo:a/b milestone:\"K\" is:closed closed:>=2020-10-29 is:issue"))
                .isEqualTo(IssueQueries.undated("repo:a/b milestone:\"K\" is:closed closed:>=2020-11-05 is:issue"));
    }
}
