package dev.btrbot.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to reach Matrix, from the environment. Secrets (the access token, the
 * password) are never printed: {@link #toString()} leaves them out.
 *
 * @param homeserver         base URL of the homeserver's Client-Server API (without {@code /_matrix})
 * @param accessToken        the bot's access token; null when it logs in with {@code user}/{@code password}
 * @param user               the bot's user id or localpart for password login; may be null with a token
 * @param password           for password login; null with a token
 * @param deviceId           fixed device id for password login, so transaction ids stay scoped to one device across restarts
 * @param rooms              rooms (ids or aliases) the bot joins at start and accepts invites to
 * @param servers            homeservers whose users may invite the bot; empty means the bot's own homeserver
 * @param managerPowerLevel  members with at least this power level in a release's room count as its managers; null: off
 */
public record MatrixConfig(URI homeserver, String accessToken, String user, String password, String deviceId, Set<String> rooms,
                           Set<String> servers, Integer managerPowerLevel) {

    public MatrixConfig {
        if (homeserver == null || !(homeserver.getScheme() != null && homeserver.getScheme().startsWith("http"))) {
            throw new IllegalArgumentException("MATRIX_HOMESERVER_URL must be an http(s) URL");
        }
        if (blank(accessToken) && (blank(user) || blank(password))) {
            throw new IllegalArgumentException("Matrix needs MATRIX_ACCESS_TOKEN, or MATRIX_USER and MATRIX_PASSWORD");
        }
        rooms = Set.copyOf(rooms);
        servers = Set.copyOf(servers);
    }

    /** Empty when {@code MATRIX_HOMESERVER_URL} is not set: Matrix is off. */
    public static Optional<MatrixConfig> fromEnvironment(Map<String, String> env) {
        String url = env.get("MATRIX_HOMESERVER_URL");
        if (blank(url)) {
            return Optional.empty();
        }
        String level = env.get("MATRIX_POWER_LEVEL_FOR_MANAGERS");
        return Optional.of(new MatrixConfig(URI.create(url.strip().replaceAll("/+$", "")), env.get("MATRIX_ACCESS_TOKEN"),
                env.get("MATRIX_USER"), env.get("MATRIX_PASSWORD"), env.getOrDefault("MATRIX_DEVICE_ID", "BTRBOT"),
                list(env.get("MATRIX_ROOMS")), list(env.get("MATRIX_ALLOWED_SERVERS")),
                blank(level) ? null : Integer.valueOf(level.strip())));
    }

    private static Set<String> list(String value) {
        return value == null ? Set.of() : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "MatrixConfig[homeserver=" + homeserver + ", user=" + user + ", deviceId=" + deviceId + ", rooms=" + rooms
                + ", servers=" + servers + ", managerPowerLevel=" + managerPowerLevel + ", login="
                + (blank(accessToken) ? "password" : "token") + "]";
    }
}
