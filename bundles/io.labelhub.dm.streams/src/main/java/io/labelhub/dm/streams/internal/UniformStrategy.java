package io.labelhub.dm.streams.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.stream.Candidate;
import io.labelhub.dm.api.stream.SamplingStrategy;

/**
 * Tasks at random: the window starts at a random place of the project's ids (a fresh one per request) and is
 * shuffled, so annotators working at once spread over the project instead of queueing at its start.
 */
@Component(property = SamplingStrategy.PROPERTY + "=uniform")
public class UniformStrategy implements SamplingStrategy {

    @Override
    public String description() {
        return "tasks at random";
    }

    @Override
    public Order order() {
        return Order.RANDOM;
    }

    @Override
    public List<Candidate> rank(List<Candidate> window) {
        List<Candidate> shuffled = new ArrayList<>(window);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return shuffled;
    }
}
