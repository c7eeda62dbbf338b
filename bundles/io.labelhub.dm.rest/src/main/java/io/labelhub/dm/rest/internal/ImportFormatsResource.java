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

import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.rest.internal.Dtos.ImportFormatDto;
import io.labelhub.dm.rest.internal.Dtos.ImportFormatList;

/** The installed import and archive formats; they change as format bundles come and go. */
@Component(service = ImportFormatsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("import-formats")
@Produces(MediaType.APPLICATION_JSON)
public class ImportFormatsResource {

    private final ImportService imports;

    @Activate
    public ImportFormatsResource(@Reference ImportService imports) {
        this.imports = imports;
    }

    @GET
    public ImportFormatList formats() {
        return new ImportFormatList(imports.formats().stream().map(ImportFormatDto::of).toList());
    }
}
