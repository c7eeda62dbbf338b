package io.labelhub.dm.api.io;

import java.util.List;
import java.util.Optional;

import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.labelconfig.LabelConfig;

/**
 * What an export format needs besides the tasks.
 *
 * @param dataKeys        every key of {@code data} among the exported tasks, config keys first, for formats with
 *                        columns
 * @param includeFullTask write everything needed to import the tasks again (ids, times, authors, meta)
 * @param legacyShape     write Label Studio's 2020 shape ({@code completions}, bare user ids) for older tools,
 *                        instead of its 1.x shape ({@code annotations}, {@code completed_by} with e-mail and names)
 * @param authors         the users the completions name, to write their e-mails and names
 * @param serverId        this server's identity, written beside the user ids so that an import here trusts them
 */
public record ExportContext(Project project, LabelConfig config, List<String> dataKeys, boolean includeFullTask,
                            boolean legacyShape, Authors authors, String serverId) {

    /** Who completions name, by user id. */
    @FunctionalInterface
    public interface Authors {
        Authors NONE = id -> Optional.empty();

        Optional<User> find(long userId);
    }

    public ExportContext {
        dataKeys = List.copyOf(dataKeys);
        authors = authors == null ? Authors.NONE : authors;
    }

    /** Label Studio's 1.x shape, no authors known. */
    public ExportContext(Project project, LabelConfig config, List<String> dataKeys, boolean includeFullTask) {
        this(project, config, dataKeys, includeFullTask, false, Authors.NONE, null);
    }
}
