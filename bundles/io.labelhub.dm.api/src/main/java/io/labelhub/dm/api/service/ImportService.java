package io.labelhub.dm.api.service;

import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.io.SampleFile;

/**
 * Imports tasks into a project from files or a JSON body, all or nothing: when any record of any file is bad,
 * nothing is stored and the error lists the problems (file, record, reason).
 */
public interface ImportService {

    /** One uploaded file: its name as sent (only for choosing the format and for messages) and its bytes. */
    record Upload(String name, InputStream content) {
    }

    /** How many tasks a file gave, and which format read it. */
    record FileResult(String name, String format, long taskCount) {
    }

    /**
     * What an import stored; {@code flagged}: in a lenient import, the completions and predictions kept although
     * their results do not fit the labeling config (file, record, where and why; the first 100).
     */
    record Result(long taskCount, long completionCount, long predictionCount, double duration,
                  List<FileResult> files, List<String> flagged) {
        public Result {
            files = List.copyOf(files);
            flagged = List.copyOf(flagged);
        }

        public Result(long taskCount, long completionCount, long predictionCount, double duration,
                      List<FileResult> files) {
            this(taskCount, completionCount, predictionCount, duration, files, List.of());
        }
    }

    /**
     * A format as {@code GET /api/import-formats} lists it: the extensions it claims, and of those the ones it
     * serves ({@code active}); another format of a higher {@code service.ranking} (or registered earlier, at equal
     * ranking) serves the rest.
     */
    record Format(String name, List<String> extensions, List<String> active, boolean archive, int ranking) {
        public Format {
            extensions = List.copyOf(extensions);
            active = List.copyOf(active);
        }
    }

    /**
     * What an import does with the authors a file names ({@code completed_by}) that are no user here: a user is
     * found by e-mail first, then by id only when the file says the ids are this server's ({@code labelhub_server}).
     */
    enum UnknownAuthors {
        /** Nothing is imported: a 422 lists them. */
        REFUSE,
        /** The importer is credited with their completions. */
        IMPORTER,
        /** Each becomes an inactive user (named by the file's e-mail and names), credited with their completions. */
        CREATE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How an import treats what the file says beyond its tasks. {@code strict} (the default): results must fit the
     * labeling config; lenient: results whose names or labels do not fit are kept (Label Studio stores them too) and
     * their completions listed in the answer.
     */
    record Options(UnknownAuthors unknownAuthors, boolean strict) {
        public static final Options DEFAULT = new Options(UnknownAuthors.REFUSE, true);

        public Options(UnknownAuthors unknownAuthors) {
            this(unknownAuthors, true);
        }

        public Options {
            java.util.Objects.requireNonNull(unknownAuthors, "unknownAuthors");
        }
    }

    default Result importFiles(long projectId, List<Upload> files, User caller) {
        return importFiles(projectId, files, caller, Options.DEFAULT);
    }

    Result importFiles(long projectId, List<Upload> files, User caller, Options options);

    /**
     * Files as they arrive, one after the other (an upload read as a stream): each file is read before the next is
     * asked for, and its format chosen when it comes. The iterator may throw {@link java.io.UncheckedIOException}
     * when the upload turns out to be broken (cut short, malformed); then nothing is imported.
     */
    default Result importFiles(long projectId, Iterator<Upload> files, User caller) {
        return importFiles(projectId, files, caller, Options.DEFAULT);
    }

    Result importFiles(long projectId, Iterator<Upload> files, User caller, Options options);

    /** A JSON body: one task or a list of them. */
    default Result importJson(long projectId, InputStream body, User caller) {
        return importJson(projectId, body, caller, Options.DEFAULT);
    }

    Result importJson(long projectId, InputStream body, User caller, Options options);

    /** The installed import and archive formats. */
    List<Format> formats();

    /**
     * A sample file in {@code format} (an installed import format that offers samples, e.g. json, csv, tsv, txt)
     * generated from the project's labeling config.
     */
    SampleFile sampleFile(long projectId, String format);

    /** The names of the installed import formats that offer a sample file for the project's labeling config. */
    List<String> sampleFormats(long projectId);
}
