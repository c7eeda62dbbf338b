package io.labelhub.dm.rest.internal;

import javax.ws.rs.container.ContainerRequestFilter;

import org.apache.cxf.jaxrs.model.wadl.WadlGenerator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * CXF answers {@code ?_wadl} with a description of every endpoint from a filter it puts before all others, so the
 * description went out without credentials. A WADL generator of the application's own replaces CXF's default one;
 * this one ignores those requests, which then go the way of any other: authentication first, then the resource
 * (which takes no {@code _wadl} parameter). The README is the API's description.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(NoApiDescription.NAME)
@JaxrsApplicationSelect(DmApplication.SELECT)
public class NoApiDescription extends WadlGenerator {

    static final String NAME = "labelhub-dm-no-wadl";

    public NoApiDescription() {
        setIgnoreRequests(true);
    }
}
