package io.labelhub.dm.api.io;

import io.labelhub.dm.api.NewTask;

/** Where a format puts what it reads. */
public interface ImportSink {

    /**
     * One task read from the file.
     *
     * @param record where it was in the file: the line for CSV, TSV and TXT, the position (from 1) in a JSON list
     */
    void task(long record, NewTask task);

    /** A record that cannot become a task, with where it is and why; the import as a whole will be refused. */
    void problem(long record, String reason);
}
