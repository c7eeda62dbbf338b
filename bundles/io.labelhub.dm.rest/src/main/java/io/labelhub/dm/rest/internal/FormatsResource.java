package io.labelhub.dm.rest.internal;

import java.util.Map;

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
import io.labelhub.dm.api.service.ImportService;

/** The installed import and export formats; they change as format bundles come and go. */
@Component(service = FormatsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class FormatsResource {

    private final ImportService imports;
    private final ExportService exports;

    @Activate
    public FormatsResource(@Reference ImportService imports, @Reference ExportService exports) {
        this.imports = imports;
        this.exports = exports;
    }

    @GET
    @Path("import-formats")
    public Map<String, Object> importFormats() {
        return Map.of("formats", imports.formats());
    }

    @GET
    @Path("export-formats")
    public Map<String, Object> exportFormats() {
        return Map.of("formats", exports.formats());
    }
}
