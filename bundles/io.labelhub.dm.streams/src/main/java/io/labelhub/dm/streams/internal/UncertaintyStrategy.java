package io.labelhub.dm.streams.internal;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.stream.SamplingStrategy;

/**
 * Active learning: the tasks the model is least sure of first, by the best score of their predictions, lowest
 * first; tasks without a prediction come last.
 */
@Component(property = SamplingStrategy.PROPERTY + "=uncertainty")
public class UncertaintyStrategy implements SamplingStrategy {

    @Override
    public String description() {
        return "lowest best prediction score first (active learning); tasks without predictions last";
    }

    @Override
    public Order order() {
        return Order.LOWEST_PREDICTION_SCORE;
    }
}
