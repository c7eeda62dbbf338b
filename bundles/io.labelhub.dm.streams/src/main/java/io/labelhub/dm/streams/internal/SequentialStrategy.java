package io.labelhub.dm.streams.internal;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.stream.SamplingStrategy;

/** Tasks by id, oldest first: the order they were imported in. */
@Component(property = SamplingStrategy.PROPERTY + "=sequential")
public class SequentialStrategy implements SamplingStrategy {

    @Override
    public String description() {
        return "tasks in the order they were imported (by id)";
    }

    @Override
    public Order order() {
        return Order.ID;
    }
}
