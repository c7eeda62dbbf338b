package io.labelhub.dm.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.rest.internal.Dtos.ErrorDto;

class ErrorMapperTest {

    private final ErrorMapper mapper = new ErrorMapper();

    /** Wrapped as EclipseLink and our JDBC stores wrap what the driver throws. */
    private static RuntimeException wrapped(String sqlState) {
        SQLException driver = new SQLException("A lock could not be obtained within the time requested", sqlState);
        return new IllegalStateException("javax.persistence.PersistenceException",
                new RuntimeException("Internal Exception: " + driver, driver));
    }

    @ParameterizedTest
    @ValueSource(strings = {"40XL1", "40XL2", "40001", "55P03", "40P01"})
    void aRequestThatWaitedForALockInVainIsA503WithRetryAfter(String sqlState) {
        Response response = mapper.toResponse(wrapped(sqlState));

        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        ErrorDto body = (ErrorDto) response.getEntity();
        assertEquals("busy", body.error());
        assertTrue(body.detail().toString().contains("try again"), body.detail().toString());
        assertNull(body.errorId());
    }

    @Test
    void aBusyErrorOfStorageIsA503WithRetryAfter() {
        Response response = mapper.toResponse(new io.labelhub.dm.api.DmException(
                io.labelhub.dm.api.DmException.Kind.BUSY, "busy", "waited in vain; try again shortly"));

        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertEquals("busy", ((ErrorDto) response.getEntity()).error());
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
}
