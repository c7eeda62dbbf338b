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
