package io.labelhub.dm.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.ValidationException;

class ParamsTest {

    private static ValidationException refused(Runnable action) {
        return assertThrows(ValidationException.class, action::run);
    }

    @Test
    void jsonParametersArePlainMapsAndListsAndBadOnesAreNamed() {
        assertEquals(Map.of("conjunction", "and", "items", List.of()),
                Params.json("filters", "{\"conjunction\":\"and\",\"items\":[]}"));
        assertNull(Params.json("filters", " "));
        ValidationException bad = refused(() -> Params.json("filters", "{\"items\": ["));
        assertEquals("invalid filters", bad.error());
        assertTrue(String.valueOf(bad.detail()).startsWith("filters is not valid JSON"), bad.detail().toString());
    }

    @Test
    void namesComeAsTextOrAsAList() {
        assertEquals(List.of("-completions", "id"), Params.names(" -completions , id"));
        assertNull(Params.names(""));
        assertEquals(List.of("id", "data.text"), Params.names(Mappers.JSON.valueToTree(List.of("id", "data.text")),
                "fields"));
        assertEquals(List.of("id"), Params.names(Mappers.JSON.valueToTree("id"), "fields"));
        assertTrue(String.valueOf(refused(() -> Params.names(Mappers.JSON.valueToTree(List.of(1)), "fields"))
                .detail()).contains("fields must hold names"));
        assertTrue(String.valueOf(refused(() -> Params.names(Mappers.JSON.valueToTree(Map.of()), "ordering"))
                .detail()).contains("ordering must be a list"));
    }

    @Test
    void flagsAreTrueOrFalseAndNothingElse() {
        assertTrue(Params.flag("x", "TRUE"));
        assertTrue(Params.flag("x", "1"));
        assertFalse(Params.flag("x", "no"));
        assertFalse(Params.flag("x", null));
        ValidationException bad = refused(() -> Params.flag("download_all_tasks", "maybe"));
        assertEquals("invalid download_all_tasks", bad.error());
        assertTrue(String.valueOf(bad.detail()).contains("'maybe'"));
    }

    @Test
    void idsAreWholeNumbersSeparatedByCommas() {
        assertEquals(List.of(1L, 2L, 30L), Params.ids("ids", "1, 2,30"));
        assertEquals(List.of(), Params.ids("ids", ""));
        assertTrue(String.valueOf(refused(() -> Params.ids("ids", "1,two")).detail()).contains("'two'"));
    }
}
