package io.labelhub.dm.storage.jpa.internal.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;

/**
 * What {@link TaskIndex} answers of a Data Manager query: an AND filter whose "contains" items on list columns
 * (labels, annotators, reviewers) become bitmaps; when nothing else is asked and the ordering is by columns the
 * index holds, the page and the Found totals come from the index alone, otherwise its tasks are the candidates that
 * the database checks further ({@link Candidates#driven}).
 */
final class Indexed {

    private Indexed() {
    }

    /** The bitmaps of a filter's index items, which items those are, and the SQL of the others. */
    record Plan(List<TaskIndex.Key> keys, Set<Integer> used, FilterSql.Where rest) {

        /** Nothing for the database to check. */
        boolean pure() {
            return rest.sql() == null;
        }

        /** What the project index must hold; {@code values}: the counters too. */
        TaskIndex.Needs needs(boolean values) {
            boolean ofThisProject = keys.stream().anyMatch(k -> !(k instanceof TaskIndex.Annotator));
            return new TaskIndex.Needs(new LinkedHashSet<>(keys), !ofThisProject, values);
        }
    }

    /**
     * The plan of a filter; null when the index has nothing to say of it (no such items, OR, data conditions). A
     * filter without items has a plan without keys: all the project's tasks.
     */
    static Plan plan(TaskFilter taskFilter, FilterSql filter) {
        if (taskFilter.isEmpty()) {
            return new Plan(List.of(), Set.of(), filter.where());
        }
        if (taskFilter.any() || filter.needsData()) {
            return null;
        }
        List<TaskIndex.Key> keys = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < taskFilter.items().size(); i++) {
            FilterItem item = taskFilter.items().get(i);
            if (item.operator() == Operator.CONTAINS && item.field().column().list()) {
                keys.add(key(item));
                used.add(i);
            }
        }
        return keys.isEmpty() ? null : new Plan(keys, used, filter.whereWithout(used));
    }

    private static TaskIndex.Key key(FilterItem item) {
        return switch (item.field().column()) {
            case ANNOTATORS -> new TaskIndex.Annotator((Long) item.value());
            case REVIEWERS -> new TaskIndex.Reviewer((Long) item.value());
            case COMPLETION_RESULTS -> new TaskIndex.Labels(LabelIndex.COMPLETION, (LabelMatch) item.value());
            case PREDICTION_RESULTS -> new TaskIndex.Labels(LabelIndex.PREDICTION, (LabelMatch) item.value());
            default -> throw new IllegalArgumentException("no list column: " + item.field().column());
        };
    }

    /** Whether the index holds every column of the ordering. */
    static boolean holds(List<Order> ordering) {
        return ordering.stream().allMatch(o -> !o.field().isData() && TaskValues.holds(o.field().column()));
    }

    /** Whether the ordering is by id (or none), so that the bitmap's own order is the answer. */
    static boolean byId(List<Order> ordering) {
        return ordering.isEmpty() || ordering.get(0).field().column() == Column.ID;
    }

    /** A page of matches: their total, and the ids of the page in order. */
    record Slice(long total, List<Long> ids) {
    }

    /** The page of the matching tasks in id order (ascending unless the ordering says descending). */
    static Slice byId(RoaringBitmap matches, List<Order> ordering, PageRequest page) {
        long total = matches.getLongCardinality();
        List<Long> ids = new ArrayList<>(page.pageSize());
        if (page.offset() < total) {
            IntIterator it = !ordering.isEmpty() && ordering.get(0).descending() ? matches.getReverseIntIterator()
                    : matches.getIntIterator();
            for (long skip = page.offset(); skip > 0; skip--) {
                it.next();
            }
            while (it.hasNext() && ids.size() < page.pageSize()) {
                ids.add((long) it.next());
            }
        }
        return new Slice(total, ids);
    }

    /**
     * The page of the matching tasks in the ordering's order, by the counters the index holds (ties by id ascending
     * unless the ordering names the id, as SQL's ORDER BY of {@link Candidates#orderBy}); matches the counters do not
     * know yet (a task committed after they were read) are left to the next query.
     */
    static Slice sorted(RoaringBitmap matches, TaskValues values, List<Order> ordering, PageRequest page) {
        int[] ids = new int[matches.getCardinality()];
        int[] slots = new int[ids.length];
        int n = 0;
        IntIterator it = matches.getIntIterator();
        while (it.hasNext()) {
            int id = it.next();
            int slot = values.slot(id);
            if (slot >= 0) {
                ids[n] = id;
                slots[n++] = slot;
            }
        }
        Column[] columns = new Column[ordering.size()];
        boolean[] descending = new boolean[ordering.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = ordering.get(k).field().column();
            descending[k] = ordering.get(k).descending();
        }
        Comparator<Integer> order = (a, b) -> {
            for (int k = 0; k < columns.length; k++) {
                int c = columns[k] == Column.ID ? Integer.compare(ids[a], ids[b])
                        : Double.compare(values.value(slots[a], columns[k]), values.value(slots[b], columns[k]));
                if (c != 0 || columns[k] == Column.ID) {
                    return descending[k] ? -c : c;
                }
            }
            return Integer.compare(ids[a], ids[b]);
        };
        long end = Math.min(n, page.offset() + page.pageSize());
        List<Long> result = new ArrayList<>(page.pageSize());
        if (page.offset() >= n) {
            return new Slice(n, result);
        }
        Integer[] first;
        if (end * 8 < n) {
            // the first pages of many matches: keep only the best `end` in a heap whose head is the worst of them
            PriorityQueue<Integer> best = new PriorityQueue<>((int) end + 1, order.reversed());
            for (int i = 0; i < n; i++) {
                best.add(i);
                if (best.size() > end) {
                    best.poll();
                }
            }
            first = best.toArray(new Integer[0]);
        } else {
            first = new Integer[n];
            for (int i = 0; i < n; i++) {
                first[i] = i;
            }
        }
        Arrays.sort(first, order);
        for (long i = page.offset(); i < end; i++) {
            result.add((long) ids[first[(int) i]]);
        }
        return new Slice(n, result);
    }

    /** The Found totals of the matching tasks from the counters. */
    static Totals sum(RoaringBitmap matches, TaskValues values) {
        long[] sums = new long[7];
        IntIterator it = matches.getIntIterator();
        while (it.hasNext()) {
            int slot = values.slot(it.next());
            if (slot >= 0) {
                values.addTo(slot, sums);
            }
        }
        return new Totals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6]);
    }

    /** The matches as a sorted array of task ids, for the database to check further. */
    static long[] ids(RoaringBitmap matches) {
        return matches.stream().asLongStream().toArray();
    }
}
