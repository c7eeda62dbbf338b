package io.labelhub.dm.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.spi.Extensions;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.stream.SamplingStrategy;

/** Projects with their fields and labeling config checked before anything is stored. */
@Component(service = ProjectService.class)
public class DefaultProjectService implements ProjectService {

    static final int MAX_TITLE = 255;
    static final int MAX_DESCRIPTION = 65_536;
    static final int MAX_OVERLAP = 1000;
    static final int MIN_LOCK_TTL = 10;
    static final int MAX_LOCK_TTL = 86_400;
    private static final Pattern SAMPLING = Pattern.compile("^[a-z][a-z0-9_-]{0,63}$");

    private final ProjectRepository projects;
    private final LabelConfigService labelConfigs;
    /** The installed sampling strategies (plugins add some): a project may only name one of them. */
    private final Extensions<SamplingStrategy> strategies = new Extensions<>(SamplingStrategy.PROPERTY);

    @Activate
    public DefaultProjectService(@Reference ProjectRepository projects, @Reference LabelConfigService labelConfigs) {
        this.projects = projects;
        this.labelConfigs = labelConfigs;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStrategy(SamplingStrategy strategy, Map<String, Object> properties) {
        strategies.add(strategy, properties);
    }

    void removeStrategy(SamplingStrategy strategy) {
        strategies.remove(strategy);
    }

    @Override
    public Project create(ProjectDraft draft, User creator) {
        ProjectDraft complete = new ProjectDraft(draft.title(),
                draft.description() == null ? "" : draft.description(), draft.labelConfig(),
                draft.sampling() == null ? DEFAULT_SAMPLING : draft.sampling(),
                draft.overlap() == null ? 1 : draft.overlap(),
                draft.lockTtl() == null ? Project.DEFAULT_LOCK_TTL : draft.lockTtl());
        List<String> problems = check(complete, true);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid project", problems);
        }
        labelConfigs.parse(complete.labelConfig());
        return projects.insert(complete, creator == null ? null : creator.id());
    }

    private List<String> check(ProjectDraft draft, boolean creating) {
        List<String> problems = new ArrayList<>();
        if (draft.title() == null ? creating : draft.title().isBlank()) {
            problems.add("title is required");
        } else if (draft.title() != null && draft.title().length() > MAX_TITLE) {
            problems.add("title must have at most " + MAX_TITLE + " characters");
        }
        if (draft.description() != null && draft.description().length() > MAX_DESCRIPTION) {
            problems.add("description must have at most " + MAX_DESCRIPTION + " characters");
        }
        if (creating && draft.labelConfig() == null) {
            problems.add("label_config is required");
        }
        if (draft.sampling() != null && !SAMPLING.matcher(draft.sampling()).matches()) {
            problems.add("sampling '" + draft.sampling() + "' is not a strategy name (such as sequential, uniform, "
                    + "uncertainty)");
        } else if (draft.sampling() != null && strategies.named(draft.sampling()).isEmpty()) {
            problems.add("sampling '" + draft.sampling() + "' is not an installed strategy; installed: "
                    + String.join(", ", strategies.names()) + " (GET /api/sampling-strategies)");
        }
        if (draft.lockTtl() != null && (draft.lockTtl() < MIN_LOCK_TTL || draft.lockTtl() > MAX_LOCK_TTL)) {
            problems.add("lock_ttl must be between " + MIN_LOCK_TTL + " and " + MAX_LOCK_TTL + " seconds, was "
                    + draft.lockTtl());
        }
        if (draft.overlap() != null && (draft.overlap() < 1 || draft.overlap() > MAX_OVERLAP)) {
            problems.add("overlap must be between 1 and " + MAX_OVERLAP + ", was " + draft.overlap());
        }
        return problems;
    }

    @Override
    public Project get(long id) {
        return projects.find(id).orElseThrow(() -> new NotFoundException("project", id));
    }

    @Override
    public Page<Project> list(PageRequest page) {
        return projects.list(page, null);
    }

    @Override
    public Page<Project> list(PageRequest page, User viewer) {
        return projects.list(page, viewer.role() == Role.ADMIN ? null : viewer.id());
    }

    @Override
    public Project update(long id, ProjectDraft patch) {
        List<String> problems = check(patch, false);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid project", problems);
        }
        if (patch.labelConfig() != null) {
            labelConfigs.parse(patch.labelConfig());
        }
        return projects.update(id, patch).orElseThrow(() -> new NotFoundException("project", id));
    }

    @Override
    public void delete(long id) {
        if (!projects.delete(id)) {
            throw new NotFoundException("project", id);
        }
    }

    @Override
    public Map<String, Object> sampleTask(long id) {
        Project project = get(id);
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("data", labelConfigs.sampleData(labelConfigs.parse(project.labelConfig())));
        return task;
    }
}
