package io.labelhub.dm.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.stream.LabelStreamService;
import io.labelhub.dm.rest.internal.Dtos.StrategyDto;
import io.labelhub.dm.rest.internal.Dtos.StrategyList;

/** The installed sampling strategies (plugins add more), the names a project's {@code sampling} may take. */
@Component(service = SamplingStrategyResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("sampling-strategies")
@Produces(MediaType.APPLICATION_JSON)
public class SamplingStrategyResource {

    private final LabelStreamService stream;

    @Activate
    public SamplingStrategyResource(@Reference LabelStreamService stream) {
        this.stream = stream;
    }

    @GET
    public StrategyList strategies() {
        return new StrategyList(stream.strategies().entrySet().stream()
                .map(e -> new StrategyDto(e.getKey(), e.getValue())).toList());
    }
}
