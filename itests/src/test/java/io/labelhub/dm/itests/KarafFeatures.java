package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Karaf's features service as it is registered at the moment of use, never one injected at the start of a test.
 * Karaf re-creates the service whenever the {@code mvn:} URL handler it tracks is registered again (late in boot,
 * when pax-url reads its configuration): an instance obtained before that has a terminated executor and rejects
 * every install with a {@link RejectedExecutionException} before doing anything, so a rejected call is safe to
 * make again on the current instance.
 */
final class KarafFeatures {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 3;

    @FunctionalInterface
    interface Call<T> {
        T on(FeaturesService features) throws Exception;
    }

    @FunctionalInterface
    interface Change {
        void on(FeaturesService features) throws Exception;
    }

    private final BundleContext context;

    KarafFeatures(BundleContext context) {
        this.context = context;
    }

    <T> T get(Call<T> call) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                return call.on(current());
            } catch (RejectedExecutionException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    void run(Change change) throws Exception {
        get(features -> {
            change.on(features);
            return null;
        });
    }

    /** Waits until the boot features are installed, then takes the service registered now. */
    private FeaturesService current() {
        return await().atMost(WAIT).until(() -> {
            if (context.getServiceReference(BootFinished.class) == null) {
                return null;
            }
            ServiceReference<FeaturesService> reference = context.getServiceReference(FeaturesService.class);
            return reference == null ? null : context.getService(reference);
        }, features -> features != null);
    }
}
