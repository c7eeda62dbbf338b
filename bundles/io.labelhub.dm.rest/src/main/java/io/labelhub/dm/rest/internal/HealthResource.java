package io.labelhub.dm.rest.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.service.UserService;
import io.labelhub.dm.api.storage.ServerIdentity;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.rest.internal.Dtos.HealthDto;

/**
 * {@code GET /api/health}, without authentication: 200 once the server can serve a signed-in user — the database
 * migrated and reachable, every component of the core and REST bundles up (the first admin is created by one of
 * them, once Configuration Admin has delivered its settings), and every resource of the API served by the JAX-RS
 * whiteboard, which registers them asynchronously — 503 before, naming what it waits for. Load balancers and
 * tests poll it.
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
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServerIdentity server;

    /** The bundles whose components must all be up before the API is; plugins are not among them. */
    static final Set<String> REQUIRED_BUNDLES = Set.of("io.labelhub.dm.core", "io.labelhub.dm.streams",
            "io.labelhub.dm.review", "io.labelhub.dm.gt", "io.labelhub.dm.rest");

    /** How often health reads the whiteboard's runtime DTO before it takes it as still changing. */
    static final int DTO_ATTEMPTS = 3;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime components;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JaxrsServiceRuntime whiteboard;
    private volatile BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

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
        List<String> waiting = waitingFor();
        if (!waiting.isEmpty()) {
            return unavailable(new HealthDto("starting", "waiting for " + String.join(", ", waiting),
                    info.databaseProduct(), info.schemaVersion()));
        }
        ServerIdentity identity = server;
        return Response.ok(new HealthDto("ok", null, info.databaseProduct(), info.schemaVersion(),
                identity == null ? null : identity.id())).build();
    }

    /** The components not yet up and the API's resources not yet served; empty once everything is there. */
    private List<String> waitingFor() {
        ServiceComponentRuntime scr = components;
        JaxrsServiceRuntime runtime = whiteboard;
        BundleContext bundleContext = context;
        if (scr == null || runtime == null || bundleContext == null) {
            return List.of("the component and JAX-RS runtimes");
        }
        List<String> waiting = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            if (!REQUIRED_BUNDLES.contains(bundle.getSymbolicName())) {
                continue;
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                boolean up = scr.getComponentConfigurationDTOs(description).stream().anyMatch(c -> c.state
                        == ComponentConfigurationDTO.ACTIVE || !description.immediate
                        && c.state == ComponentConfigurationDTO.SATISFIED);
                if (!up) {
                    waiting.add(description.name.substring(description.name.lastIndexOf('.') + 1));
                }
            }
        }
        ApplicationDTO[] applications = applications(runtime);
        if (applications == null) {
            waiting.add("the JAX-RS whiteboard, still registering resources");
            return waiting;
        }
        Set<Long> served = new HashSet<>();
        for (ApplicationDTO application : applications) {
            if (DmApplication.NAME.equals(application.name)) {
                Arrays.stream(application.resourceDTOs).forEach(r -> served.add(r.serviceId));
            }
        }
        try {
            ServiceReference<?>[] resources = bundleContext.getAllServiceReferences(null,
                    "(osgi.jaxrs.resource=true)");
            for (ServiceReference<?> resource : resources == null ? new ServiceReference<?>[0] : resources) {
                if (resource.getBundle() != null && REQUIRED_BUNDLES.contains(resource.getBundle().getSymbolicName())
                        && !served.contains((Long) resource.getProperty(Constants.SERVICE_ID))) {
                    waiting.add("resource " + resource.getProperty("component.name"));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the resource filter is constant and valid", e);
        }
        return waiting;
    }

    /**
     * The whiteboard's applications, or null while it keeps changing them: Aries builds its runtime DTO from lists
     * that its registrations change meanwhile, so a health check during boot could meet a
     * ConcurrentModificationException (an "Unexpected error" 500 and an ERROR in the log). A few tries, then the
     * caller answers "starting" like for anything else not yet up.
     */
    static ApplicationDTO[] applications(JaxrsServiceRuntime runtime) {
        for (int attempt = 0; attempt < DTO_ATTEMPTS; attempt++) {
            try {
                return runtime.getRuntimeDTO().applicationDTOs;
            } catch (ConcurrentModificationException changing) {
                Thread.onSpinWait();
            }
        }
        return null;
    }

    private static Response unavailable(HealthDto health) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(health).build();
    }
}
