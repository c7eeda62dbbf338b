package io.labelhub.dm.storage.jpa.internal.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import io.labelhub.dm.api.query.Column;

/**
 * The counters of every task of a project, by task id, in compact arrays: what the Found totals sum up and what the
 * ordering by a counter column compares, without a row read. A task id leads to its slot through an open-addressing
 * table (linear probing, deletion by backward shift); freed slots are reused. Not thread-safe: {@link TaskIndex}
 * guards it.
 */
final class TaskValues {

    /** The task columns read into a slot, in this order after {@code id}. */
    static final String COLUMNS = "completion_count, skipped_count, prediction_count, reviews_up, reviews_down, "
            + "ground_truth, prediction_score";
    private static final int INTS = 6;
    private static final int EMPTY = -1;

    private int[] ids = new int[16];
    private int[] slotOf = new int[16];
    private int size;
    private int[] counters = new int[16 * INTS];
    private double[] scores = new double[16];
    private int slots;
    private int[] free = new int[16];
    private int freeCount;

    TaskValues() {
        Arrays.fill(ids, EMPTY);
    }

    int size() {
        return size;
    }

    /** What these arrays take on the heap, roughly. */
    long bytes() {
        return 8L * ids.length + 4L * counters.length + 8L * scores.length + 4L * free.length;
    }

    /** Stores the task of the current row ({@code id, } then {@link #COLUMNS}). */
    void put(ResultSet rs) throws SQLException {
        int slot = slot(Math.toIntExact(rs.getLong(1)), true);
        int base = slot * INTS;
        for (int i = 0; i < 5; i++) {
            counters[base + i] = rs.getInt(2 + i);
        }
        counters[base + 5] = rs.getBoolean(7) ? 1 : 0;
        double score = rs.getDouble(8);
        scores[slot] = rs.wasNull() ? Double.NaN : score;
    }

    void remove(int id) {
        int mask = ids.length - 1;
        int i = hash(id) & mask;
        while (ids[i] != id) {
            if (ids[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        push(slotOf[i]);
        size--;
        // backward shift: close the gap so every later key of the run is still found from its home
        int gap = i;
        for (int j = (i + 1) & mask; ids[j] != EMPTY; j = (j + 1) & mask) {
            int home = hash(ids[j]) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                ids[gap] = ids[j];
                slotOf[gap] = slotOf[j];
                gap = j;
            }
        }
        ids[gap] = EMPTY;
    }

    /** The task's slot; -1 when it is not here. */
    int slot(int id) {
        return slot(id, false);
    }

    /**
     * A column's value in a slot as SQL orders it: a number, a boolean as 0 or 1, no prediction score as NaN (which
     * sorts after every number, as SQL puts NULL last ascending).
     */
    double value(int slot, Column column) {
        return switch (column) {
            case COMPLETIONS -> counters[slot * INTS];
            case SKIPPED -> counters[slot * INTS + 1];
            case PREDICTIONS -> counters[slot * INTS + 2];
            case REVIEWS_UP -> counters[slot * INTS + 3];
            case REVIEWS_DOWN -> counters[slot * INTS + 4];
            case GROUND_TRUTH -> counters[slot * INTS + 5];
            case PREDICTION_SCORE -> scores[slot];
            default -> throw new IllegalArgumentException("not held by the task index: " + column);
        };
    }

    /** Whether the column's values are held here (and the id, which every slot has). */
    static boolean holds(Column column) {
        return switch (column) {
            case ID, COMPLETIONS, SKIPPED, PREDICTIONS, REVIEWS_UP, REVIEWS_DOWN, GROUND_TRUTH, PREDICTION_SCORE ->
                true;
            default -> false;
        };
    }

    /** Adds a slot's counters to {@code sums}: tasks, completions, skipped, predictions, up, down, ground truth. */
    void addTo(int slot, long[] sums) {
        int base = slot * INTS;
        sums[0]++;
        sums[1] += counters[base];
        sums[2] += counters[base + 1];
        sums[3] += counters[base + 2];
        sums[4] += counters[base + 3];
        sums[5] += counters[base + 4];
        sums[6] += counters[base + 5];
    }

    private int slot(int id, boolean create) {
        int mask = ids.length - 1;
        int i = hash(id) & mask;
        while (ids[i] != EMPTY) {
            if (ids[i] == id) {
                return slotOf[i];
            }
            i = (i + 1) & mask;
        }
        if (!create) {
            return -1;
        }
        if ((size + 1) * 4L > ids.length * 3L) {
            grow();
            return slot(id, true);
        }
        int slot = freeCount > 0 ? free[--freeCount] : newSlot();
        ids[i] = id;
        slotOf[i] = slot;
        size++;
        return slot;
    }

    private int newSlot() {
        if (slots == scores.length) {
            scores = Arrays.copyOf(scores, slots * 2);
            counters = Arrays.copyOf(counters, slots * 2 * INTS);
        }
        return slots++;
    }

    private void push(int slot) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;
    }

    private void grow() {
        int[] oldIds = ids;
        int[] oldSlots = slotOf;
        ids = new int[oldIds.length * 2];
        slotOf = new int[oldIds.length * 2];
        Arrays.fill(ids, EMPTY);
        int mask = ids.length - 1;
        for (int k = 0; k < oldIds.length; k++) {
            if (oldIds[k] != EMPTY) {
                int i = hash(oldIds[k]) & mask;
                while (ids[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                ids[i] = oldIds[k];
                slotOf[i] = oldSlots[k];
            }
        }
    }

    private static int hash(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
