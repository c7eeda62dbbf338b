package io.labelhub.dm.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The console's one page, for every address of the console (Label Studio's: {@code /}, {@code /projects/new},
 * {@code /projects/{id}/data}, {@code …/label}, {@code …/verify}, {@code …/settings}; anything else is a 404): the
 * page's own code reads the address and shows what it names, so shared links and reloads keep working. Its
 * Content-Security-Policy lets scripts come only from this server, in files (none inline), and forbids framing.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/", "/projects/*"})
public class ConsolePage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The console's addresses: the projects, and a project's pages (Label Studio's names). */
    static final Pattern ADDRESSES = Pattern.compile(
            "/|/projects/?|/projects/new/?|/projects/\\d{1,18}(/(data|label|verify|settings))?/?");

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!ADDRESSES.matcher(request.getRequestURI()).matches()) {
            // not an address of the console (nor of its assets or the API, which answer their own)
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        try (InputStream page = ConsolePage.class.getResourceAsStream("/web/index.html")) {
            if (page == null) {
                throw new IllegalStateException("the console's page is missing from its bundle");
            }
            page.transferTo(response.getOutputStream());
        }
    }
}
