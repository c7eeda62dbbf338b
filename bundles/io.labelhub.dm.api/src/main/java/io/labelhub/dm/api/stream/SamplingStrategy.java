package io.labelhub.dm.api.stream;

import java.util.List;

/**
 * The order in which a project's Label Stream hands out its tasks, registered as an OSGi service with the property
 * {@code sampling=<name>} (the name a project's {@code sampling} setting gives). The stream itself keeps the rules
 * (never a task the annotator did, never more hands on a task than its overlap, held tasks locked): storage lists the
 * tasks still open to the annotator in the strategy's {@link #order}, a window of them at a time, and the strategy
 * may then rank that window; the first task of the ranking that can still be locked is handed out.
 */
public interface SamplingStrategy {

    /** The service property naming a strategy. */
    String PROPERTY = "sampling";

    /** How storage lists the open tasks: each is served by an index, so a stream stays fast on large projects. */
    enum Order {
        /** By task id, oldest first. */
        ID,
        /** By task id from a random task on, wrapping around: a fresh random start for every request. */
        RANDOM,
        /** By the best prediction score, lowest first (tasks without a prediction last), then by id. */
        LOWEST_PREDICTION_SCORE
    }

    /** What this strategy does, in a sentence for {@code GET /api/sampling-strategies}. */
    String description();

    Order order();

    /** Whether {@link #rank} reads the candidates' data, which the stream then loads for the window. */
    default boolean readsData() {
        return false;
    }

    /**
     * The window of open candidates (in {@link #order}, at most a few dozen), best first; the default keeps their
     * order. Only candidates of the window may be returned.
     */
    default List<Candidate> rank(List<Candidate> window) {
        return window;
    }
}
