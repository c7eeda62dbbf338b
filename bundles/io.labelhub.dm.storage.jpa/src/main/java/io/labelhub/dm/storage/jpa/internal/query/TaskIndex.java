package io.labelhub.dm.storage.jpa.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.roaringbitmap.RoaringBitmap;

import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.counters.Reviews;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChanges;
import io.labelhub.dm.storage.jpa.internal.counters.TaskCounters;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.SqlConditions;

/**
 * This node's in-memory index of the Data Manager's tasks, per project: a compressed bitmap of task ids per label
 * match, annotator and reviewer (each built on first use from the database's indexes), the ids of all the project's
 * tasks, and their counters ({@link TaskValues}), so that "contains Cat AND by X", its ordering by a counter and
 * its Found totals are bitmap intersections and array reads instead of hundreds of thousands of index rows.
 * <p>
 * It is exact on every node: each query first reads the project's committed version ({@link TaskChanges}); a project
 * index behind it re-reads the tasks logged since (what each of its bitmaps and counters says of them now), or is
 * built anew after a bulk change. Re-reading a task is idempotent, so a bitmap built while another transaction
 * committed may hold that change early and is put right when its version comes. Bounded in memory: beyond the
 * configured size the projects used least recently are dropped. Readers share a project index; bringing it up to
 * date takes it alone, briefly.
 */
@Component(service = TaskIndex.class, configurationPid = TaskIndex.PID)
@Designate(ocd = TaskIndex.Config.class)
public class TaskIndex {

    static final String PID = "io.labelhub.dm.taskindex";
    private static final long WAIT_SECONDS = 5;

    @ObjectClassDefinition(name = "LabelHub Data Manager task index",
            description = "Each node's in-memory bitmaps and counters of the projects' tasks, kept exact through the "
                    + "database")
    public @interface Config {
        @AttributeDefinition(description = "Megabytes of the heap the index may take; the projects used least "
                + "recently are dropped beyond it. 0 turns the index off: every query reads the database's indexes")
        int memory_megabytes() default 128;

        @AttributeDefinition(description = "A project index that finds more changed tasks than this since its "
                + "last query is built anew instead of re-reading them")
        int max_catch_up() default 20_000;
    }

    /** One bitmap's worth of tasks: a label match, an annotator's or a reviewer's tasks. */
    sealed interface Key {
    }

    /**
     * The tasks with a row in {@code task_label} of that kind ({@link LabelIndex#COMPLETION} or
     * {@link LabelIndex#PREDICTION}) that the match holds for, as {@link SqlConditions#labelMatch} says.
     */
    record Labels(String kind, LabelMatch match) implements Key {

        boolean matches(String rowKind, String control, String label, Long completedBy) {
            return kind.equals(rowKind) && label.equals(LabelIndex.cut(match.label()))
                    && (match.control() == null || LabelIndex.cut(match.control()).equals(control))
                    && (match.annotator() == null || match.annotator().equals(completedBy));
        }
    }

    /**
     * The tasks with a completion (skipped or not) by the user. Built from {@code completion} alone, so it holds
     * other projects' tasks too (kept only as they were): readers intersect it with a set of this project.
     */
    record Annotator(long userId) implements Key {
    }

    /** The tasks of this project with a review by the user. */
    record Reviewer(long userId) implements Key {
    }

    /** What a query needs of a project index. */
    record Needs(Set<Key> keys, boolean all, boolean values) {
    }

    private final Map<Long, ProjectIndex> projects = new LinkedHashMap<>(16, 0.75f, true);
    private volatile long budget;
    private volatile int maxCatchUp;

    @Activate
    public TaskIndex(Config config) {
        modified(config);
    }

    /** An index of that many megabytes (0: off), for tests and benchmarks that wire storage by hand. */
    public TaskIndex(int megabytes) {
        configure(megabytes, 20_000);
    }

    /** An index of that many bytes, that re-reads at most that many changed tasks (tests of the bounds). */
    TaskIndex(long bytes, int maxCatchUp) {
        budget = bytes;
        this.maxCatchUp = maxCatchUp;
    }

    /** The bytes a project's index takes now, roughly; 0 when it is not held. */
    long projectSize(long projectId) {
        synchronized (projects) {
            ProjectIndex project = projects.get(projectId);
            return project == null ? 0 : project.bytes;
        }
    }

    /** The projects held now, least recently used first. */
    List<Long> projectsHeld() {
        synchronized (projects) {
            return List.copyOf(projects.keySet());
        }
    }

    @Modified
    void modified(Config config) {
        configure(config.memory_megabytes(), config.max_catch_up());
    }

    private void configure(int megabytes, int catchUp) {
        budget = Math.max(0, megabytes) * 1024L * 1024L;
        maxCatchUp = Math.max(0, catchUp);
        trim();
    }

    boolean enabled() {
        return budget > 0;
    }

    /**
     * The project index brought up to the database's committed version, with what the query needs; held for
     * reading until the reader is closed. Null when the index is off, there is no such project, or its task ids do
     * not fit a bitmap's integers (then the query reads the database).
     */
    Reader open(Connection connection, long projectId, Needs needs) throws SQLException {
        if (!enabled()) {
            return null;
        }
        TaskChanges.Version version = TaskChanges.version(connection, projectId);
        ProjectIndex project;
        synchronized (projects) {
            if (version == null) {
                projects.remove(projectId);
                return null;
            }
            project = projects.computeIfAbsent(projectId, ProjectIndex::new);
        }
        ReentrantReadWriteLock.ReadLock read = project.lock.readLock();
        if (!acquire(read)) {
            return null;
        }
        if (project.version >= version.version() && project.has(needs)) {
            return new Reader(project, read);
        }
        read.unlock();
        ReentrantReadWriteLock.WriteLock write = project.lock.writeLock();
        if (!acquire(write)) {
            return null;
        }
        try {
            if (project.version < version.version()) {
                catchUp(connection, project, version);
            }
            project.fill(connection, needs);
            // downgrade: readers that queued meanwhile go on with this state
            read.lock();
        } catch (IdBeyondInteger e) {
            project.clear(version.version());
            project.unusable = true;
            return null;
        } finally {
            write.unlock();
        }
        trim();
        return new Reader(project, read);
    }

    /**
     * Waits a while for a project index that another query is bringing up to date (which may itself wait for a
     * writer's locks on Derby); past that the query reads the database, as every query did without the index, so
     * queries never queue behind each other longer than the database makes them.
     */
    private static boolean acquire(Lock lock) {
        try {
            return lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Brings the project index to the version: re-reads the tasks logged since, or empties it to be built anew. */
    private void catchUp(Connection connection, ProjectIndex project, TaskChanges.Version version)
            throws SQLException {
        if (project.isEmpty()) {
            project.version = version.version();
            return;
        }
        long[] changed = project.version < version.prunedTo() ? null
                : TaskChanges.since(connection, project.projectId, project.version, version.version(), maxCatchUp);
        if (changed == null) {
            project.clear(version.version());
        } else {
            project.reread(connection, changed);
            project.version = version.version();
        }
    }

    /** Drops the projects used least recently until the index fits its budget. */
    private void trim() {
        synchronized (projects) {
            long total = projects.values().stream().mapToLong(p -> p.bytes).sum();
            Iterator<ProjectIndex> eldest = projects.values().iterator();
            // the one in use is the most recent: it goes only when it alone is too big (its reader keeps it meanwhile)
            while (total > budget && eldest.hasNext()) {
                total -= eldest.next().bytes;
                eldest.remove();
            }
        }
    }

    /** A project index held for reading. */
    static final class Reader implements AutoCloseable {
        private final ProjectIndex project;
        private final ReentrantReadWriteLock.ReadLock lock;

        private Reader(ProjectIndex project, ReentrantReadWriteLock.ReadLock lock) {
            this.project = project;
            this.lock = lock;
        }

        /** The tasks of the project in every one of the keys' sets; with no keys, all of them. */
        RoaringBitmap and(List<Key> keys) {
            RoaringBitmap result = keys.isEmpty() ? project.all.clone() : null;
            boolean ofThisProject = false;
            for (Key key : keys) {
                RoaringBitmap set = project.sets.get(key);
                result = result == null ? set.clone() : RoaringBitmap.and(result, set);
                ofThisProject |= !(key instanceof Annotator);
            }
            if (!ofThisProject) {
                result.and(project.all);
            }
            return result;
        }

        /** The counters of the project's tasks (when the needs asked for them). */
        TaskValues values() {
            return project.values;
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }

    /** A task id beyond what a bitmap holds: the project is left to the database's indexes. */
    private static final class IdBeyondInteger extends RuntimeException {
        IdBeyondInteger() {
            super(null, null, false, false);
        }
    }

    private static int asInt(long id) {
        if (id < 0 || id > Integer.MAX_VALUE) {
            throw new IdBeyondInteger();
        }
        return (int) id;
    }

    /** One project's bitmaps and counters, at one version of it; guarded by its lock. */
    private static final class ProjectIndex {
        final long projectId;
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<Key, RoaringBitmap> sets = new HashMap<>();
        /** -1: holds nothing yet. */
        long version = -1;
        RoaringBitmap all;
        TaskValues values;
        boolean unusable;
        volatile long bytes;

        ProjectIndex(long projectId) {
            this.projectId = projectId;
        }

        boolean isEmpty() {
            return sets.isEmpty() && all == null && values == null;
        }

        boolean has(Needs needs) {
            return !unusable && sets.keySet().containsAll(needs.keys()) && (!needs.all() || all != null)
                    && (!needs.values() || values != null);
        }

        void clear(long newVersion) {
            sets.clear();
            all = null;
            values = null;
            version = newVersion;
            bytes = 0;
        }

        /** Builds what the needs ask for and is not here yet. */
        void fill(Connection connection, Needs needs) throws SQLException {
            if (unusable) {
                throw new IdBeyondInteger();
            }
            if (needs.values() && values == null) {
                loadTasks(connection, true);
            } else if (needs.all() && all == null) {
                loadTasks(connection, false);
            }
            for (Key key : needs.keys()) {
                if (!sets.containsKey(key)) {
                    sets.put(key, build(connection, key));
                }
            }
            long size = values == null ? 0 : values.bytes();
            for (RoaringBitmap set : sets.values()) {
                size += set.getLongSizeInBytes();
            }
            bytes = size + (all == null ? 0 : all.getLongSizeInBytes());
        }

        /** All the project's task ids, and with {@code counters} their counters too. */
        private void loadTasks(Connection connection, boolean counters) throws SQLException {
            RoaringBitmap ids = new RoaringBitmap();
            TaskValues read = counters ? new TaskValues() : null;
            try (PreparedStatement select = connection.prepareStatement("SELECT id"
                    + (counters ? ", " + TaskValues.COLUMNS : "") + " FROM task WHERE project_id = ?")) {
                select.setLong(1, projectId);
                select.setFetchSize(Jdbc.CHUNK);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(asInt(rs.getLong(1)));
                        if (read != null) {
                            read.put(rs);
                        }
                    }
                }
            }
            ids.runOptimize();
            all = ids;
            if (read != null) {
                values = read;
            }
        }

        private RoaringBitmap build(Connection connection, Key key) throws SQLException {
            List<Object> parameters = new ArrayList<>();
            String sql;
            if (key instanceof Labels labels) {
                parameters.add(projectId);
                parameters.add(labels.kind());
                sql = "SELECT l.task_id FROM task_label l WHERE l.project_id = ? AND l.kind = ?"
                        + SqlConditions.labelMatch(labels.match(), parameters);
            } else if (key instanceof Annotator annotator) {
                parameters.add(annotator.userId());
                sql = "SELECT c.task_id FROM completion c WHERE c.completed_by = ?";
            } else {
                parameters.add(projectId);
                parameters.add(((Reviewer) key).userId());
                sql = "SELECT r.task_id FROM review r WHERE r.project_id = ? AND r.reviewer_id = ?";
            }
            RoaringBitmap set = new RoaringBitmap();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                SqlConditions.bind(select, 1, parameters);
                select.setFetchSize(Jdbc.CHUNK);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        set.add(asInt(rs.getLong(1)));
                    }
                }
            }
            set.runOptimize();
            return set;
        }

        /** Re-reads what every bitmap and the counters say of these tasks now (sorted ids of this project). */
        void reread(Connection connection, long[] taskIds) throws SQLException {
            for (int start = 0; start < taskIds.length; start += Jdbc.CHUNK) {
                long[] chunk = Arrays.copyOfRange(taskIds, start, Math.min(taskIds.length, start + Jdbc.CHUNK));
                RoaringBitmap changed = new RoaringBitmap();
                for (long id : chunk) {
                    changed.add(asInt(id));
                }
                rereadTasks(connection, chunk, changed);
                rereadSets(connection, chunk, changed);
            }
        }

        private void rereadTasks(Connection connection, long[] chunk, RoaringBitmap changed) throws SQLException {
            if (all == null && values == null) {
                return;
            }
            RoaringBitmap present = new RoaringBitmap();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, " + TaskValues.COLUMNS
                    + " FROM task WHERE project_id = ? AND id IN (" + Jdbc.marks(chunk.length) + ")")) {
                select.setLong(1, projectId);
                Jdbc.bindIds(select, 2, chunk);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        present.add(asInt(rs.getLong(1)));
                        if (values != null) {
                            values.put(rs);
                        }
                    }
                }
            }
            if (values != null) {
                RoaringBitmap.andNot(changed, present).forEach((int gone) -> values.remove(gone));
            }
            if (all != null) {
                all.andNot(changed);
                all.or(present);
            }
        }

        private void rereadSets(Connection connection, long[] chunk, RoaringBitmap changed) throws SQLException {
            Map<Labels, RoaringBitmap> labels = new HashMap<>();
            Map<Long, RoaringBitmap> annotators = new HashMap<>();
            Map<Long, RoaringBitmap> reviewers = new HashMap<>();
            sets.forEach((key, set) -> {
                set.andNot(changed);
                if (key instanceof Labels l) {
                    labels.put(l, set);
                } else if (key instanceof Annotator a) {
                    annotators.put(a.userId(), set);
                } else {
                    reviewers.put(((Reviewer) key).userId(), set);
                }
            });
            // each child table through its index by task, which Derby is told to use (see LabelIndex.removeTasks)
            String ids = " WHERE task_id IN (" + Jdbc.marks(chunk.length) + ")";
            if (!labels.isEmpty()) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT task_id, kind, control, label, completed_by FROM task_label " + LabelIndex.BY_TASK
                                + ids)) {
                    Jdbc.bindIds(select, 1, chunk);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            int task = asInt(rs.getLong(1));
                            long author = rs.getLong(5);
                            Long completedBy = rs.wasNull() ? null : author;
                            for (Map.Entry<Labels, RoaringBitmap> entry : labels.entrySet()) {
                                if (entry.getKey().matches(rs.getString(2), rs.getString(3), rs.getString(4),
                                        completedBy)) {
                                    entry.getValue().add(task);
                                }
                            }
                        }
                    }
                }
            }
            addUsers(connection, "SELECT task_id, completed_by FROM completion " + TaskCounters.COMPLETION_BY_TASK
                    + ids, chunk, annotators);
            addUsers(connection, "SELECT task_id, reviewer_id FROM review " + Reviews.BY_TASK + ids, chunk,
                    reviewers);
        }

        private static void addUsers(Connection connection, String sql, long[] chunk, Map<Long, RoaringBitmap> sets)
                throws SQLException {
            if (sets.isEmpty()) {
                return;
            }
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                Jdbc.bindIds(select, 1, chunk);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        RoaringBitmap set = sets.get(rs.getLong(2));
                        if (set != null) {
                            set.add(asInt(rs.getLong(1)));
                        }
                    }
                }
            }
        }
    }
}
