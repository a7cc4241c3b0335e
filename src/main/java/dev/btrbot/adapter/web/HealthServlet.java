package dev.btrbot.adapter.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Liveness for Docker's HEALTHCHECK and load balancers: 200 {@code ok}, or
 * 503 with one line per problem a part of the bot reported (a chat token the
 * platform rejected), which no restart of the same configuration cures.
 * Notes that are no problem (whether this replica leads) follow on lines of
 * their own, and never change the status.
 */
final class HealthServlet extends HttpServlet {
    private final transient List<Supplier<Optional<String>>> checks = new CopyOnWriteArrayList<>();

    private final transient List<Supplier<String>> notes = new CopyOnWriteArrayList<>();

    void add(Supplier<Optional<String>> problem) {
        checks.add(problem);
    }

    void note(Supplier<String> note) {
        notes.add(note);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> problems = checks.stream().map(Supplier::get).flatMap(Optional::stream).toList();
        resp.setContentType("text/plain;charset=utf-8");
        if (!problems.isEmpty()) {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
        StringBuilder body = new StringBuilder(problems.isEmpty() ? "ok\n" : String.join("\n", problems) + "\n");
        notes.forEach(n -> body.append(n.get()).append('\n'));
        resp.getWriter().write(body.toString());
    }
}
