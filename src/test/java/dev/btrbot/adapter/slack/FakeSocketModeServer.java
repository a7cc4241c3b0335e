package dev.btrbot.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Slack's Socket Mode endpoint on 127.0.0.1 (plain {@code ws://}, Jetty's
 * websocket server): greets every connection with Slack's {@code hello},
 * sends the envelopes a test asks for, and records what the app sends back
 * (acknowledgements: {@code {"envelope_id": …}}) with the time it arrived.
 */
public final class FakeSocketModeServer implements AutoCloseable {
    /** One text frame from the app. */
    record Received(JsonNode json, Instant at) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicReference<Session> session = new AtomicReference<>();
    private final Server server;
    private final ServerConnector connector;

    FakeSocketModeServer() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> container.addMapping("/link/*", (req, resp, cb) -> {
            paths.add(req.getHttpURI().getPathQuery());
            return new Endpoint();
        })));
        server.start();
    }

    /** Where apps.connections.open sends the app, shaped like Slack's URL. */
    String url() {
        return "ws://127.0.0.1:" + connector.getLocalPort() + "/link/?ticket=4c8e1a2b-fake-ticket&app_id=A0BTRBOT1";
    }

    /** Waits (bounded) until the app has connected and been greeted. */
    void awaitConnection() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (session.get() == null) {
            throw new AssertionError("the app never connected in Socket Mode");
        }
    }

    /** Sends one envelope to the connected app; returns when it was sent. */
    Instant send(String envelope) throws Exception {
        Callback.Completable sent = new Callback.Completable();
        session.get().sendText(envelope, sent);
        sent.get(5, TimeUnit.SECONDS);
        return Instant.now();
    }

    /** Waits (bounded) for the app's frame acknowledging this envelope. */
    Received awaitAck(String envelopeId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received r : received) {
                if (envelopeId.equals(r.json().path("envelope_id").asText())) {
                    return r;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no acknowledgement of " + envelopeId + " within " + within + "; received " + received);
    }

    /** Public for Jetty, which calls its methods through public method handles. */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketOpen(Session s) {
            // Slack's hello, as documented for Socket Mode
            s.sendText("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-fake-1\",\"build_number\":1,"
                    + "\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0BTRBOT1\"}}", Callback.from(() -> session.set(s), e -> { }));
        }

        @Override
        public void onWebSocketText(String message) {
            try {
                received.add(new Received(FakeSlackApi.JSON.readTree(message), Instant.now()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            session.set(null);
            callback.succeed();
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
