package io.labelhub.dm.api.spi;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * One registered extension with what decides among rivals: its name (the value of its naming service property),
 * its {@code service.ranking} (default 0) and its {@code service.id}.
 */
public record Extension<S>(String name, S service, int ranking, long serviceId) {

    /**
     * The rule, first wins: the higher {@code service.ranking}, then the lower {@code service.id} (the one
     * registered first). The same order as OSGi's own {@code ServiceReference.compareTo}, reversed.
     */
    public static final Comparator<Extension<?>> PRECEDENCE = Comparator
            .comparingInt((Extension<?> e) -> e.ranking()).reversed()
            .thenComparingLong(Extension::serviceId);

    public Extension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
    }

    /**
     * An extension from its service properties, as DS hands them to a bind method; {@code null} when the naming
     * property is missing or blank (such a service cannot be addressed, so it is not used).
     */
    public static <S> Extension<S> of(S service, Map<String, ?> properties, String nameProperty) {
        Object name = properties.get(nameProperty);
        if (!(name instanceof String text) || text.isBlank()) {
            return null;
        }
        int ranking = properties.get("service.ranking") instanceof Integer r ? r : 0;
        long id = properties.get("service.id") instanceof Long l ? l : Long.MAX_VALUE;
        return new Extension<>(text.strip(), service, ranking, id);
    }
}
