package io.labelhub.dm.api.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.User;

/**
 * The Label Stream of a project. Its rules hold in the database, so several server nodes may serve one project: an
 * annotator never gets a task they completed or skipped, nor one that has its {@code overlap} of completions counting
 * the tasks others hold; a task handed out is locked to the annotator for the project's lock TTL (renewed while
 * they work, released by their completion or skip, or when it runs out); asking again before submitting gives the
 * same task back.
 */
public interface LabelStreamService {

    /**
     * The next task for the annotator, locked to them, by the project's sampling strategy, among the tasks the Data
     * Manager filter matches (null: all); empty when the stream has nothing more for them.
     *
     * @throws io.labelhub.dm.api.ConflictException when the project's strategy is not installed
     */
    Optional<Handout> next(long projectId, User annotator, Object filters);

    /**
     * Renews the annotator's lock of the task, or takes it again when theirs ran out and the task is still open to
     * them; answers until when.
     *
     * @throws io.labelhub.dm.api.ConflictException when the task is not open to them (done by them, or taken)
     */
    Instant lock(long taskId, User annotator);

    /** Records a skip (a cancelled completion) of a task the annotator holds, and releases it. */
    Completion skip(long taskId, User annotator);

    /**
     * Whether the annotator may submit a completion of the task now: they hold it.
     *
     * @throws io.labelhub.dm.api.ConflictException naming why not (they completed it already; they do not hold it)
     */
    void checkSubmission(long taskId, User annotator);

    /** The installed strategies by name, with their descriptions. */
    Map<String, String> strategies();
}
