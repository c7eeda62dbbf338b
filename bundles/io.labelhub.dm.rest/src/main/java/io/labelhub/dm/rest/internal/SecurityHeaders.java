package io.labelhub.dm.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Headers that keep browsers from misusing API answers: no content sniffing (a JSON answer never runs as a page
 * or script), no framing, no referrer leaking ids, and no caching of answers that carry tokens or user data (every
 * API answer may: an answer that is fine to cache sets its own Cache-Control).
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsName(SecurityHeaders.NAME)
@JaxrsApplicationSelect(DmApplication.SELECT)
public class SecurityHeaders implements ContainerResponseFilter {

    static final String NAME = "labelhub-dm-security-headers";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
        headers.putSingle("Referrer-Policy", "no-referrer");
        if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
