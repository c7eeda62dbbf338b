package io.labelhub.dm.storage.jpa.internal.gt;

import java.util.Arrays;

/**
 * The sampler's draw, fed the matching completions one by one in any order: per task the completion with the lowest
 * key, then the {@code n} tasks whose keys are lowest. A key is a bijective 64-bit mix of the completion id and the
 * seed (SplitMix64's finaliser), so keys never tie, the draw does not depend on the order rows arrive in, and the same
 * seed over the same completions draws the same ones. Memory: three longs per candidate task, in open addressing.
 */
final class Picker {

    private static final long EMPTY = Long.MIN_VALUE;

    private final long seed;
    private long[] tasks;
    private long[] keys;
    private long[] completions;
    private int size;

    Picker(long seed) {
        this.seed = seed;
        allocate(1 << 12);
    }

    /** The draw's key of a completion. */
    static long key(long completionId, long seed) {
        long z = completionId * 0x9E3779B97F4A7C15L + seed;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void allocate(int capacity) {
        tasks = new long[capacity];
        Arrays.fill(tasks, EMPTY);
        keys = new long[capacity];
        completions = new long[capacity];
    }

    /** A matching completion of a task that has no ground truth. */
    void offer(long taskId, long completionId) {
        long key = key(completionId, seed);
        int slot = slot(tasks, taskId);
        if (tasks[slot] == EMPTY) {
            tasks[slot] = taskId;
            keys[slot] = key;
            completions[slot] = completionId;
            if (++size * 2 > tasks.length) {
                grow();
            }
        } else if (key < keys[slot]) {
            keys[slot] = key;
            completions[slot] = completionId;
        }
    }

    private static int slot(long[] table, long taskId) {
        int mask = table.length - 1;
        int slot = (int) (key(taskId, 0) & mask);
        while (table[slot] != EMPTY && table[slot] != taskId) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldTasks = tasks;
        long[] oldKeys = keys;
        long[] oldCompletions = completions;
        allocate(oldTasks.length * 2);
        for (int i = 0; i < oldTasks.length; i++) {
            if (oldTasks[i] != EMPTY) {
                int slot = slot(tasks, oldTasks[i]);
                tasks[slot] = oldTasks[i];
                keys[slot] = oldKeys[i];
                completions[slot] = oldCompletions[i];
            }
        }
    }

    /** How many tasks have a candidate. */
    int tasks() {
        return size;
    }

    /** The picks, at most {@code n}: the tasks' completions with the lowest keys (keys never tie). */
    Picks lowest(long n) {
        int count = (int) Math.min(n, size);
        long[] pickedCompletions = new long[count];
        long[] pickedTasks = new long[count];
        if (count == 0) {
            return new Picks(pickedCompletions, pickedTasks);
        }
        long[] sorted = new long[size];
        int filled = 0;
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i] != EMPTY) {
                sorted[filled++] = keys[i];
            }
        }
        Arrays.sort(sorted);
        long highest = sorted[count - 1];
        int picked = 0;
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i] != EMPTY && keys[i] <= highest) {
                pickedCompletions[picked] = completions[i];
                pickedTasks[picked++] = tasks[i];
            }
        }
        return new Picks(pickedCompletions, pickedTasks);
    }

    /** Completion ids and, at the same index, their task ids. */
    record Picks(long[] completions, long[] tasks) {
    }
}
