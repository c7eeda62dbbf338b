package io.labelhub.dm.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

class HealthResourceTest {

    /** A whiteboard whose runtime DTO fails as Aries's did during boot, the first {@code failures} times. */
    private static JaxrsServiceRuntime changing(int failures, RuntimeDTO dto, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw new ConcurrentModificationException();
            }
            return dto;
        };
    }

    private static RuntimeDTO dto() {
        RuntimeDTO dto = new RuntimeDTO();
        dto.applicationDTOs = new ApplicationDTO[] {new ApplicationDTO()};
        return dto;
    }

    @Test
    void aWhiteboardChangingMeanwhileIsReadAgain() {
        RuntimeDTO dto = dto();
        AtomicInteger calls = new AtomicInteger();
        assertSame(dto.applicationDTOs,
                HealthResource.applications(changing(HealthResource.DTO_ATTEMPTS - 1, dto, calls)));
        assertEquals(HealthResource.DTO_ATTEMPTS, calls.get());
    }

    @Test
    void aWhiteboardThatKeepsChangingIsTakenAsStillStartingNotAnError() {
        AtomicInteger calls = new AtomicInteger();
        assertNull(HealthResource.applications(changing(Integer.MAX_VALUE, dto(), calls)));
        assertEquals(HealthResource.DTO_ATTEMPTS, calls.get());
    }
}
