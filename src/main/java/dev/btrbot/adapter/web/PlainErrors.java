package dev.btrbot.adapter.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;

/**
 * Errors Jetty answers itself (a path nothing serves, a malformed request, a
 * method not allowed): our short page, naming no server, version, servlet or
 * stack trace.
 */
final class PlainErrors extends ErrorHandler {
    PlainErrors() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    @Override
    protected void writeErrorHtml(Request request, Writer writer, Charset charset, int code, String message, Throwable cause)
            throws IOException {
        String reason = HttpStatus.getMessage(code);
        writer.write("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + code + " " + Html.text(reason)
                + "</title></head><body><main><h1>" + code + " " + Html.text(reason) + "</h1><p><a href=\"/\">btr-bot</a></p></main>"
                + "</body></html>\n");
    }
}
