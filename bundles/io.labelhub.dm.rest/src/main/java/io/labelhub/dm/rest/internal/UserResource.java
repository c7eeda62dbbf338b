package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
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
import io.labelhub.dm.api.UserPatch;
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

    /** The body of {@code PATCH /api/users/{id}}: only the fields given change. */
    record UserPatchBody(String firstName, String lastName, String role, Boolean active, String password,
                         String currentPassword) {
        UserPatch patch() {
            return new UserPatch(firstName, lastName, role == null ? null : Role.fromWireName(role), active, password,
                    currentPassword);
        }
    }

    private final UserService users;

    @Activate
    public UserResource(@Reference UserService users) {
        this.users = users;
    }

    /** Every user, for admins and for managers choosing their projects' members. */
    @GET
    public UserPage list(@Context SecurityContext security, @QueryParam("page") String page,
                         @QueryParam("page_size") String pageSize) {
        Caller.withRole(security, Role.MANAGER, "listing the users");
        Page<User> found = users.list(Paging.of(page, pageSize));
        return new UserPage(found.total(), found.items().stream().map(UserDto::of).toList());
    }

    /** A user: oneself, or anybody for an admin or manager. */
    @GET
    @Path("{id}")
    public UserDto get(@Context SecurityContext security, @PathParam("id") long id) {
        if (Caller.of(security).id() != id) {
            Caller.withRole(security, Role.MANAGER, "reading another user");
        }
        return UserDto.of(users.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, InputStream body) {
        Caller.withRole(security, Role.ADMIN, "creating a user");
        UserBody user = Bodies.read(body, UserBody.class);
        Role role = user.role() == null ? Role.ANNOTATOR : Role.fromWireName(user.role());
        User created = users.create(new NewUser(user.email(), user.password(), user.firstName(), user.lastName(),
                role));
        return Response.created(URI.create("users/" + created.id())).entity(UserDto.of(created)).build();
    }

    /**
     * An admin changes names, role and {@code active} of anybody; a user their own names and password (with
     * {@code current_password}).
     */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserDto update(@Context SecurityContext security, @PathParam("id") long id, InputStream body) {
        User caller = Caller.of(security);
        if (caller.id() != id) {
            Caller.withRole(security, Role.ADMIN, "changing another user");
        }
        return UserDto.of(users.update(id, Bodies.read(body, UserPatchBody.class).patch(), caller));
    }
}
