package dev.btrbot.adapter.web;

import dev.btrbot.core.Bot;
import dev.btrbot.core.Dashboard;
import jakarta.servlet.http.HttpServlet;
import java.net.InetSocketAddress;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty: {@code /healthz}, the read-only dashboard under
 * {@code /releases}, and whatever platform adapters mount (Slack at
 * {@code /slack/events}).
 *
 * <p>One slow or greedy client cannot hold the server: a request body must
 * arrive at {@value #MIN_REQUEST_BYTES_PER_SECOND} bytes a second at least
 * (slower, it is answered 408 and its thread freed), a connection idle for
 * {@value #IDLE_TIMEOUT_MS} ms is closed, and one client address holds at most
 * {@link Options#connectionsPerAddress} connections at once.
 */
public final class WebServer implements AutoCloseable {
    /** Slack's and the dashboard's requests arrive whole in one go; a body dripping in slower is an attack or a dead client. */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 512;
    static final long IDLE_TIMEOUT_MS = 20_000;

    private final Server server;
    private final ServletContextHandler context;
    private final HealthServlet health = new HealthServlet();

    /**
     * @param dashboard             serve the read-only dashboard; when false its paths answer 404 ({@code /healthz} stays)
     * @param connectionsPerAddress open connections one client address may hold; 0: no limit (behind a proxy every
     *                              client has the proxy's address)
     */
    public record Options(boolean dashboard, int connectionsPerAddress) {
        public static final Options DEFAULT = new Options(true, 32);
    }

    public WebServer(String host, int port, Bot bot, Dashboard dashboard) {
        this(host, port, bot, dashboard, Options.DEFAULT);
    }

    /** @param dashboard what the dashboard shows, with the member names the chat platforms know */
    public WebServer(String host, int port, Bot bot, Dashboard dashboard, Options options) {
        server = new Server();
        server.setErrorHandler(new PlainErrors());
        HttpConfiguration http = new HttpConfiguration();
        http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        if (options.connectionsPerAddress() > 0) {
            connector.addBean(new ConnectionsPerAddress(options.connectionsPerAddress()));
        }
        server.addConnector(connector);
        context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new PlainErrors());
        mount("/healthz", health);
        if (options.dashboard()) {
            mount("/", new DashboardServlet(bot, dashboard));
        }
        server.setHandler(context);
    }

    public void mount(String path, HttpServlet servlet) {
        context.addServlet(new ServletHolder(servlet), path);
    }

    /** A problem {@code /healthz} reports (503) while the supplier names one; empty while all is well. */
    public void healthCheck(java.util.function.Supplier<java.util.Optional<String>> problem) {
        health.add(problem);
    }

    /** A line {@code /healthz} adds after its status (which replica leads); it never makes the status 503. */
    public void healthNote(java.util.function.Supplier<String> note) {
        health.note(note);
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public InetSocketAddress address() {
        ServerConnector c = (ServerConnector) server.getConnectors()[0];
        return new InetSocketAddress(c.getHost() == null ? "0.0.0.0" : c.getHost(), c.getLocalPort());
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
