package io.labelhub.dm.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.ValidationException;

class FailuresTest {

    @Test
    void aShortDetailFollowsTheErrorOnOneLine() {
        assertEquals("project not found: project 7 does not exist",
                Failures.toCommand(new NotFoundException("project", 7)).getMessage());
        assertEquals("nothing to import", Failures.describe("nothing to import", null));
    }

    @Test
    void listedProblemsGetALineEachAndTheTotalWhenSomeAreLeftOut() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("problems", List.of("a.csv, line 2: data.text is missing", "b.json, task 1: bad"));
        detail.put("total", 140);
        assertEquals("import refused: nothing was imported:\n  a.csv, line 2: data.text is missing\n"
                        + "  b.json, task 1: bad\n  (140 problems in all, the first 2 shown)",
                Failures.toCommand(new ValidationException("import refused: nothing was imported", detail))
                        .getMessage());

        detail.put("total", 2);
        assertFalse(Failures.describe("x", detail).contains("in all"));
        assertEquals("invalid user:\n  email 'x' is not an e-mail address\n  password must have at least 8 characters",
                Failures.describe("invalid user", List.of("email 'x' is not an e-mail address",
                        "password must have at least 8 characters")));
    }

    @Test
    void aBusyDatabaseReadsAsOneClearLine() {
        assertEquals(Failures.BUSY, Failures.toCommand(new DmException(DmException.Kind.BUSY, "busy", "x"))
                .getMessage());
    }
}
