package io.labelhub.dm.storage.jpa.internal.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CandidatesTest {

    @Test
    void idsAggregatedAsTextReadBackAsNumbers() {
        assertArrayEquals(new long[] {12, 7, 40}, Candidates.parseIds("12,7,40"));
        assertArrayEquals(new long[] {9_007_199_254_740_993L}, Candidates.parseIds("9007199254740993"));
        assertArrayEquals(new long[] {0, 1}, Candidates.parseIds("0,1"));
    }
}
