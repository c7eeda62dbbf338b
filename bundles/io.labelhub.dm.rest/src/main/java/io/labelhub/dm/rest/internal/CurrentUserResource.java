package io.labelhub.dm.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.service.UserService;
import io.labelhub.dm.rest.internal.Dtos.TokenDto;
import io.labelhub.dm.rest.internal.Dtos.UserDto;

/** The signed-in user and their API token. */
@Component(service = CurrentUserResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("current-user")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentUserResource {

    private final UserService users;

    @Activate
    public CurrentUserResource(@Reference UserService users) {
        this.users = users;
    }

    @GET
    public UserDto get(@Context SecurityContext security) {
        return UserDto.of(Caller.of(security));
    }

    /** Creates a new token, which replaces the old one at once; the answer is the only time it is shown. */
    @POST
    @Path("token")
    public TokenDto rotateToken(@Context SecurityContext security) {
        return new TokenDto(users.rotateToken(Caller.of(security).id()));
    }
}
