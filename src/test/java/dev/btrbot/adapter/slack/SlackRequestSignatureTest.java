package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The signature check against the test vector from Slack's public docs on
 * verifying requests (src/test/resources/wire/slack/SOURCE.md).
 */
class SlackRequestSignatureTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url="
            + "https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    static RequestSignature at(long epochSecond) {
        return new RequestSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void slacksPublishedTestVectorVerifies() {
        RequestSignature check = at(1531420618L);
        assertThat(check.sign(TIMESTAMP, bytes(BODY))).isEqualTo(SIGNATURE);
        assertThat(check.refusal(TIMESTAMP, SIGNATURE, bytes(BODY))).isNull();
        assertThat(SlackHarness.sign(SECRET, TIMESTAMP, BODY)).as("the tests' own signer").isEqualTo(SIGNATURE);
    }

    @Test
    void oneChangedByteOrAnotherSecretIsRefused() {
        assertThat(at(1531420618L).refusal(TIMESTAMP, SIGNATURE, bytes(BODY.replace("roadrunner", "roadrunneR"))))
                .isEqualTo("signature does not match");
        assertThat(new RequestSignature("another-secret", Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC))
                .refusal(TIMESTAMP, SIGNATURE, bytes(BODY))).isEqualTo("signature does not match");
    }

    @Test
    void timestampsMoreThanFiveMinutesAwayEitherWayAreRefused() {
        assertThat(at(1531420618L + 300).refusal(TIMESTAMP, SIGNATURE, bytes(BODY))).isNull();
        assertThat(at(1531420618L - 300).refusal(TIMESTAMP, SIGNATURE, bytes(BODY))).isNull();
        assertThat(at(1531420618L + 301).refusal(TIMESTAMP, SIGNATURE, bytes(BODY))).contains("301 s away");
        assertThat(at(1531420618L - 301).refusal(TIMESTAMP, SIGNATURE, bytes(BODY))).as("from the future").contains("301 s away");
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        RequestSignature check = at(1531420618L);
        assertThat(check.refusal(null, SIGNATURE, bytes(BODY))).isEqualTo("missing signature headers");
        assertThat(check.refusal(TIMESTAMP, null, bytes(BODY))).isEqualTo("missing signature headers");
        assertThat(check.refusal("1531420618.5", SIGNATURE, bytes(BODY))).isEqualTo("malformed timestamp");
    }

    @Test
    void aRawUtf8BodyVerifiesOverItsExactBytes() {
        String body = "{\"text\":\"Échec 🚀 安装失败\"}";
        RequestSignature check = at(1531420618L);
        String signature = SlackHarness.sign(SECRET, TIMESTAMP, body);
        assertThat(check.refusal(TIMESTAMP, signature, bytes(body))).isNull();
        assertThat(check.refusal(TIMESTAMP, signature, body.getBytes(StandardCharsets.ISO_8859_1))).isNotNull();
    }
}
