package io.labelhub.dm.core.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.io.ArchiveFormat;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportFormat;
import io.labelhub.dm.api.io.ImportSink;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.UserRepository;
import io.labelhub.dm.core.internal.TaskChecks;

/**
 * Imports files and JSON bodies through whatever import and archive formats are installed, checking every
 * record against the labeling config and writing through one bulk transaction: any problem anywhere and the
 * transaction is rolled back. Archives are read as streams within limits on size, ratio, entries and depth.
 */
@Component(service = ImportService.class, configurationPid = DefaultImportService.PID)
@Designate(ocd = DefaultImportService.Limits.class)
public class DefaultImportService implements ImportService {

    static final String PID = "io.labelhub.dm.import";
    static final int MAX_REPORTED_PROBLEMS = 100;
    /** Below this many bytes out of an archive, its ratio is not judged (tiny archives compress oddly). */
    private static final long RATIO_GRACE_BYTES = 1 << 20;

    @ObjectClassDefinition(name = "LabelHub import limits", description = "Bounds on what one import may read")
    public @interface Limits {
        @AttributeDefinition(description = "Bytes one import request may upload (all files together)")
        long max_upload_bytes() default 2L * 1024 * 1024 * 1024;

        @AttributeDefinition(description = "Bytes all archive entries of one import may unpack to")
        long max_uncompressed_bytes() default 8L * 1024 * 1024 * 1024;

        @AttributeDefinition(description = "Largest ratio of unpacked to packed bytes of an archive")
        int max_compression_ratio() default 200;

        @AttributeDefinition(description = "Most entries one import may read from archives")
        int max_archive_entries() default 100_000;

        @AttributeDefinition(description = "How deep archives may nest in archives (1: no archive in an archive)")
        int max_archive_depth() default 3;
    }

    private final ProjectRepository projects;
    private final TaskBulkStore bulk;
    private final LabelConfigService labelConfigs;
    private final TaskChecks checks;
    private final UserRepository users;
    private final Map<ImportFormat, Boolean> importFormats = new ConcurrentHashMap<>();
    private final Map<ArchiveFormat, Boolean> archiveFormats = new ConcurrentHashMap<>();
    private volatile Limits limits;

    @Activate
    public DefaultImportService(@Reference ProjectRepository projects, @Reference TaskBulkStore bulk,
                                @Reference LabelConfigService labelConfigs, @Reference UserRepository users,
                                Limits limits) {
        this.projects = projects;
        this.bulk = bulk;
        this.labelConfigs = labelConfigs;
        this.checks = new TaskChecks(labelConfigs);
        this.users = users;
        this.limits = limits;
    }

    @Modified
    void modified(Limits changed) {
        this.limits = changed;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addImportFormat(ImportFormat format) {
        importFormats.put(format, true);
    }

    void removeImportFormat(ImportFormat format) {
        importFormats.remove(format);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addArchiveFormat(ArchiveFormat format) {
        archiveFormats.put(format, true);
    }

    void removeArchiveFormat(ArchiveFormat format) {
        archiveFormats.remove(format);
    }

    private ImportFormat importFormat(String extension) {
        return importFormats.keySet().stream().filter(f -> f.extensions().contains(extension)).findFirst()
                .orElse(null);
    }

    private ArchiveFormat archiveFormat(String extension) {
        return archiveFormats.keySet().stream().filter(f -> f.extensions().contains(extension)).findFirst()
                .orElse(null);
    }

    @Override
    public List<Format> formats() {
        Map<String, Format> byName = new TreeMap<>();
        importFormats.keySet().forEach(f -> byName.put(f.name(), new Format(f.name(),
                f.extensions().stream().sorted().toList(), false)));
        archiveFormats.keySet().forEach(f -> byName.put(f.name(), new Format(f.name(),
                f.extensions().stream().sorted().toList(), true)));
        return List.copyOf(byName.values());
    }

    @Override
    public Result importJson(long projectId, InputStream body, User caller) {
        ImportFormat json = importFormat("json");
        if (json == null) {
            throw new DmException(DmException.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported format",
                    "no JSON import format is installed");
        }
        return run(projectId, caller, run -> run.file("request body", json, run.upload(body)));
    }

    @Override
    public Result importFiles(long projectId, List<Upload> files, User caller) {
        if (files.isEmpty()) {
            throw new ValidationException("nothing to import", "send one or more files as multipart/form-data");
        }
        for (Upload upload : files) {
            String extension = extension(upload.name());
            if (importFormat(extension) == null && archiveFormat(extension) == null) {
                throw unsupported(upload.name(), extension);
            }
        }
        return run(projectId, caller, run -> {
            for (Upload upload : files) {
                run.dispatch(upload.name(), run.upload(upload.content()), 0);
            }
        });
    }

    private DmException unsupported(String name, String extension) {
        return new DmException(DmException.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported format",
                name + ": files of type '." + extension + "' cannot be imported; installed formats: "
                        + String.join(", ", formats().stream().flatMap(f -> f.extensions().stream()).sorted()
                        .toList()));
    }

    static String extension(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private interface Work {
        void run(Run run) throws IOException;
    }

    private Result run(long projectId, User caller, Work work) {
        long started = System.nanoTime();
        Project project = projects.find(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
        LabelConfig config = labelConfigs.parse(project.labelConfig());
        try (TaskBulkStore.BulkWrite write = bulk.begin(projectId)) {
            Run run = new Run(config, write, caller, limits);
            try {
                work.run(run);
            } catch (IOException | UncheckedIOException e) {
                throw new ImportException("the upload could not be read: " + e.getMessage());
            }
            if (run.problemCount > 0) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("problems", run.problems);
                detail.put("total", run.problemCount);
                throw new ValidationException("import refused: nothing was imported", detail);
            }
            write.commit();
            return new Result(write.taskCount(), write.completionCount(), write.predictionCount(),
                    (System.nanoTime() - started) / 1e9, run.files);
        }
    }

    /** One import request: where problems are gathered and tasks checked and written. */
    private final class Run implements ImportSink {
        private final LabelConfig config;
        private final TaskBulkStore.BulkWrite write;
        private final User caller;
        private final Limits limits;
        private final LimitedInputStream.Budget uploaded;
        private final LimitedInputStream.Budget unpacked;
        private final Map<Long, Boolean> knownAuthors = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private final List<FileResult> files = new ArrayList<>();
        private long problemCount;
        private int entries;
        private String fileName;
        private String recordWord;
        private long fileTasks;

        Run(LabelConfig config, TaskBulkStore.BulkWrite write, User caller, Limits limits) {
            this.config = config;
            this.write = write;
            this.caller = caller;
            this.limits = limits;
            this.uploaded = new LimitedInputStream.Budget(limits.max_upload_bytes(), () -> {
                throw new DmException(DmException.Kind.TOO_LARGE, "upload too large",
                        "an import may upload at most " + limits.max_upload_bytes() + " bytes");
            });
            this.unpacked = new LimitedInputStream.Budget(limits.max_uncompressed_bytes(), () -> {
                throw new DmException(DmException.Kind.TOO_LARGE, "archive too large",
                        "archives of one import may unpack to at most " + limits.max_uncompressed_bytes()
                                + " bytes");
            });
        }

        InputStream upload(InputStream content) {
            return new LimitedInputStream(content, uploaded);
        }

        void dispatch(String name, InputStream content, int depth) throws IOException {
            String extension = extension(name);
            ImportFormat format = importFormat(extension);
            if (format != null) {
                file(name, format, content);
                return;
            }
            ArchiveFormat archive = archiveFormat(extension);
            if (archive == null) {
                if (depth == 0) {
                    throw unsupported(name, extension);
                }
                return;
            }
            if (depth >= limits.max_archive_depth()) {
                throw new DmException(DmException.Kind.UNPROCESSABLE, "archive nested too deep",
                        name + ": archives may nest at most " + limits.max_archive_depth() + " deep");
            }
            LimitedInputStream packed = new LimitedInputStream(content);
            // the whole archive's unpacked bytes against the packed bytes read so far
            long[] out = {0};
            LongConsumer ratio = bytes -> {
                out[0] += bytes;
                if (out[0] > RATIO_GRACE_BYTES
                        && out[0] > (long) limits.max_compression_ratio() * Math.max(1, packed.count())) {
                    throw new DmException(DmException.Kind.TOO_LARGE, "suspicious archive",
                            name + ": unpacks to more than " + limits.max_compression_ratio()
                                    + " times its size (a zip bomb?)");
                }
            };
            try {
                archive.entries(packed, (entry, entryContent) -> {
                    if (++entries > limits.max_archive_entries()) {
                        throw new DmException(DmException.Kind.UNPROCESSABLE, "too many archive entries",
                                name + ": an import may read at most " + limits.max_archive_entries() + " entries");
                    }
                    dispatch(name + "/" + entry, new LimitedInputStream(entryContent, unpacked, ratio),
                            depth + 1);
                });
            } catch (ImportException e) {
                refuse(name, e);
            }
        }

        void file(String name, ImportFormat format, InputStream content) throws IOException {
            fileName = name;
            recordWord = format.name().equals("json") ? "task" : "line";
            fileTasks = 0;
            try {
                format.read(content, new ImportContext(name, config), this);
            } catch (ImportException e) {
                refuse(name, e);
            }
            files.add(new FileResult(name, format.name(), fileTasks));
        }

        private void refuse(String name, ImportException e) {
            if (e.kind() != DmException.Kind.INVALID) {
                throw new DmException(e.kind(), "import refused", name + ": " + e.reason());
            }
            add(name + ": " + e.reason());
        }

        private void add(String problem) {
            problemCount++;
            if (problems.size() < MAX_REPORTED_PROBLEMS) {
                problems.add(problem);
            }
        }

        @Override
        public void problem(long record, String reason) {
            add(fileName + ", " + recordWord + " " + record + ": " + reason);
        }

        @Override
        public void task(long record, NewTask task) {
            fileTasks++;
            List<String> found = checks.task(config, task);
            List<NewCompletion> completions = new ArrayList<>(task.completions().size());
            for (NewCompletion completion : task.completions()) {
                completions.add(knownAuthor(completion.completedBy()) ? completion
                        : new NewCompletion(completion.result(), completion.leadTime(), completion.wasCancelled(),
                        completion.groundTruth(), null, completion.createdAt()));
            }
            found.forEach(p -> problem(record, p));
            if (problemCount == 0) {
                write.add(new NewTask(task.data(), task.meta(), completions, task.predictions()), caller.id());
            }
        }

        /** Authors named in a file are kept when they are users here; otherwise the importer is the author. */
        private boolean knownAuthor(Long id) {
            return id != null && knownAuthors.computeIfAbsent(id, k -> users.find(k).isPresent());
        }
    }

    @Override
    public byte[] sampleFile(long projectId, String format) {
        Project project = projects.find(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
        LabelConfig config = labelConfigs.parse(project.labelConfig());
        return SampleFiles.of(config, labelConfigs.sampleData(config), format).getBytes(StandardCharsets.UTF_8);
    }
}
