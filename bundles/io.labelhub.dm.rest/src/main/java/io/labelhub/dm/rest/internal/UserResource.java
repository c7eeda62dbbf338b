package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.NewUser;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.UserService;
import io.labelhub.dm.rest.internal.Dtos.UserDto;
import io.labelhub.dm.rest.internal.Dtos.UserPage;

/** The users: every signed-in user may list and read them; only an admin creates them. */
@Component(service = UserResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    /** The body of {@code POST /api/users}. */
    record UserBody(String email, String password, String firstName, String lastName, String role) {
    }

    private final UserService users;

    @Activate
    public UserResource(@Reference UserService users) {
        this.users = users;
    }

    @GET
    public UserPage list(@Context SecurityContext security, @QueryParam("page") String page,
                         @QueryParam("page_size") String pageSize) {
        Caller.of(security);
        Page<User> found = users.list(Paging.of(page, pageSize));
        return new UserPage(found.total(), found.items().stream().map(UserDto::of).toList());
    }

    @GET
    @Path("{id}")
    public UserDto get(@Context SecurityContext security, @PathParam("id") long id) {
        Caller.of(security);
        return UserDto.of(users.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, InputStream body) {
        Caller.admin(security);
        UserBody user = Bodies.read(body, UserBody.class);
        Role role = user.role() == null ? Role.ANNOTATOR : Role.fromWireName(user.role());
        User created = users.create(new NewUser(user.email(), user.password(), user.firstName(), user.lastName(),
                role));
        return Response.created(URI.create("users/" + created.id())).entity(UserDto.of(created)).build();
    }
}
