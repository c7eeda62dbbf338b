package io.labelhub.dm.example.plugin.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.stream.Candidate;
import io.labelhub.dm.api.stream.SamplingStrategy;

/**
 * A sampling strategy of a plugin: among the open tasks the stream reads by id, the one with the most text first
 * (the longest string in its data), so long documents get their annotators early. It ranks only the window the
 * stream gives it, which keeps it as fast as the built-in strategies on any project.
 */
@Component(property = SamplingStrategy.PROPERTY + "=" + LongestTextStrategy.NAME)
public class LongestTextStrategy implements SamplingStrategy {

    static final String NAME = "longest-text";

    @Override
    public String description() {
        return "the task with the most text first (example plugin)";
    }

    @Override
    public Order order() {
        return Order.ID;
    }

    @Override
    public boolean readsData() {
        return true;
    }

    @Override
    public List<Candidate> rank(List<Candidate> window) {
        return window.stream().sorted(Comparator.comparingInt((Candidate c) -> longest(c.data())).reversed())
                .toList();
    }

    private static int longest(Map<String, Object> data) {
        return data.values().stream().filter(String.class::isInstance).mapToInt(v -> ((String) v).length()).max()
                .orElse(0);
    }
}
