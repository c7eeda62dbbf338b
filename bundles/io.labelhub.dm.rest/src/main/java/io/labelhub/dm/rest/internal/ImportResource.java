package io.labelhub.dm.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.MultipartStream;
import org.apache.commons.fileupload.UploadContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.rest.internal.Dtos.ImportResultDto;

/**
 * Imports into a project, all or nothing: a JSON body (one task or a list), or uploaded files of any installed
 * format. Bodies are handed to the import service as streams; it reads and limits them.
 */
@Component(service = ImportResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;
    private final MemberService members;

    @Activate
    public ImportResource(@Reference ImportService imports, @Reference MemberService members) {
        this.imports = imports;
        this.members = members;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importJson(@Context SecurityContext security, @PathParam("id") long projectId,
                               @QueryParam("unknown_authors") String unknownAuthors,
                               @QueryParam("strict") String strict, InputStream body) {
        User importer = Access.project(security, members, projectId, Role.MANAGER).user();
        return created(projectId, imports.importJson(projectId, body, importer, options(unknownAuthors, strict)));
    }

    /** {@code unknown_authors=refuse} (the default), {@code importer} or {@code create}; {@code strict=false}. */
    static ImportService.Options options(String unknownAuthors, String strict) {
        boolean strictResults = strict == null || strict.isEmpty() || Params.flag("strict", strict);
        if (unknownAuthors == null || unknownAuthors.isEmpty()) {
            return new ImportService.Options(ImportService.UnknownAuthors.REFUSE, strictResults);
        }
        for (ImportService.UnknownAuthors choice : ImportService.UnknownAuthors.values()) {
            if (choice.wireName().equals(unknownAuthors)) {
                return new ImportService.Options(choice, strictResults);
            }
        }
        throw new ValidationException("invalid unknown_authors", "unknown_authors must be refuse, importer or "
                + "create, was '" + unknownAuthors + "'");
    }

    /**
     * Files uploaded as {@code multipart/form-data}, read as a stream (Commons FileUpload): each part goes to the
     * importer as it arrives, and an upload that ends before its closing boundary — a body cut short — fails the whole
     * import instead of importing the cut-off last part.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFiles(@Context SecurityContext security, @PathParam("id") long projectId,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @QueryParam("unknown_authors") String unknownAuthors,
                               @QueryParam("strict") String strict, InputStream body) {
        User importer = Access.project(security, members, projectId, Role.MANAGER).user();
        ImportService.Options options = options(unknownAuthors, strict);
        FileItemIterator parts;
        try {
            parts = new FileUpload().getItemIterator(new MultipartBody(contentType, body));
        } catch (FileUploadException | IOException e) {
            throw new ValidationException("invalid upload", "the multipart body cannot be read: " + e.getMessage());
        }
        return created(projectId, imports.importFiles(projectId, new Uploads(parts), importer, options));
    }

    /** The parts of the upload as the import service takes them; a broken body surfaces as UncheckedIOException. */
    private record Uploads(FileItemIterator parts) implements Iterator<ImportService.Upload> {

        @Override
        public boolean hasNext() {
            try {
                return parts.hasNext();
            } catch (FileUploadException e) {
                throw new UncheckedIOException(new IOException("the upload is not a complete multipart body ("
                        + e.getMessage() + ")", e));
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException("the upload ended before its closing boundary ("
                        + e.getMessage() + ")", e));
            }
        }

        @Override
        public ImportService.Upload next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                FileItemStream part = parts.next();
                if (part.isFormField() || part.getName() == null || part.getName().isBlank()) {
                    throw new ValidationException("invalid upload", "every part must be a file with a filename "
                            + "(form field '" + part.getFieldName() + "')");
                }
                return new ImportService.Upload(part.getName(), new CutShort(part.openStream()));
            } catch (FileUploadException | IOException e) {
                throw new UncheckedIOException(new IOException("the upload ended before its closing boundary ("
                        + e.getMessage() + ")", e));
            }
        }
    }

    /** A part's bytes; a body that ends inside the part says so in words a user understands. */
    private static final class CutShort extends FilterInputStream {

        CutShort(InputStream part) {
            super(part);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (MultipartStream.MalformedStreamException e) {
                throw cut(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (MultipartStream.MalformedStreamException e) {
                throw cut(e);
            }
        }

        private static IOException cut(IOException e) {
            return new IOException("the upload ended before its closing boundary (" + e.getMessage() + ")", e);
        }
    }

    /** The request as Commons FileUpload reads it: its content type (with the boundary) and its body. */
    private record MultipartBody(String contentType, InputStream body) implements UploadContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return -1;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }
    }

    private static Response created(long projectId, ImportService.Result result) {
        return Response.created(URI.create("projects/" + projectId + "/tasks")).entity(ImportResultDto.of(result))
                .build();
    }
}
