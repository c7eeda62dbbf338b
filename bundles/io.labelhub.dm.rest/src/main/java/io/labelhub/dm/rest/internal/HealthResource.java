package io.labelhub.dm.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.service.UserService;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.rest.internal.Dtos.HealthDto;

/**
 * {@code GET /api/health}, without authentication: 200 once the database is migrated and reachable and the core
 * services are up, 503 before. Load balancers and tests poll it.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    // optional and dynamic, so that health answers 503 while the rest is still coming up
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StorageInfo storage;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile UserService users;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProjectService projects;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TaskService tasks;

    @GET
    public Response health() {
        StorageInfo info = storage;
        if (info == null) {
            return unavailable(new HealthDto("starting", "the database is not ready yet", null, null));
        }
        if (!info.isReachable()) {
            return unavailable(new HealthDto("unavailable", "the database does not answer", info.databaseProduct(),
                    info.schemaVersion()));
        }
        if (users == null || projects == null || tasks == null) {
            return unavailable(new HealthDto("starting", "the core services are not ready yet",
                    info.databaseProduct(), info.schemaVersion()));
        }
        return Response.ok(new HealthDto("ok", null, info.databaseProduct(), info.schemaVersion())).build();
    }

    private static Response unavailable(HealthDto health) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(health).build();
    }
}
