package dev.btrbot.adapter.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature: {@code v0=} HMAC-SHA256 of
 * {@code v0:<timestamp>:<raw body bytes>} with the signing secret. A request
 * is accepted only with both headers, a valid signature over the exact bytes
 * received (so non-ASCII text verifies as sent), and a timestamp within five
 * minutes of now in either direction — Bolt alone lets a timestamp from the
 * future through, which would let a captured request be replayed later.
 */
final class RequestSignature {
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Clock clock;

    RequestSignature(String signingSecret, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("SLACK_SIGNING_SECRET is required to serve Slack over HTTP");
        }
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** @return null when the request is genuine and fresh, else why not (for the log; the caller answers 401 either way) */
    String refusal(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return "missing signature headers";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "malformed timestamp";
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > WINDOW.toSeconds()) {
            return "timestamp " + skew + " s away from now";
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "signature does not match";
        }
        return null;
    }

    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
