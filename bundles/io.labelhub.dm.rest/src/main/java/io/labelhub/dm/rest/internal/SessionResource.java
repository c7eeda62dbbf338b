package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.SessionService;
import io.labelhub.dm.rest.internal.Dtos.SessionDto;
import io.labelhub.dm.rest.internal.Dtos.UserDto;

/**
 * Browser sign-in: {@code POST /session} with e-mail and password sets the session cookie (HttpOnly, SameSite=Strict)
 * and answers the session's CSRF token, which every write signed in by the cookie must send as {@code X-CSRF-Token};
 * {@code GET /session} answers it again (after a reload); {@code DELETE /session} signs out.
 */
@Component(service = SessionResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final String COOKIE = "dm_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final SessionService sessions;

    @Activate
    public SessionResource(@Reference SessionService sessions) {
        this.sessions = sessions;
    }

    /** Needs no credentials but these: a wrong pair is 401, counted against guessing as every sign-in is. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(@Context HttpServletRequest http, InputStream body) {
        JsonNode node = Bodies.object(body, "sign-in", List.of("email", "password"));
        String email = text(node, "email");
        String password = text(node, "password");
        SessionService.Opened opened = sessions.open(email, password, http.getRemoteAddr())
                .orElseThrow(() -> new AuthenticationFilter.Unauthorized("sign-in failed",
                        "wrong e-mail or password, or the account is not active", false));
        long seconds = Math.max(0, opened.expiresAt().getEpochSecond() - java.time.Instant.now().getEpochSecond());
        return Response.ok(new SessionDto(UserDto.of(opened.user()), opened.csrfToken(),
                        Dtos.time(opened.expiresAt())))
                .header(HttpHeaders.SET_COOKIE, cookie(opened.key(), seconds, http.isSecure())).build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new ValidationException("invalid sign-in", field + " is required and must be a string");
        }
        return value.textValue();
    }

    /** The caller, and the session's CSRF token and end when they are signed in by the cookie (null otherwise). */
    @GET
    public SessionDto get(@Context SecurityContext security, @CookieParam(COOKIE) String key) {
        UserDto user = UserDto.of(Caller.of(security));
        return sessions.find(key).filter(s -> s.user().id() == user.id())
                .map(s -> new SessionDto(user, s.csrfToken(), Dtos.time(s.expiresAt())))
                .orElse(new SessionDto(user, null, null));
    }

    /** Signs out: the session ends on every node, and the cookie is cleared. */
    @DELETE
    public Response signOut(@Context SecurityContext security, @Context HttpServletRequest http,
                            @CookieParam(COOKIE) String key) {
        Caller.of(security);
        sessions.close(key);
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0, http.isSecure())).build();
    }

    private static String cookie(String value, long maxAgeSeconds, boolean secure) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
