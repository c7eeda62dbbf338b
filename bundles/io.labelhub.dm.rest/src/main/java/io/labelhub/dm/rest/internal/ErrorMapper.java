package io.labelhub.dm.rest.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.apache.cxf.phase.PhaseInterceptorChain;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.ThrottledException;
import io.labelhub.dm.rest.internal.Dtos.ErrorDto;

/**
 * Every error leaves as {@code {"error": ..., "detail": ...}} with its status. A {@link DmException} says its kind,
 * and the kind its status; which failures are which kind is decided where they happen (storage decides what makes
 * a request busy). A 500 means a bug: it is logged with an id that the response carries, and nothing of the
 * exception reaches the caller.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName(ErrorMapper.NAME)
@JaxrsApplicationSelect(DmApplication.SELECT)
public class ErrorMapper implements ExceptionMapper<Throwable> {

    static final String NAME = "labelhub-dm-errors";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    /** Seconds a client is asked to wait before trying a busy request again. */
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof DmException dm) {
            Response.ResponseBuilder response = json(dm.kind().status(), new ErrorDto(dm.error(), dm.detail(), null));
            if (dm.kind() == DmException.Kind.UNAUTHORIZED) {
                // Basic makes a browser cache the credentials and pop up its own dialog: only for clients that
                // did not say they are a script or a page's code
                boolean invite = !(dm instanceof AuthenticationFilter.Unauthorized u) || u.inviteBasic();
                response.header(HttpHeaders.WWW_AUTHENTICATE, (invite ? "Basic" : "Token") + " realm=\"LabelHub\"");
            } else if (dm.kind() == DmException.Kind.BUSY) {
                response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            } else if (dm instanceof ThrottledException throttled) {
                response.header(HttpHeaders.RETRY_AFTER, throttled.retryAfterSeconds());
            }
            return response.build();
        }
        // Jetty's EofException is one of these: the client's connection ended inside its request
        if (cause(exception, java.io.EOFException.class) != null) {
            LOG.info("A client ended its request before sending all of it: {}", exception.toString());
            return json(400, new ErrorDto("incomplete request", "the request ended before its body was complete",
                    null)).build();
        }
        JsonProcessingException json = cause(exception, JsonProcessingException.class);
        if (json != null) {
            return json(400, new ErrorDto("invalid JSON", Bodies.describe(json), null)).build();
        }
        if (exception instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromWebApplication(web);
        }
        String id = UUID.randomUUID().toString();
        LOG.error("Unexpected error {}", id, exception);
        return json(500, new ErrorDto("internal error",
                "this is a bug; the server log has the details under error id " + id, id)).build();
    }

    private static Response fromWebApplication(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        Set<String> allowed = status == 405 ? allowedHere(web) : Set.of();
        String detail = switch (status) {
            case 404 -> "there is no such resource";
            case 405 -> "method not allowed here; allowed: " + String.join(", ", allowed);
            case 406 -> "the API answers with application/json";
            case 415 -> "send the body as application/json";
            default -> web.getMessage();
        };
        String error = web instanceof NotAllowedException ? "method not allowed"
                : web instanceof NotSupportedException ? "unsupported media type"
                : Response.Status.fromStatusCode(status) == null ? "request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        Response.ResponseBuilder response = json(status, new ErrorDto(error, detail, null));
        if (status == 405) {
            response.allow(allowed);
        }
        return response.build();
    }

    /** What the path answers; what CXF said (every method of the application) only if the model cannot tell. */
    private static Set<String> allowedHere(WebApplicationException web) {
        Set<String> allowed = AllowedMethods.at(PhaseInterceptorChain.getCurrentMessage());
        return allowed.isEmpty() ? new TreeSet<>(web.getResponse().getAllowedMethods()) : allowed;
    }

    private static Response.ResponseBuilder json(int status, ErrorDto body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }

    private static <T extends Throwable> T cause(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
