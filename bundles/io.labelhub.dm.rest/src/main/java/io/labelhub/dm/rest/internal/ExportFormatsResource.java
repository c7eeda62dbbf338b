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

import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.rest.internal.Dtos.ExportFormatDto;
import io.labelhub.dm.rest.internal.Dtos.ExportFormatList;

/** The installed export formats; they change as format bundles come and go. */
@Component(service = ExportFormatsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("export-formats")
@Produces(MediaType.APPLICATION_JSON)
public class ExportFormatsResource {

    private final ExportService exports;

    @Activate
    public ExportFormatsResource(@Reference ExportService exports) {
        this.exports = exports;
    }

    @GET
    public ExportFormatList formats() {
        return new ExportFormatList(exports.formats().stream().map(ExportFormatDto::of).toList());
    }
}
