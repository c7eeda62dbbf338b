package io.labelhub.dm.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.SessionService;
import io.labelhub.dm.api.service.UserService;

/**
 * Every request but {@code GET /api/health} and signing in ({@code POST /api/session}) must carry
 * {@code Authorization: Token <key>}, HTTP Basic credentials of an active user, or the cookie of a browser session
 * (its writes with the session's CSRF token); otherwise it ends here with 401. It runs before resource matching, so nothing
 * answers without credentials: not an unknown address (whose 404 would tell what exists), not CXF's generated API
 * description ({@code ?_wadl}).
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(AuthenticationFilter.NAME)
@JaxrsApplicationSelect(DmApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    static final String NAME = "labelhub-dm-authentication";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    // optional and dynamic, so that the API (and health, its first resource) is served while the database is not
    // there yet, answering 503 instead of 404
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile UserService users;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SessionService sessions;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if ("health".equals(path) || "/health".equals(path)) {
            return;
        }
        if (("session".equals(path) || "/session".equals(path)) && "POST".equals(request.getMethod())) {
            // signing in: the credentials are the body
            return;
        }
        UserService userService = users;
        SessionService sessionService = sessions;
        if (userService == null || sessionService == null) {
            throw new DmException(DmException.Kind.BUSY, "starting", "the server is starting or waiting for its "
                    + "database; GET /api/health says what it waits for");
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookies().get(SessionResource.COOKIE);
        User user = authorization == null && cookie != null ? bySession(sessionService, request, cookie.getValue())
                : authenticate(userService, authorization).orElseThrow(() -> new Unauthorized(!scripted(request)));
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            private final Caller caller = new Caller(user);

            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return user.role().wireName().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return SecurityContext.BASIC_AUTH;
            }
        });
    }

    /**
     * The user of the session the cookie names. A write must also carry the session's CSRF token: the cookie comes
     * with every request the browser sends here, whoever's page made it, and the token only with this console's.
     */
    private User bySession(SessionService sessions, ContainerRequestContext request, String key) {
        SessionService.SignedIn session = sessions.find(key).orElseThrow(() -> new Unauthorized(
                "session ended", "the session has ended or does not exist: sign in again (POST /api/session)", false));
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String token = request.getHeaderString(SessionResource.CSRF_HEADER);
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw new DmException(DmException.Kind.FORBIDDEN, "csrf token missing or wrong", "a "
                        + request.getMethod() + " signed in by the session cookie must send the session's token in "
                        + SessionResource.CSRF_HEADER + " (it comes with POST and GET /api/session)");
            }
        }
        return session.user();
    }

    private Optional<User> authenticate(UserService users, String header) {
        if (header == null) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = header.substring(space + 1).trim();
        if (scheme.equals("token") || scheme.equals("bearer")) {
            return users.authenticateToken(value);
        }
        if (scheme.equals("basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), clientAddress());
        }
        return Optional.empty();
    }

    /** The address the request came from, for counting failed sign-ins per client. */
    private static String clientAddress() {
        Message message = JAXRSUtils.getCurrentMessage();
        Object request = message == null ? null : message.get(AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof HttpServletRequest http ? http.getRemoteAddr() : "unknown";
    }

    /**
     * A request from a page's code or a script that says so ({@code X-Requested-With}, or asking for JSON): its 401
     * must not invite the browser's Basic dialog, which would also make the browser keep sending the credentials.
     */
    private static boolean scripted(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        return request.getHeaderString("X-Requested-With") != null
                || accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    /** No or wrong credentials; {@link #inviteBasic()} tells the error mapper which challenge to send. */
    static final class Unauthorized extends DmException {

        private static final long serialVersionUID = 1L;

        private final boolean inviteBasic;

        Unauthorized(boolean inviteBasic) {
            this("authentication required", "send Authorization: Token <key> or HTTP Basic credentials of an active "
                    + "user, or sign in (POST /api/session)", inviteBasic);
        }

        Unauthorized(String error, String detail, boolean inviteBasic) {
            super(Kind.UNAUTHORIZED, error, detail);
            this.inviteBasic = inviteBasic;
        }

        boolean inviteBasic() {
            return inviteBasic;
        }
    }
}
