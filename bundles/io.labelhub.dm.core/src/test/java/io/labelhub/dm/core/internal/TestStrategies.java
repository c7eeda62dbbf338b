package io.labelhub.dm.core.internal;

import java.util.Map;

import io.labelhub.dm.api.stream.SamplingStrategy;

/** Installs sampling strategies by name, as the streams bundle's services would be. */
final class TestStrategies {

    private TestStrategies() {
    }

    static void install(DefaultProjectService projects, String... names) {
        for (String name : names) {
            projects.addStrategy(new SamplingStrategy() {
                @Override
                public String description() {
                    return name;
                }

                @Override
                public Order order() {
                    return Order.ID;
                }
            }, Map.of(SamplingStrategy.PROPERTY, name));
        }
    }
}
