package io.labelhub.dm.storage.jpa.internal.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;

/**
 * Brings the database schema up to the newest version, step by step, each step in its own transaction and
 * recorded in {@code schema_version}. Steps are never edited once released: a change is a new step, so an
 * upgrade keeps the data. Every step not recorded yet is applied, in version order, also one numbered below a step
 * already there (steps of features built side by side may land in another order than their numbers). Several nodes
 * starting together serialise on a lock of {@code schema_version}.
 */
public final class SchemaMigrations {

    /**
     * One step: a version number, what it does, its SQL script beside this class, and what it then does in Java
     * (for data SQL cannot derive, such as labels inside stored JSON).
     */
    public record Step(int version, String description, String script, JavaStep then) {

        Step(int version, String description, String script) {
            this(version, description, script, null);
        }
    }

    /** The Java part of a step, run in the migration's transaction. */
    @FunctionalInterface
    public interface JavaStep {
        void run(Connection connection) throws SQLException;
    }

    public static final List<Step> STEPS = List.of(
            new Step(1, "users, projects, tasks, completions, predictions", "V001__initial.sql"),
            new Step(2, "id blocks for tasks, completions and predictions", "V002__id_blocks.sql"),
            new Step(3, "no duplicates of Derby's foreign-key indexes", "V003__derby_redundant_indexes.sql"),
            new Step(4, "Data Manager counters, label index and views", "V004__data_manager.sql",
                    LabelIndex::rebuild),
            new Step(5, "imports hold a lock of their own instead of the project row", "V005__import_lock.sql"),
            new Step(6, "a task's completions and predictions are deleted by code, not by a cascade",
                    "V006__task_children_deleted_by_code.sql"),
            new Step(7, "project members with their roles; creators manage their projects",
                    "V007__project_members.sql"),
            new Step(8, "the Verify Stream: reviews of completions, each reviewer's completion in hand",
                    "V008__reviews.sql"),
            new Step(9, "ground truth in bulk: one sample or reset per project at a time",
                    "V009__ground_truth.sql"),
            new Step(10, "the Label Stream: task locks, a project's lock TTL, indexes of open tasks",
                    "V010__label_stream.sql"),
            new Step(11, "browser sessions", "V011__sessions.sql"),
            new Step(12, "this server's identity, named by its exports", "V012__server_identity.sql",
                    SchemaMigrations::newServerIdentity),
            new Step(13, "the original author of a completion an import credited to the importer",
                    "V013__original_author.sql"),
            new Step(14, "why a lenient import kept a completion that does not fit the labeling config",
                    "V014__flagged_completions.sql"),
            new Step(15, "a trigram index for the Data Manager's data search (PostgreSQL)",
                    "V015__data_search_index.sql", SchemaMigrations::dataSearchIndex),
            new Step(16, "a version per project and a log of changed tasks, for each node's task index",
                    "V016__task_changes.sql"),
            new Step(17, "a child's task and author checked by the code that writes it, not by foreign keys",
                    "V017__children_checked_by_code.sql"));

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    /** The name of the trigram index of {@code LOWER(task.data)} on PostgreSQL. */
    public static final String DATA_SEARCH_INDEX = "ix_task_data_trgm";

    private static void dataSearchIndex(Connection connection) throws SQLException {
        if (Dialect.of(connection.getMetaData()) != Dialect.POSTGRESQL) {
            return;
        }
        java.sql.Savepoint before = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            statement.execute("CREATE INDEX " + DATA_SEARCH_INDEX + " ON task USING gin (LOWER(data) gin_trgm_ops)");
            connection.releaseSavepoint(before);
        } catch (SQLException e) {
            connection.rollback(before);
            LOG.warn("No trigram index for the Data Manager's data search ({}): a data.<key> filter reads every "
                    + "task of its project. A database superuser can run CREATE EXTENSION pg_trgm; the next start "
                    + "does not try again, see the README", e.getMessage());
        }
    }

    private static void newServerIdentity(Connection connection) throws SQLException {
        try (java.sql.PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO server_identity (id) VALUES (?)")) {
            insert.setString(1, java.util.UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    private SchemaMigrations() {
    }

    public static int latestVersion() {
        return STEPS.get(STEPS.size() - 1).version();
    }

    /** Applies the missing steps and returns the schema version now in the database. */
    public static int migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Dialect dialect = Dialect.of(connection.getMetaData());
            createVersionTable(connection);
            connection.setAutoCommit(false);
            try {
                try (Statement lock = connection.createStatement()) {
                    lock.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
                }
                Set<Integer> applied = appliedVersions(connection);
                for (Step step : STEPS) {
                    if (applied.add(step.version())) {
                        apply(connection, dialect, step);
                    }
                }
                connection.commit();
                return applied.stream().mapToInt(Integer::intValue).max().orElse(0);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void createVersionTable(Connection connection) throws SQLException {
        if (tableExists(connection, "schema_version")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(255) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            // another node created it in the meantime
            if (!tableExists(connection, "schema_version")) {
                throw e;
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<Integer> appliedVersions(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static void apply(Connection connection, Dialect dialect, Step step) throws SQLException {
        LOG.info("Migrating the database schema to version {}: {}", step.version(), step.description());
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(dialect.render(readScript(step.script())))) {
                String only = dialect.onlyFor(sql);
                if (only != null) {
                    statement.execute(only);
                }
            }
        }
        if (step.then() != null) {
            step.then().run(connection);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, step.version());
            insert.setString(2, step.description());
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static String readScript(String name) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + name + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + name, e);
        }
    }

    /** Splits a script into statements: each ends with a semicolon at the end of a line; {@code --} comments go. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
