package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationTest {
    static final List<MemberId> POOL = List.of(new MemberId("ana"), new MemberId("ben"), new MemberId("cai"), new MemberId("dee"));

    @Test
    void overTwelveReleasesAPoolOfFourServesThreeTimesEach() {
        Map<MemberId, Integer> served = new HashMap<>();
        Optional<MemberId> last = Optional.empty();
        for (int release = 0; release < 12; release++) {
            last = Rotation.next(POOL, last, m -> false);
            served.merge(last.orElseThrow(), 1, Integer::sum);
        }
        assertThat(served).containsOnlyKeys(POOL).allSatisfy((m, n) -> assertThat(n).isEqualTo(3));
    }

    @Test
    void rotationStartsAfterWhoeverWasOfferedLast() {
        assertThat(Rotation.next(POOL, Optional.of(new MemberId("ben")), m -> false)).contains(new MemberId("cai"));
        assertThat(Rotation.next(POOL, Optional.of(new MemberId("dee")), m -> false)).contains(new MemberId("ana"));
    }

    @Test
    void awayOrDecliningMembersAreSkipped() {
        Set<MemberId> unavailable = Set.of(new MemberId("cai"), new MemberId("dee"));
        assertThat(Rotation.next(POOL, Optional.of(new MemberId("ben")), unavailable::contains)).contains(new MemberId("ana"));
    }

    @Test
    void anExhaustedPoolProposesNobody() {
        assertThat(Rotation.next(POOL, Optional.empty(), m -> true)).isEmpty();
        assertThat(Rotation.next(List.of(), Optional.empty(), m -> false)).isEmpty();
    }

    @Test
    void aLastMemberWhoLeftThePoolRestartsAtTheTop() {
        assertThat(Rotation.next(POOL, Optional.of(new MemberId("zed")), m -> false)).contains(new MemberId("ana"));
    }
}
