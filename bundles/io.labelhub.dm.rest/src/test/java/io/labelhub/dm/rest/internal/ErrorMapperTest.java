package io.labelhub.dm.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.ThrottledException;
import io.labelhub.dm.rest.internal.Dtos.ErrorDto;

class ErrorMapperTest {

    /** As storage throws it for a lock waited for in vain (its unit tests say which database errors are these). */
    private static final String BUSY_DETAIL = "the database is busy with a long write, such as an import or a bulk "
            + "action, and this request waited for it in vain and was rolled back; try again shortly";

    private final ErrorMapper mapper = new ErrorMapper();

    /** Wrapped as EclipseLink wraps what the driver throws; storage hands such failures on as BUSY or a bug. */
    private static RuntimeException wrapped(String sqlState) {
        SQLException driver = new SQLException("A lock could not be obtained within the time requested", sqlState);
        return new IllegalStateException("javax.persistence.PersistenceException",
                new RuntimeException("Internal Exception: " + driver, driver));
    }

    @Test
    void aBusyRequestIsA503WithRetryAfter() {
        Response response = mapper.toResponse(new DmException(DmException.Kind.BUSY, "busy", BUSY_DETAIL));

        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
        ErrorDto body = (ErrorDto) response.getEntity();
        assertEquals("busy", body.error());
        assertTrue(body.detail().toString().contains("try again"), body.detail().toString());
        assertEquals(BUSY_DETAIL, body.detail());
        assertNull(body.errorId());
    }

    @Test
    void anyOtherDatabaseErrorIsStillABugWithAnId() {
        Response response = mapper.toResponse(wrapped("42X05"));

        assertEquals(500, response.getStatus());
        assertNull(response.getHeaderString(HttpHeaders.RETRY_AFTER));
        ErrorDto body = (ErrorDto) response.getEntity();
        assertEquals("internal error", body.error());
        assertNotNull(body.errorId());
    }

    @Test
    void anImportAlreadyRunningInTheSameProjectStaysAConflict() {
        Response response = mapper.toResponse(new ConflictException("import in progress", "another import"));

        assertEquals(409, response.getStatus());
        assertEquals("import in progress", ((ErrorDto) response.getEntity()).error());
    }

    @Test
    void throttledSignInsAre429WithTheWaitInRetryAfter() {
        Response response = mapper.toResponse(new ThrottledException("too many failed sign-ins", "try again in 8 s",
                8));
        assertEquals(429, response.getStatus());
        assertEquals("8", response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void onlyClientsThatDidNotSayTheyAreScriptsAreInvitedToBasic() {
        assertEquals("Basic realm=\"LabelHub\"", mapper.toResponse(new AuthenticationFilter.Unauthorized(true))
                .getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        Response scripted = mapper.toResponse(new AuthenticationFilter.Unauthorized(false));
        assertEquals(401, scripted.getStatus());
        assertEquals("Token realm=\"LabelHub\"", scripted.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void anUploadTheClientBrokeOffIsItsMistakeNotABug() {
        Response response = mapper.toResponse(new IllegalStateException("multipart",
                new java.io.EOFException("Early EOF")));
        assertEquals(400, response.getStatus());
        assertNull(((ErrorDto) response.getEntity()).errorId());
    }
}
