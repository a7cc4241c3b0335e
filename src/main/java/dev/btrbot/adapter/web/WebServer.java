package dev.btrbot.adapter.web;

import dev.btrbot.core.Bot;
import jakarta.servlet.http.HttpServlet;
import java.net.InetSocketAddress;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty: {@code /healthz}, the read-only dashboard under
 * {@code /releases}, and whatever platform adapters mount (Slack at
 * {@code /slack/events}).
 */
public final class WebServer implements AutoCloseable {
    private final Server server;
    private final ServletContextHandler context;
    private final HealthServlet health = new HealthServlet();

    public WebServer(String host, int port, Bot bot) {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        context = new ServletContextHandler();
        context.setContextPath("/");
        mount("/healthz", health);
        mount("/releases/*", new DashboardServlet(bot));
        mount("/", new DashboardServlet(bot));
        server.setHandler(context);
    }

    public void mount(String path, HttpServlet servlet) {
        context.addServlet(new ServletHolder(servlet), path);
    }

    /** A problem {@code /healthz} reports (503) while the supplier names one; empty while all is well. */
    public void healthCheck(java.util.function.Supplier<java.util.Optional<String>> problem) {
        health.add(problem);
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
