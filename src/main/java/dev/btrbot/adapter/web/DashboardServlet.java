package dev.btrbot.adapter.web;

import dev.btrbot.core.Bot;
import dev.btrbot.core.Dashboard;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Json;
import dev.btrbot.core.Reply;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Text;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The read-only dashboard: {@code /} lists releases, {@code /releases/koa.2}
 * shows one ({@code ?page=N} pages its audit log; {@code ?format=json} is the
 * same JSON as {@code status --stored --redacted --json}), {@code /static/btr.css}
 * is its stylesheet. Anyone who reaches the port may load it, so it only reads
 * the store (no git, no GitHub, no writes) and shows the public view: members
 * by display name, no channel ids, notes or error texts. Any other path is our
 * own 404 page (JSON with {@code ?format=json}).
 *
 * <p>Every answer forbids script and anything not from this server
 * (Content-Security-Policy), so even text that got past escaping could not run.
 */
final class DashboardServlet extends HttpServlet {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final MemberId VIEWER = new MemberId("dashboard");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String PREFIX = "/releases/";

    private final transient Bot bot;
    private final transient Dashboard dashboard;
    private final byte[] stylesheet = stylesheet();

    DashboardServlet(Bot bot, Dashboard dashboard) {
        this.bot = bot;
        this.dashboard = dashboard;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        boolean json = "json".equals(req.getParameter("format"));
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        if (path.equals(Html.STYLESHEET)) {
            resp.setHeader("Cache-Control", "public, max-age=86400");
            resp.setContentType("text/css;charset=utf-8");
            resp.getOutputStream().write(stylesheet);
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        if (path.equals("/") && !json) {
            html(resp, IndexPageHtml.render(dashboard.index()));
            return;
        }
        String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        if (!NAME.matcher(name).matches()) {
            notFound(resp, json, path.startsWith(PREFIX) && !name.isEmpty() ? "No release is named '" + Text.clip(name) + "'."
                    : "There is no page at " + Text.clip(path) + ".");
            return;
        }
        if (json) {
            Reply reply = bot.handle(new Invocation(VIEWER, "status " + name + " --stored --redacted --json"));
            if (reply.isError() || reply.json() == null) {
                notFound(resp, true, reply.title());
                return;
            }
            resp.setContentType("application/json;charset=utf-8");
            resp.getWriter().write(reply.json());
            return;
        }
        Optional<Dashboard.ReleasePage> page = dashboard.release(name, pageNumber(req.getParameter("page")));
        if (page.isEmpty()) {
            notFound(resp, false, "No release is named '" + name + "'.");
            return;
        }
        html(resp, ReleasePageHtml.render(page.get()));
    }

    private static int pageNumber(String raw) {
        try {
            return raw == null ? 1 : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void html(HttpServletResponse resp, String page) throws IOException {
        resp.setContentType("text/html;charset=utf-8");
        resp.getWriter().write(page);
    }

    private static void notFound(HttpServletResponse resp, boolean json, String why) throws IOException {
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        if (json) {
            resp.setContentType("application/json;charset=utf-8");
            resp.getWriter().write(Json.write(Map.of("error", why)));
        } else {
            html(resp, Html.notFound(why));
        }
    }

    private static byte[] stylesheet() {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("/dashboard/btr.css")) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's stylesheet is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
