package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
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

import io.labelhub.dm.api.Member;
import io.labelhub.dm.api.MemberChange;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.rest.internal.Dtos.MemberDto;
import io.labelhub.dm.rest.internal.Dtos.MemberList;

/** Who works on a project and in which role; its managers (and admins) decide. */
@Component(service = MemberResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    /** {@code {"user": 5, "role": "annotator"}}; without a role the user's own one. */
    record MemberBody(Long user, String role) {
        long userId() {
            if (user == null) {
                throw new ValidationException("invalid member", "user (the id of a user) is required");
            }
            return user;
        }
    }

    private final MemberService members;

    @Activate
    public MemberResource(@Reference MemberService members) {
        this.members = members;
    }

    @GET
    public MemberList list(@Context SecurityContext security, @PathParam("id") long projectId) {
        Access.project(security, members, projectId, Role.MANAGER);
        var list = members.list(projectId).stream().map(MemberDto::of).toList();
        return new MemberList(list.size(), list);
    }

    /** Adds a member (201) or changes a member's role (200). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@Context SecurityContext security, @PathParam("id") long projectId, InputStream body) {
        Access.project(security, members, projectId, Role.MANAGER);
        MemberBody member = Bodies.read(body, MemberBody.class);
        MemberChange change = members.put(projectId, member.userId(),
                member.role() == null ? null : Role.fromWireName(member.role()));
        Member stored = change.member();
        return (change.added() ? Response.created(URI.create("projects/" + projectId + "/members/"
                + stored.user().id())) : Response.ok()).entity(MemberDto.of(stored)).build();
    }

    @DELETE
    @Path("{user}")
    public Response remove(@Context SecurityContext security, @PathParam("id") long projectId,
                           @PathParam("user") long userId) {
        Access.project(security, members, projectId, Role.MANAGER);
        members.remove(projectId, userId);
        return Response.noContent().build();
    }

    /** The same with the user in a body, {@code {"user": 5}}, as some clients send it. */
    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    public Response removeNamed(@Context SecurityContext security, @PathParam("id") long projectId,
                                InputStream body) {
        Access.project(security, members, projectId, Role.MANAGER);
        members.remove(projectId, Bodies.read(body, MemberBody.class).userId());
        return Response.noContent().build();
    }
}
