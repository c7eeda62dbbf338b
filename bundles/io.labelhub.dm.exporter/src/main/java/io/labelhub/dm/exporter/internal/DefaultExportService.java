package io.labelhub.dm.exporter.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.api.spi.Extensions;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.ServerIdentity;
import io.labelhub.dm.api.storage.TaskExportStore;
import io.labelhub.dm.api.storage.UserRepository;

/** Streams exports through whatever export formats are installed, page by page from the export store. */
@Component(service = ExportService.class)
public class DefaultExportService implements ExportService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultExportService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss")
            .withZone(ZoneOffset.UTC);

    private final ProjectRepository projects;
    private final TaskExportStore tasks;
    private final LabelConfigService labelConfigs;
    private final UserRepository users;
    private final ServerIdentity server;
    private final Extensions<ExportFormat> exportFormats = new Extensions<>(ExportFormat.FORMAT_PROPERTY);

    @Activate
    public DefaultExportService(@Reference ProjectRepository projects, @Reference TaskExportStore tasks,
                                @Reference LabelConfigService labelConfigs, @Reference UserRepository users,
                                @Reference ServerIdentity server) {
        this.projects = projects;
        this.tasks = tasks;
        this.labelConfigs = labelConfigs;
        this.users = users;
        this.server = server;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExportFormat(ExportFormat format, Map<String, Object> properties) {
        if (exportFormats.add(format, properties) == null) {
            LOG.warn("An export format without an '{}' service property is not used: {}", ExportFormat.FORMAT_PROPERTY,
                    format);
        }
    }

    void removeExportFormat(ExportFormat format) {
        exportFormats.remove(format);
    }

    @Override
    public List<Format> formats() {
        List<Format> formats = new ArrayList<>();
        for (String name : exportFormats.names()) {
            exportFormats.named(name).ifPresent(f -> formats.add(new Format(name, f.mediaType(), f.extension(),
                    f.description())));
        }
        return formats;
    }

    @Override
    public Prepared prepare(long projectId, Request request) {
        Project project = projects.find(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
        String type = request.type() == null ? "JSON" : request.type().toUpperCase(Locale.ROOT);
        ExportFormat format = exportFormats.named(type).orElseThrow(() -> new ValidationException("unknown exportType",
                        "exportType '" + request.type() + "' is not installed; available: "
                                + String.join(", ", formats().stream().map(Format::name).toList())));
        LabelConfig config = labelConfigs.parse(project.labelConfig());
        TaskExportStore.Selection selection = new TaskExportStore.Selection(!request.allTasks(),
                request.onlyGroundTruth(), request.selection());
        String fileName = "project-" + projectId + "-at-" + STAMP.format(Instant.now()) + "." + format.extension();
        return new Prepared() {
            @Override
            public String mediaType() {
                return format.mediaType();
            }

            @Override
            public String fileName() {
                return fileName;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                List<String> keys = List.of();
                if (format.needsDataKeys()) {
                    Set<String> ordered = new LinkedHashSet<>(config.dataKeys().keySet());
                    ordered.addAll(tasks.dataKeys(projectId, selection));
                    keys = new ArrayList<>(ordered);
                }
                // each author read once per export: a project has few, its completions many
                Map<Long, Optional<User>> authors = new HashMap<>();
                ExportContext context = new ExportContext(project, config, keys, request.includeFullTask(),
                        request.legacyShape(), id -> authors.computeIfAbsent(id, users::find), server.id());
                try (TaskExportStore.TaskCursor cursor = tasks.tasks(projectId, selection)) {
                    format.write(context, cursor, out);
                }
            }
        };
    }
}
