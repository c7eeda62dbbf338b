package io.labelhub.dm.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import io.labelhub.dm.api.stream.Candidate;
import io.labelhub.dm.api.stream.SamplingStrategy;

/**
 * The Label Stream's locks and open tasks, kept in the database so the rules hold across nodes. Times are given by
 * the caller (its clock), so a lock's expiry is judged the same way everywhere it is read.
 */
public interface TaskLockStore {

    /** The task the user holds in the project (a lock not run out at {@code now}), if any. */
    OptionalLong held(long projectId, long userId, Instant now);

    /**
     * Up to {@code limit} tasks open to the user at {@code now}: not completed or skipped by them, fewer completions
     * plus locks of others than {@code overlap}. In the order given; {@code start} (0 to 1) is where in the
     * project's range of task ids a RANDOM order begins.
     */
    List<Candidate> open(long projectId, long userId, int overlap, Instant now, SamplingStrategy.Order order,
                         double start, int limit, boolean withData);

    /** Those of the {@code ids} (in their order) that are open to the user, as {@link #open} judges. */
    List<Candidate> openAmong(long projectId, long userId, int overlap, Instant now, List<Long> ids,
                              boolean withData);

    /**
     * Locks the task to the user until {@code until}, if it is still open to them (or theirs already): the check and
     * the lock are one transaction holding the task row, so two nodes cannot both hand out its last place.
     *
     * @return whether the user holds it now
     */
    boolean lock(long taskId, long userId, int overlap, Instant now, Instant until);

    /**
     * As {@link #lock}, for a candidate the stream may pass over: a task whose row another transaction holds in this
     * moment (another annotator being handed it, a submit) is not waited for but answered false, so the stream takes
     * its next candidate (PostgreSQL's {@code FOR UPDATE SKIP LOCKED}; a store without it waits as {@link #lock}).
     */
    default boolean lockIfFree(long taskId, long userId, int overlap, Instant now, Instant until) {
        return lock(taskId, userId, overlap, now, until);
    }

    /** Whether the user holds the task at {@code now}. */
    boolean holds(long taskId, long userId, Instant now);

    /** Whether the user has a completion (or a skip) of the task. */
    boolean completedBy(long taskId, long userId);

    /** Ends the user's lock of the task, if any. */
    void release(long taskId, long userId);
}
