package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

/**
 * Waits, once per test class (the container is booted once per class), until health says ok and the admin can
 * use the given endpoint: JAX-RS whiteboard resources register asynchronously. A class whose container never
 * became ready fails fast on every later test instead of waiting again.
 */
final class Readiness {

    private Boolean ready;

    void awaitReady(Api anonymous, Api admin, String endpoint) {
        if (ready == null) {
            ready = false;
            // while the web container starts, a request can get an HTML error page instead of JSON: try again
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> anonymous.healthStatus() == 200 && admin.get(endpoint).status() == 200);
            ready = true;
        }
        assertTrue("the distribution did not become ready", ready);
    }
}
