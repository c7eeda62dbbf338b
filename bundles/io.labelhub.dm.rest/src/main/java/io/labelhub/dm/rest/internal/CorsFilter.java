package io.labelhub.dm.rest.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.labelhub.dm.api.DmException;

/**
 * Cross-origin requests: a browser page of another origin may call the API only when that origin is listed in
 * {@code etc/io.labelhub.dm.cors.cfg} (empty by default). Its preflight is answered here, before authentication
 * (a preflight carries no credentials), and its responses get the CORS headers. A write from an origin that is not
 * listed is refused before it reaches a resource, so a page elsewhere cannot make a signed-in browser import or
 * delete data. Requests without an {@code Origin}, and same-origin ones (the web console), pass untouched.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class}, configurationPid = CorsFilter.PID)
@Designate(ocd = CorsFilter.Config.class)
@JaxrsExtension
@JaxrsName(CorsFilter.NAME)
@JaxrsApplicationSelect(DmApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String NAME = "labelhub-dm-cors";
    static final String PID = "io.labelhub.dm.cors";
    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String EXPOSED = "Location, Retry-After, Content-Disposition, Content-Length";

    @ObjectClassDefinition(name = "LabelHub CORS", description = "Browser pages of other origins allowed to call "
            + "the API")
    public @interface Config {
        @AttributeDefinition(description = "Origins allowed to call the API from a browser, separated by commas, "
                + "e.g. https://labeling.example.com; empty: none")
        String allowed_origins() default "";

        @AttributeDefinition(description = "Request headers such pages may send")
        String allowed_headers() default "Authorization, Content-Type, Accept, X-CSRF-Token, X-Requested-With";

        @AttributeDefinition(description = "Seconds a browser may cache a preflight answer")
        int max_age_seconds() default 600;
    }

    private volatile Set<String> origins = Set.of();
    private volatile Config config;

    @Activate
    public CorsFilter(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config changed) {
        this.config = changed;
        this.origins = Arrays.stream(changed.allowed_origins().split(",")).map(CorsFilter::normalize)
                .filter(o -> !o.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private static String normalize(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || sameOrigin(origin, request.getHeaderString(HttpHeaders.HOST))) {
            return;
        }
        boolean allowed = origins.contains(normalize(origin));
        boolean preflight = HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString("Access-Control-Request-Method") != null;
        if (!allowed && (preflight || !SAFE.contains(request.getMethod()))) {
            throw new DmException(DmException.Kind.FORBIDDEN, "cross-origin request refused", "pages of origin "
                    + origin + " may not call this API; an admin allows an origin in allowed.origins of etc/"
                    + PID + ".cfg");
        }
        if (allowed && preflight) {
            Response.ResponseBuilder answer = Response.noContent();
            corsHeaders(answer, origin);
            answer.header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", config.allowed_headers())
                    .header("Access-Control-Max-Age", config.max_age_seconds());
            request.abortWith(answer.build());
        }
    }

    /** Whether the Origin names this server (as the browser reached it), whatever the scheme in front of it. */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.strip());
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (!String.valueOf(headers.get(HttpHeaders.VARY)).contains("Origin")) {
            headers.add(HttpHeaders.VARY, "Origin");
        }
        if (origin == null || !origins.contains(normalize(origin)) || headers.containsKey(
                "Access-Control-Allow-Origin")) {
            return;
        }
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.putSingle("Access-Control-Allow-Credentials", "true");
        headers.putSingle("Access-Control-Expose-Headers", EXPOSED);
    }

    private static void corsHeaders(Response.ResponseBuilder answer, String origin) {
        answer.header("Access-Control-Allow-Origin", origin).header("Access-Control-Allow-Credentials", "true")
                .header(HttpHeaders.VARY, "Origin");
    }
}
