package dev.btrbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven through chromedriver with the W3C WebDriver
 * protocol (JSON over HTTP, https://www.w3.org/TR/webdriver2/), from
 * {@code java.net.http}: a handful of endpoints is all the dashboard's tests
 * need, so no Selenium. Chromium starts as the dashboard issue asks: no
 * sandbox (containers), no GPU, nothing fetched from the network, a fresh profile.
 */
public final class WebDriver implements AutoCloseable {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String session;

    private WebDriver(Process driver, URI base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    /** The chromium and chromedriver binaries, when installed (Debian's {@code chromium} and {@code chromium-driver}). */
    public static Optional<Path[]> installed() {
        Optional<Path> browser = onPath("chromium").or(() -> onPath("chromium-browser")).or(() -> onPath("google-chrome"));
        Optional<Path> chromedriver = onPath("chromedriver");
        return browser.isPresent() && chromedriver.isPresent() ? Optional.of(new Path[] {browser.get(), chromedriver.get()}) : Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Starts chromedriver on a free loopback port and opens a session in a new headless Chromium with its own profile. */
    public static WebDriver start(Path browser, Path chromedriver, Path profile) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).start();
        try {
            awaitStarted(p);
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            Map<String, Object> options = Map.of("binary", browser.toString(), "args", List.of("--headless=new", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900"));
            JsonNode created = send(HttpClient.newHttpClient(), "POST", base.resolve("session"),
                    Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
            return new WebDriver(p, base, created.path("sessionId").asText());
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** chromedriver says on its standard output when it listens; whatever else it says goes on being read (and dropped). */
    private static void awaitStarted(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains("started successfully")) {
                        started.complete(true);
                    }
                }
            } catch (IOException e) {
                // the driver ended
            }
            started.complete(false);
        }, "chromedriver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!started.get(60, TimeUnit.SECONDS)) {
                throw new IOException("chromedriver ended before it listened");
            }
        } catch (Exception e) {
            throw new IOException("chromedriver did not start: " + e, e);
        }
    }

    /** Loads the page and returns when its load event has fired (the protocol's default page load strategy). */
    public void open(String url) {
        command("POST", "url", Map.of("url", url));
    }

    public String currentUrl() {
        return command("GET", "url", null).asText();
    }

    /** Lays the page out as a phone or a desktop would: {@code width} CSS pixels wide (Chrome DevTools' device metrics). */
    public void viewport(int width, int height, boolean mobile) {
        command("POST", "goog/cdp/execute", Map.of("cmd", "Emulation.setDeviceMetricsOverride",
                "params", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile)));
    }

    /** Runs {@code script} (a function body) in the page and returns its result. */
    public JsonNode script(String script, Object... args) {
        return command("POST", "execute/sync", Map.of("script", script, "args", List.of(args)));
    }

    /** Clicks the first element matching the CSS selector; a navigation it starts has loaded when this returns. */
    public void click(String css) {
        String id = command("POST", "element", Map.of("using", "css selector", "value", css)).path(ELEMENT).asText();
        command("POST", "element/" + id + "/click", Map.of());
    }

    /** The text of an open alert, prompt or confirm; empty when none is open. */
    public Optional<String> alert() {
        try {
            return Optional.of(command("GET", "alert/text", null).asText());
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("no such alert")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void screenshot(Path png) throws IOException {
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(command("GET", "screenshot", null).asText()));
    }

    private JsonNode command(String method, String path, Object body) {
        try {
            return send(http, method, base.resolve("session/" + session + "/" + path), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One WebDriver command: its {@code value}, or its error as an exception. */
    private static JsonNode send(HttpClient http, String method, URI uri, Object body) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        req = body == null ? req.method(method, HttpRequest.BodyPublishers.noBody())
                : req.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode value = JSON.readTree(resp.body()).path("value");
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(method + " " + uri.getPath() + ": " + value.path("error").asText() + ": "
                    + value.path("message").asText().lines().findFirst().orElse(""));
        }
        return value;
    }

    @Override
    public void close() {
        try {
            send(http, "DELETE", base.resolve("session/" + session), null);
        } catch (IOException | RuntimeException e) {
            // the browser goes with the driver below
        } finally {
            driver.descendants().forEach(ProcessHandle::destroy);
            driver.destroy();
            try {
                if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                    driver.descendants().forEach(ProcessHandle::destroyForcibly);
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
