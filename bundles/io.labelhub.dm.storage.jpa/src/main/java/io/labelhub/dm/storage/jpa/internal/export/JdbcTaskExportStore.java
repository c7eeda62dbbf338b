package io.labelhub.dm.storage.jpa.internal.export;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.api.storage.TaskExportStore;
import io.labelhub.dm.storage.jpa.internal.StorageThreads;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.DatabaseErrors;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

/**
 * Exports read as keyset pages of tasks with their completions and predictions fetched per page by task id range
 * ({@link Pages}), the next pages read on a storage thread while the caller writes the current one
 * ({@link Prefetch}); memory stays flat whatever the project's size.
 */
@Component(service = TaskExportStore.class)
public class JdbcTaskExportStore implements TaskExportStore {

    private static final JsonFactory JSON = new JsonFactory();

    private final DataSource dataSource;
    private final StorageThreads threads;

    @Activate
    public JdbcTaskExportStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                               @Reference StorageThreads threads, @Reference StorageInfo schemaReady) {
        this.dataSource = dataSource;
        this.threads = threads;
    }

    @Override
    public TaskCursor tasks(long projectId, Selection selection) {
        return new Prefetch(threads, "export reader of project " + projectId,
                new Pages(dataSource, projectId, selection, Pages.selectedIds(dataSource, projectId, selection)));
    }

    @Override
    public List<String> dataKeys(long projectId, Selection selection) {
        Set<String> keys = new LinkedHashSet<>();
        long[] ids = Pages.selectedIds(dataSource, projectId, selection);
        try (Connection connection = dataSource.getConnection()) {
            for (int start = 0; ids == null ? start == 0 : start < ids.length; start += Jdbc.CHUNK) {
                int count = ids == null ? 0 : Math.min(Jdbc.CHUNK, ids.length - start);
                String sql = "SELECT data FROM task" + Pages.where(selection) + Pages.idFilter(count) + " ORDER BY id";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int index = Pages.bind(statement, projectId, selection);
                    for (int i = 0; i < count; i++) {
                        statement.setLong(index++, ids[start + i]);
                    }
                    statement.setFetchSize(Jdbc.CHUNK);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            topLevelKeys(rs.getString(1), keys);
                        }
                    }
                }
                if (ids == null) {
                    break;
                }
            }
        } catch (SQLException | IOException e) {
            throw DatabaseErrors.translate(e, "cannot read the data keys of project " + projectId);
        }
        return List.copyOf(keys);
    }

    /** Collects the top-level field names of a JSON object without building it. */
    private static void topLevelKeys(String json, Set<String> keys) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        }
    }
}
