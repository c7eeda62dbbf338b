package io.labelhub.dm.rest.internal;

import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.api.service.MemberService;

/**
 * Downloads a project's tasks in an installed export format. The export is written whole to a temporary file
 * before the first byte goes out (see {@link SpooledDownload}), so a failure is an error response, never a 200
 * cut short.
 */
@Component(service = ExportResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/export")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    private final ExportService exports;
    private final DataManagerService dm;
    private final MemberService members;

    @Activate
    public ExportResource(@Reference ExportService exports, @Reference DataManagerService dm,
                          @Reference MemberService members) {
        this.exports = exports;
        this.dm = dm;
        this.members = members;
        SpooledDownload.deleteLeftovers();
    }

    @GET
    @Produces(MediaType.WILDCARD)
    public Response export(@Context SecurityContext security, @PathParam("id") long projectId,
                           @QueryParam("exportType") String type,
                           @QueryParam("download_all_tasks") String all,
                           @QueryParam("include_full_task") String full,
                           @QueryParam("only_ground_truth") String onlyGroundTruth,
                           @QueryParam("ids") String ids, @QueryParam("filters") String filters,
                           @QueryParam("selection") String selection, @QueryParam("shape") String shape) {
        Access.project(security, members, projectId, Role.MANAGER);
        if (shape != null && !shape.isEmpty() && !"label-studio".equals(shape) && !"2020".equals(shape)) {
            throw new ValidationException("invalid shape", "shape must be label-studio (Label Studio 1.x, the "
                    + "default) or 2020 (completions, for older tools), was '" + shape + "'");
        }
        ExportService.Prepared prepared = exports.prepare(projectId, new ExportService.Request(type,
                Params.flag("download_all_tasks", all), Params.flag("include_full_task", full),
                Params.flag("only_ground_truth", onlyGroundTruth), selection(ids, filters, selection),
                "2020".equals(shape)));
        SpooledDownload.Spooled download = SpooledDownload.of(prepared::writeTo);
        // text says its charset; JSON is UTF-8 by definition, and archives have none
        return Response.ok(download.body(), prepared.mediaType() + (prepared.mediaType().startsWith("text/")
                        ? "; charset=utf-8" : ""))
                .header(HttpHeaders.CONTENT_LENGTH, download.length())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + prepared.fileName() + "\"")
                .build();
    }

    /**
     * What an export reads: {@code ids=1,2}, the Data Manager's current {@code filters}, or a {@code selection} as
     * bulk actions take it (at most one of them); null: the whole project. The Data Manager reads filters and
     * selections, so they mean here what they mean in the table.
     */
    private TaskSelection selection(String ids, String filters, String selection) {
        int given = (ids == null || ids.isBlank() ? 0 : 1) + (filters == null || filters.isBlank() ? 0 : 1)
                + (selection == null || selection.isBlank() ? 0 : 1);
        if (given > 1) {
            throw new ValidationException("invalid export", "give at most one of ids, filters and selection");
        }
        if (ids != null && !ids.isBlank()) {
            return TaskSelection.ofIds(Params.ids("ids", ids));
        }
        if (filters != null && !filters.isBlank()) {
            return TaskSelection.matching(dm.parseFilter(Params.json("filters", filters)));
        }
        if (selection != null && !selection.isBlank()) {
            if (!(Params.json("selection", selection) instanceof Map<?, ?> map)) {
                throw new ValidationException("invalid selection", "selection must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) map;
            return dm.parseSelection(tree);
        }
        return null;
    }
}
