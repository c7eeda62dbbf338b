package io.labelhub.dm.api.io;

import java.util.List;

import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.labelconfig.LabelConfig;

/**
 * What an export format needs besides the tasks.
 *
 * @param dataKeys        every key of {@code data} among the exported tasks, config keys first, for formats with
 *                        columns
 * @param includeFullTask write everything needed to import the tasks again (ids, times, authors, meta)
 */
public record ExportContext(Project project, LabelConfig config, List<String> dataKeys, boolean includeFullTask) {

    public ExportContext {
        dataKeys = List.copyOf(dataKeys);
    }
}
