package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Jetty under a slow-body attack from one loopback address: the
 * server stays available to others. (On Linux every 127.x.y.z is loopback, so
 * 127.0.0.2 is "another client".)
 */
@Timeout(60)
class WebServerHardeningTest {
    @TempDir
    Path dir;
    WebServer web;
    final List<Socket> attackers = new ArrayList<>();

    /** Requests that reached the servlet (and so hold a thread while they read). */
    final Semaphore entered = new Semaphore(0);

    /** Reads the whole body with blocking reads, as Bolt's servlet does. */
    final class BodyReadingServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            entered.release();
            req.getInputStream().readAllBytes();
            resp.getWriter().write("read\n");
        }
    }

    @BeforeEach
    void start() throws Exception {
        TestBot built = TestBot.builder(dir).build();
        web = new WebServer("127.0.0.1", 0, built.bot, built.wiring.dashboard());
        web.mount("/slack/events", new BodyReadingServlet());
        web.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : attackers) {
            s.close();
        }
        web.close();
    }

    /** A POST whose headers promise a body of which only the first byte comes. */
    private Socket slowPost(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", web.port()), 5_000);
        s.setSoTimeout(30_000);
        s.getOutputStream().write(("POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 1000\r\n\r\nx").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    private String healthzFrom(String address) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(address, 0));
            s.connect(new InetSocketAddress("127.0.0.1", web.port()), 5_000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: bot\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void manySlowBodiesFromOneAddressLeaveHealthzAnswering() throws Exception {
        // more than Jetty's 200 threads; each request that gets one holds it in a blocking read
        for (int i = 0; i < 250; i++) {
            attackers.add(slowPost("127.0.0.1"));
        }
        assertThat(entered.tryAcquire(32, 30, TimeUnit.SECONDS)).as("32 attacking requests are being read").isTrue();
        assertThat(healthzFrom("127.0.0.2")).startsWith("HTTP/1.1 200").endsWith("ok\n");
        // beyond its 32 connections, the attacker's sockets were closed at once
        long closed = 0;
        for (Socket s : attackers.subList(32, attackers.size())) {
            s.setSoTimeout(10_000);
            closed += readsEnd(s.getInputStream()) ? 1 : 0;
        }
        assertThat(closed).isEqualTo(250 - 32);
    }

    @Test
    void aBodyDrippingSlowerThanTheMinimumRateIsCutOffWith408() throws Exception {
        Socket s = slowPost("127.0.0.1");
        attackers.add(s);
        // the slow client: one more byte now and then (the scenario, not a wait for the server), until it is answered
        for (int i = 0; i < 10 && s.getInputStream().available() == 0; i++) {
            Thread.sleep(400);
            if (s.getInputStream().available() == 0) {
                s.getOutputStream().write('x');
                s.getOutputStream().flush();
            }
        }
        String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertThat(answer).isEqualTo("HTTP/1.1 408");
    }

    /** True when the server closed the connection without answering. */
    private static boolean readsEnd(InputStream in) {
        try {
            return in.read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }
}
