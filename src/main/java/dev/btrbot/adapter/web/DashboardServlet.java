package dev.btrbot.adapter.web;

import dev.btrbot.adapter.render.HtmlRenderer;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.domain.MemberId;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The read-only status page: {@code /} lists releases, {@code /releases/koa.2}
 * shows one ({@code ?format=json} for the same JSON as {@code status --stored --redacted --json}).
 * Anyone who reaches the port may load it, so it only ever runs commands
 * that read the store: no git, no GitHub, no writes ({@code status --stored}),
 * and shows the public view ({@code --redacted}): members by display name, no
 * channel ids, notes or error texts.
 */
final class DashboardServlet extends HttpServlet {
    private static final MemberId VIEWER = new MemberId("dashboard");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Bot bot;

    DashboardServlet(Bot bot) {
        this.bot = bot;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceFirst("^/", "");
        boolean isRelease = "/releases".equals(req.getServletPath()) && !path.isEmpty();
        if (isRelease && !NAME.matcher(path).matches()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "no such release");
            return;
        }
        boolean isIndex = "/".equals(req.getServletPath()) || "".equals(req.getServletPath());
        if (!isRelease && !(isIndex && path.isEmpty())) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        boolean json = "json".equals(req.getParameter("format"));
        String command = isRelease ? "status " + path + " --stored --redacted" + (json ? " --json" : "") : "release list";
        Reply reply = bot.handle(new Invocation(VIEWER, command));
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (reply.isError()) {
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        if (json && reply.json() != null) {
            resp.setContentType("application/json;charset=utf-8");
            resp.getWriter().write(reply.json());
            return;
        }
        resp.setContentType("text/html;charset=utf-8");
        resp.getWriter().write("<!doctype html><html><head><meta charset=\"utf-8\"><title>btr-bot — "
                + HtmlRenderer.escape(reply.title()) + "</title><meta http-equiv=\"refresh\" content=\"60\"></head><body>\n"
                + HtmlRenderer.render(reply) + "</body></html>\n");
    }
}
