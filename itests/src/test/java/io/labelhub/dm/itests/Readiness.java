package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.BaseDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedExtensionDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

import io.labelhub.dm.itests.Api.Reply;

/**
 * Waits, once per test class (the container is booted once per class), until health says ok and the admin can
 * use the given endpoint: JAX-RS whiteboard resources register asynchronously. A class whose container never
 * became ready fails fast on every later test instead of waiting again. Runs inside the container, so when the
 * wait runs out it says why: the last answers, our components that are not active, what the JAX-RS whiteboard
 * refused, and the last warnings and errors of the log.
 */
final class Readiness {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private Boolean ready;

    void awaitReady(Api anonymous, Api admin, String endpoint) {
        if (ready == null) {
            ready = false;
            AtomicReference<String> last = new AtomicReference<>("no answer yet");
            try {
                // while the web container starts, a request can get an HTML error page instead of JSON: try again
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                    last.set("GET health: no answer");
                    Reply health = anonymous.get("health");
                    last.set("GET health: " + health.status() + " " + health.raw());
                    if (health.status() != 200) {
                        return false;
                    }
                    last.set("GET " + endpoint + " as the admin: no answer");
                    Reply used = admin.get(endpoint);
                    last.set("GET " + endpoint + " as the admin: " + used.status() + " " + used.raw());
                    return used.status() == 200;
                });
            } catch (ConditionTimeoutException e) {
                // no cause: Pax Exam reports the innermost exception of an in-container failure, not this message
                throw new AssertionError("the distribution did not become ready within " + WAIT.toSeconds()
                        + " s; last: " + last.get() + inactiveComponents() + refusedByJaxrs()
                        + KarafLog.problems(Path.of(System.getProperty("karaf.data"), "log", "karaf.log")));
            }
            ready = true;
        }
        assertTrue("the distribution did not become ready", ready);
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(Readiness.class).getBundleContext();
    }

    /** Our DS components that are neither active nor satisfied, with what they miss or how they failed. */
    private static String inactiveComponents() {
        BundleContext context = context();
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(
                ServiceComponentRuntime.class);
        if (reference == null) {
            return "\n  (no ServiceComponentRuntime)";
        }
        ServiceComponentRuntime runtime = context.getService(reference);
        StringBuilder text = new StringBuilder();
        try {
            for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
                if (!description.bundle.symbolicName.startsWith("io.labelhub")) {
                    continue;
                }
                var configurations = runtime.getComponentConfigurationDTOs(description);
                if (configurations.isEmpty()) {
                    text.append("\n    ").append(description.name).append(": no configuration, enabled=")
                            .append(runtime.isComponentEnabled(description));
                }
                for (ComponentConfigurationDTO configuration : configurations) {
                    if (configuration.state == ComponentConfigurationDTO.ACTIVE
                            || configuration.state == ComponentConfigurationDTO.SATISFIED) {
                        continue;
                    }
                    text.append("\n    ").append(description.name).append(": state ").append(configuration.state);
                    for (UnsatisfiedReferenceDTO missing : configuration.unsatisfiedReferences) {
                        text.append(", misses ").append(missing.name).append(' ').append(missing.target);
                    }
                    if (configuration.failure != null) {
                        text.append(", failed: ").append(configuration.failure.lines().findFirst().orElse(""));
                    }
                }
            }
        } finally {
            context.ungetService(reference);
        }
        return text.length() == 0 ? "\n  (every LabelHub component is active or satisfied)"
                : "\n  LabelHub components not active:" + text;
    }

    /** What the JAX-RS whiteboard refused to serve, with its reason codes (FAILURE_REASON_* of DTOConstants). */
    private static String refusedByJaxrs() {
        BundleContext context = context();
        ServiceReference<JaxrsServiceRuntime> reference = context.getServiceReference(JaxrsServiceRuntime.class);
        if (reference == null) {
            return "\n  (no JaxrsServiceRuntime)";
        }
        try {
            RuntimeDTO runtime = context.getService(reference).getRuntimeDTO();
            StringBuilder text = new StringBuilder();
            for (FailedApplicationDTO failed : runtime.failedApplicationDTOs) {
                text.append(refused("application", failed, failed.failureReason));
            }
            for (FailedResourceDTO failed : runtime.failedResourceDTOs) {
                text.append(refused("resource", failed, failed.failureReason));
            }
            for (FailedExtensionDTO failed : runtime.failedExtensionDTOs) {
                text.append(refused("extension", failed, failed.failureReason));
            }
            return text.length() == 0 ? "\n  (the JAX-RS whiteboard refused nothing)"
                    : "\n  refused by the JAX-RS whiteboard:" + text;
        } finally {
            context.ungetService(reference);
        }
    }

    private static String refused(String kind, BaseDTO failed, int reason) {
        return "\n    " + kind + " " + failed.name + " (service " + failed.serviceId + "): reason " + reason;
    }
}
