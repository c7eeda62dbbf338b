package io.labelhub.dm.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The one JAX-RS application of the Data Manager, at {@code /api}; resources and extensions select it. The
 * whiteboard serves it only while the authentication filter and the error mapper are there, so no request is
 * ever answered without them (they register independently, and could otherwise come after the resources).
 * <p>
 * Each resource class has a root {@code @Path} of its own ({@code projects}, {@code projects/{id}/tasks},
 * {@code tasks}, …) and none is empty: JAX-RS chooses one root class per request by its path and does not try
 * another when that class has no fitting method, so two classes sharing a root, or a catch-all {@code ""} root,
 * would hide each other's endpoints. {@code RoutingTest} matches every endpoint of the README that way.
 */
@Component(service = Application.class)
@JaxrsApplicationBase("api")
@JaxrsName(DmApplication.NAME)
@JaxrsExtensionSelect({"(osgi.jaxrs.name=" + AuthenticationFilter.NAME + ")",
    "(osgi.jaxrs.name=" + ErrorMapper.NAME + ")"})
public class DmApplication extends Application {

    static final String NAME = "labelhub-dm";
    /** The filter with which resources and extensions select this application. */
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
