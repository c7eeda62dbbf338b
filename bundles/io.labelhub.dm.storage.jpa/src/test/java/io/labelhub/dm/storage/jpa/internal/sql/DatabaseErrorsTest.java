package io.labelhub.dm.storage.jpa.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.DmException;

class DatabaseErrorsTest {

    private static SQLException driver(String sqlState) {
        return new SQLException("A lock could not be obtained within the time requested", sqlState);
    }

    /** Wrapped as EclipseLink wraps what the driver throws. */
    private static RuntimeException wrapped(String sqlState) {
        SQLException driver = driver(sqlState);
        return new IllegalStateException("javax.persistence.PersistenceException",
                new RuntimeException("Internal Exception: " + driver, driver));
    }

    private static void assertBusy(RuntimeException translated, Throwable original) {
        DmException busy = assertInstanceOf(DmException.class, translated);
        assertEquals(DmException.Kind.BUSY, busy.kind());
        assertEquals(503, busy.kind().status());
        assertEquals("busy", busy.error());
        assertTrue(busy.detail().toString().contains("try again"), busy.detail().toString());
        assertSame(original, busy.getCause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"40XL1", "40XL2", "40001", "55P03", "40P01"})
    void aStatementThatWaitedForAnotherTransactionInVainIsBusy(String sqlState) {
        RuntimeException jpa = wrapped(sqlState);
        assertBusy(DatabaseErrors.translate(jpa), jpa);
        SQLException jdbc = driver(sqlState);
        assertBusy(DatabaseErrors.translate(jdbc, "cannot read the tasks of project 1"), jdbc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "28P01", "28000", "3D000", "57P01", "XJ040"})
    void aDatabaseThatIsDownOrRefusesUsIsUnavailableWithA503(String sqlState) {
        SQLException driver = new SQLException("Connection refused", sqlState);
        SQLException pool = new SQLException("Cannot get a connection, general error", driver);
        DmException down = assertInstanceOf(DmException.class, DatabaseErrors.translate(pool, "cannot read"));
        assertEquals(503, down.kind().status());
        assertEquals("database unavailable", down.error());
        assertTrue(down.detail().toString().contains("nothing of this request was stored"), down.detail().toString());
        RuntimeException jpa = new RuntimeException("Internal Exception", pool);
        assertEquals("database unavailable",
                assertInstanceOf(DmException.class, DatabaseErrors.translate(jpa)).error());
    }

    @Test
    void aPoolWithNoFreeConnectionIsBusy() {
        SQLException full = new SQLException("Cannot get a connection, pool error Timeout waiting for idle object",
                new java.util.NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT10S"));
        DmException busy = assertInstanceOf(DmException.class, DatabaseErrors.translate(full, "cannot read"));
        assertEquals(503, busy.kind().status());
        assertTrue(busy.detail().toString().contains("DM_DB_POOL_SIZE"), busy.detail().toString());
    }

    @Test
    void aBusyStatementInAFailedBatchIsFoundInTheChain() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "XJ208", new int[0]);
        batch.setNextException(driver("40XL1"));
        assertBusy(DatabaseErrors.translate(batch, "import failed writing to the database"), batch);
    }

    @Test
    void anyOtherDatabaseErrorIsNotBusy() {
        RuntimeException jpa = wrapped("42X05");
        assertSame(jpa, DatabaseErrors.translate(jpa));

        SQLException jdbc = driver("42X05");
        RuntimeException translated = DatabaseErrors.translate(jdbc, "cannot read the tasks of project 1");
        assertInstanceOf(IllegalStateException.class, translated);
        assertEquals("cannot read the tasks of project 1", translated.getMessage());
        assertSame(jdbc, translated.getCause());
    }

    @Test
    void errorsOfAKindAlreadyPassAsTheyAre() {
        ConflictException conflict = new ConflictException("import in progress", "another import");
        assertSame(conflict, DatabaseErrors.translate(conflict));
        assertSame(conflict, DatabaseErrors.translate((Throwable) conflict, "cannot start an import"));
    }

    @Test
    void onlyALockWaitedForInVainIsALockTimeout() {
        assertTrue(DatabaseErrors.isLockTimeout(driver("40XL1")));
        assertTrue(DatabaseErrors.isLockTimeout(driver("55P03")));
        assertFalse(DatabaseErrors.isLockTimeout(driver("40001")));
        assertFalse(DatabaseErrors.isLockTimeout(driver("40P01")));
    }
}
