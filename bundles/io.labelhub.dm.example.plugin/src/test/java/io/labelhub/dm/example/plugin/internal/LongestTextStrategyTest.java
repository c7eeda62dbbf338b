package io.labelhub.dm.example.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.stream.Candidate;

class LongestTextStrategyTest {

    @Test
    void theTaskWithTheLongestTextComesFirstAndTiesKeepTheStreamsOrder() {
        LongestTextStrategy strategy = new LongestTextStrategy();
        assertTrue(strategy.readsData());
        List<Candidate> window = List.of(
                new Candidate(1, Map.of("text", "short"), null, 0),
                new Candidate(2, Map.of("text", "a much longer text", "n", 42), null, 0),
                new Candidate(3, Map.of("image", "https://x/y.png", "caption", "longest of them all, by far"), null, 0),
                new Candidate(4, Map.of("text", "short"), null, 0),
                new Candidate(5, Map.of(), null, 0));
        assertEquals(List.of(3L, 2L, 1L, 4L, 5L), strategy.rank(window).stream().map(Candidate::taskId).toList());
    }
}
