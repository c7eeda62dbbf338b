package io.labelhub.dm.api.io;

import io.labelhub.dm.api.labelconfig.LabelConfig;

/**
 * What a format may need to know about the import it serves.
 *
 * @param fileName the file's name as uploaded (inside an archive: {@code archive.zip/inner/name.csv}); only for
 *                 messages, never a path on disk
 * @param config   the project's labeling config
 */
public record ImportContext(String fileName, LabelConfig config) {

    /**
     * The data key a line of plain text becomes: the config's only text key, else its first data key, else
     * {@code text}.
     */
    public String textKey() {
        var keys = config.dataKeys();
        var textual = keys.entrySet().stream().filter(e -> !e.getValue().blob()).map(java.util.Map.Entry::getKey)
                .toList();
        if (textual.size() == 1) {
            return textual.get(0);
        }
        return keys.isEmpty() ? "text" : keys.keySet().iterator().next();
    }
}
