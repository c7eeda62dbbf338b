package io.labelhub.dm.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.labelhub.dm.api.Author;
import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.io.ArchiveFormat;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportFormat;
import io.labelhub.dm.api.io.ImportSink;
import io.labelhub.dm.api.io.SampleFile;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.api.service.ImportService.Options;
import io.labelhub.dm.api.service.ImportService.UnknownAuthors;
import io.labelhub.dm.api.service.TaskValidator;
import io.labelhub.dm.api.spi.Extension;
import io.labelhub.dm.api.spi.Extensions;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.ServerIdentity;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.UserRepository;

/**
 * Imports files and JSON bodies through whatever import and archive formats are installed, checking every
 * record against the labeling config and writing through one bulk transaction: any problem anywhere and the
 * transaction is rolled back. Archives are read as streams within limits on size, ratio, entries and depth.
 */
@Component(service = ImportService.class, configurationPid = DefaultImportService.PID)
@Designate(ocd = DefaultImportService.Limits.class)
public class DefaultImportService implements ImportService {

    /** The most of a flag's reasons that is stored with a completion. */
    private static final int FLAG_CHARS = 2000;

    /** The data key Label Studio writes for a value without a name. */
    static final String UNDEFINED_KEY = "$undefined$";

    static final String PID = "io.labelhub.dm.import";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultImportService.class);
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
    private final TaskValidator validator;
    private final UserRepository users;
    private final ServerIdentity server;
    private final Extensions<ImportFormat> importFormats = new Extensions<>(ImportFormat.FORMAT_PROPERTY);
    private final Extensions<ArchiveFormat> archiveFormats = new Extensions<>(ImportFormat.FORMAT_PROPERTY);
    private volatile Limits limits;

    @Activate
    public DefaultImportService(@Reference ProjectRepository projects, @Reference TaskBulkStore bulk,
                                @Reference LabelConfigService labelConfigs, @Reference TaskValidator validator,
                                @Reference UserRepository users, @Reference ServerIdentity server,
                                Limits limits) {
        this.projects = projects;
        this.bulk = bulk;
        this.labelConfigs = labelConfigs;
        this.validator = validator;
        this.users = users;
        this.server = server;
        this.limits = limits;
    }

    @Modified
    void modified(Limits changed) {
        this.limits = changed;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addImportFormat(ImportFormat format, Map<String, Object> properties) {
        added(importFormats.add(format, properties), format, importFormats, ImportFormat::extensions);
    }

    void removeImportFormat(ImportFormat format) {
        importFormats.remove(format);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addArchiveFormat(ArchiveFormat format, Map<String, Object> properties) {
        added(archiveFormats.add(format, properties), format, archiveFormats, ArchiveFormat::extensions);
    }

    void removeArchiveFormat(ArchiveFormat format) {
        archiveFormats.remove(format);
    }

    /** Says in the log which format serves an extension that two claim, so an admin sees the rule at work. */
    private static <S> void added(Extension<S> added, S format, Extensions<S> formats,
                                  Function<S, Set<String>> extensions) {
        if (added == null) {
            LOG.warn("A format without a '{}' service property is not used: {}", ImportFormat.FORMAT_PROPERTY, format);
            return;
        }
        Map<String, Extension<S>> winners = formats.byKey(extensions);
        for (String extension : extensions.apply(format)) {
            for (Extension<S> rival : formats.all()) {
                if (rival.service() != format && extensions.apply(rival.service()).contains(extension)) {
                    LOG.info("Import formats '{}' (ranking {}) and '{}' (ranking {}) both claim .{}: '{}' reads it",
                            added.name(), added.ranking(), rival.name(), rival.ranking(), extension,
                            winners.get(extension).name());
                }
            }
        }
    }

    /** The format that reads files of this extension, with its name; null when none is installed. */
    private Extension<ImportFormat> importFormat(String extension) {
        return importFormats.byKey(ImportFormat::extensions).get(extension);
    }

    private ArchiveFormat archiveFormat(String extension) {
        Extension<ArchiveFormat> format = archiveFormats.byKey(ArchiveFormat::extensions).get(extension);
        return format == null ? null : format.service();
    }

    @Override
    public List<Format> formats() {
        List<Format> formats = new ArrayList<>();
        Map<String, Extension<ImportFormat>> readers = importFormats.byKey(ImportFormat::extensions);
        for (Extension<ImportFormat> f : importFormats.all()) {
            formats.add(new Format(f.name(), sorted(f.service().extensions()),
                    sorted(active(f.service().extensions(), readers, f)), false, f.ranking()));
        }
        Map<String, Extension<ArchiveFormat>> archives = archiveFormats.byKey(ArchiveFormat::extensions);
        for (Extension<ArchiveFormat> f : archiveFormats.all()) {
            formats.add(new Format(f.name(), sorted(f.service().extensions()),
                    sorted(active(f.service().extensions(), archives, f)), true, f.ranking()));
        }
        formats.sort(Comparator.comparing(Format::name).thenComparing(Format::ranking, Comparator.reverseOrder()));
        return formats;
    }

    private static <S> List<String> active(Set<String> extensions, Map<String, Extension<S>> winners,
                                           Extension<S> format) {
        return extensions.stream().filter(e -> winners.get(e) == format).toList();
    }

    private static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }

    @Override
    public Result importJson(long projectId, InputStream body, User caller, Options options) {
        Extension<ImportFormat> json = importFormat("json");
        if (json == null) {
            throw new DmException(DmException.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported format",
                    "no JSON import format is installed");
        }
        return run(projectId, caller, options, run -> run.file("request body", json, run.upload(body)));
    }

    @Override
    public Result importFiles(long projectId, List<Upload> files, User caller, Options options) {
        if (files.isEmpty()) {
            throw new ValidationException("nothing to import", "send one or more files as multipart/form-data");
        }
        for (Upload upload : files) {
            String extension = extension(upload.name());
            if (importFormat(extension) == null && archiveFormat(extension) == null) {
                throw unsupported(upload.name(), extension);
            }
        }
        return importFiles(projectId, files.iterator(), caller, options);
    }

    @Override
    public Result importFiles(long projectId, Iterator<Upload> files, User caller, Options options) {
        return run(projectId, caller, options, run -> {
            boolean any = false;
            while (files.hasNext()) {
                Upload upload = files.next();
                any = true;
                // dispatch refuses a file of no installed format (415), which undoes the files before it
                run.dispatch(upload.name(), run.upload(upload.content()), 0);
            }
            if (!any) {
                throw new ValidationException("nothing to import", "send one or more files as multipart/form-data");
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

    private Result run(long projectId, User caller, Options options, Work work) {
        long started = System.nanoTime();
        Project project = projects.find(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
        LabelConfig config = labelConfigs.parse(project.labelConfig());
        try (TaskBulkStore.BulkWrite write = bulk.begin(projectId)) {
            Run run = new Run(config, write, caller, limits, options);
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
            if (!run.unknownAuthors.isEmpty()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("unknown_authors", List.copyOf(run.unknownAuthors));
                detail.put("hint", "nothing was imported; create these users, or import again with unknown_authors="
                        + UnknownAuthors.IMPORTER.wireName() + " (you are credited) or unknown_authors="
                        + UnknownAuthors.CREATE.wireName() + " (each becomes an inactive user)");
                throw new DmException(DmException.Kind.UNPROCESSABLE, "unknown authors", detail);
            }
            write.commit();
            if (run.flaggedCount > run.flagged.size()) {
                run.flagged.add("… and " + (run.flaggedCount - run.flagged.size()) + " more");
            }
            return new Result(write.taskCount(), write.completionCount(), write.predictionCount(),
                    (System.nanoTime() - started) / 1e9, run.files, run.flagged);
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
        private final Options options;
        /** Each author the file names, as a user here ({@code null}: none, so far). */
        private final Map<Author, Long> authors = new HashMap<>();
        private final Set<String> unknownAuthors = new LinkedHashSet<>();
        private final List<String> problems = new ArrayList<>();
        private final List<String> flagged = new ArrayList<>();
        private long flaggedCount;
        private final List<FileResult> files = new ArrayList<>();
        private long problemCount;
        private int entries;
        private String fileName;
        private String recordWord;
        private long fileTasks;

        Run(LabelConfig config, TaskBulkStore.BulkWrite write, User caller, Limits limits, Options options) {
            this.config = config;
            this.options = options;
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
            Extension<ImportFormat> format = importFormat(extension);
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

        void file(String name, Extension<ImportFormat> format, InputStream content) throws IOException {
            fileName = name;
            recordWord = format.service().recordName();
            fileTasks = 0;
            try {
                format.service().read(content, new ImportContext(name, config), this);
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

        private void flag(String mismatch) {
            flaggedCount++;
            if (flagged.size() < MAX_REPORTED_PROBLEMS) {
                flagged.add(mismatch);
            }
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
        public void task(long record, NewTask read) {
            fileTasks++;
            NewTask task = undefinedKeyNamed(read);
            List<String> found;
            Map<Integer, String> mismatched = new HashMap<>();
            if (options.strict()) {
                found = validator.task(config, task);
            } else {
                TaskValidator.Checked checked = validator.check(config, task);
                found = checked.problems();
                for (TaskValidator.Mismatch mismatch : checked.mismatches()) {
                    flag(fileName + ", " + recordWord + " " + record + ": " + mismatch.message());
                    if (mismatch.completion() != null) {
                        mismatched.merge(mismatch.completion(), mismatch.reason(), (a, b) -> a + "; " + b);
                    }
                }
            }
            List<NewCompletion> completions = new ArrayList<>(task.completions().size());
            for (int i = 0; i < task.completions().size(); i++) {
                NewCompletion completion = task.completions().get(i);
                if (mismatched.containsKey(i)) {
                    completion = completion.flagged(abbreviated(mismatched.get(i)));
                }
                if (completion.author() == null) {
                    completions.add(completion);
                } else {
                    Long user = user(completion.author());
                    completions.add(user != null ? completion.by(user) : completion.creditedToImporter());
                }
            }
            found.forEach(p -> problem(record, p));
            if (problemCount == 0) {
                write.add(task.with(task.data(), completions), caller.id());
            }
        }

        private static String abbreviated(String reasons) {
            return reasons.length() <= FLAG_CHARS ? reasons : reasons.substring(0, FLAG_CHARS - 1) + "…";
        }

        /**
         * Label Studio's {@code $undefined$} data key (what it writes for a value it had no name for) is the config's
         * data key when the config reads exactly one, as Label Studio maps it.
         */
        private NewTask undefinedKeyNamed(NewTask task) {
            Map<String, Object> data = task.data();
            if (data == null || !data.containsKey(UNDEFINED_KEY) || config.dataKeys().size() != 1) {
                return task;
            }
            String key = config.dataKeys().keySet().iterator().next();
            if (data.containsKey(key)) {
                return task;
            }
            Map<String, Object> named = new LinkedHashMap<>();
            data.forEach((k, v) -> named.put(k.equals(UNDEFINED_KEY) ? key : k, v));
            return task.with(named, task.completions());
        }

        /**
         * The user here who made a completion the file says {@code author} made: by e-mail first, then by id when the
         * file says its ids are this server's; else what the options say ({@code null}: the importer).
         */
        private Long user(Author author) {
            if (authors.containsKey(author)) {
                return authors.get(author);
            }
            Long user = resolve(author);
            authors.put(author, user);
            return user;
        }

        private Long resolve(Author a) {
            Optional<Long> known = a.email() != null
                    ? users.findByEmail(a.email()).map(c -> c.user().id())
                    : a.id() != null && server.id().equals(a.server())
                    ? users.find(a.id()).map(User::id) : Optional.empty();
            if (known.isPresent()) {
                return known.get();
            }
            return switch (options.unknownAuthors()) {
                case IMPORTER -> null;
                case CREATE -> created(a);
                case REFUSE -> {
                    unknownAuthors.add(a.describe());
                    yield null;
                }
            };
        }

        /** An inactive user for an author of the file: named by their e-mail (or their id there) and names. */
        private Long created(Author author) {
            String email = author.email() != null ? author.email()
                    : "user-" + author.id() + "@" + (author.server() == null ? "imported" : author.server())
                    + ".invalid";
            Optional<Long> again = users.findByEmail(email).map(c -> c.user().id());
            if (again.isPresent()) {
                return again.get();
            }
            // no password works for it ("!" is no hash of any): an admin activates it and sets one
            User made = users.insert(email, "!", author.firstName() == null ? "" : author.firstName(),
                    author.lastName() == null ? "" : author.lastName(), Role.ANNOTATOR);
            users.update(made.id(), null, null, null, false, null);
            LOG.info("Import created the inactive user {} ({}) for a completion's author", made.id(), email);
            return made.id();
        }
    }

    @Override
    public SampleFile sampleFile(long projectId, String format) {
        LabelConfig config = configOf(projectId);
        Map<String, Object> sample = labelConfigs.sampleData(config);
        ImportFormat installed = importFormats.named(format == null ? "" : format.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ValidationException("unknown sample format",
                        "no import format '" + format + "' is installed; samples come as "
                                + String.join(", ", sampleFormats(config, sample))));
        return installed.sample(new ImportContext("sample", config), sample)
                .orElseThrow(() -> new ValidationException("no sample file", "the " + format + " format offers "
                        + "no sample for this labeling config; samples come as "
                        + String.join(", ", sampleFormats(config, sample))));
    }

    @Override
    public List<String> sampleFormats(long projectId) {
        LabelConfig config = configOf(projectId);
        return sampleFormats(config, labelConfigs.sampleData(config));
    }

    private List<String> sampleFormats(LabelConfig config, Map<String, Object> sample) {
        List<String> names = new ArrayList<>();
        for (String name : importFormats.names()) {
            importFormats.named(name).flatMap(f -> f.sample(new ImportContext("sample", config), sample))
                    .ifPresent(file -> names.add(name));
        }
        return names;
    }

    private LabelConfig configOf(long projectId) {
        Project project = projects.find(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
        return labelConfigs.parse(project.labelConfig());
    }
}
