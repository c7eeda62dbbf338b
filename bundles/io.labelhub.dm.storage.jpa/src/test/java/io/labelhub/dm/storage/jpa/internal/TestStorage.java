package io.labelhub.dm.storage.jpa.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.eclipse.persistence.jpa.PersistenceProvider;

import io.labelhub.dm.storage.jpa.internal.bulk.JdbcTaskBulkStore;
import io.labelhub.dm.storage.jpa.internal.export.JdbcTaskExportStore;
import io.labelhub.dm.storage.jpa.internal.gt.JdbcGroundTruthStore;
import io.labelhub.dm.storage.jpa.internal.query.JdbcTaskQueryStore;
import io.labelhub.dm.storage.jpa.internal.query.TaskIndex;
import io.labelhub.dm.storage.jpa.internal.repository.JdbcServerIdentity;
import io.labelhub.dm.storage.jpa.internal.repository.JdbcSessionRepository;
import io.labelhub.dm.storage.jpa.internal.repository.JpaMemberRepository;
import io.labelhub.dm.storage.jpa.internal.repository.JpaProjectRepository;
import io.labelhub.dm.storage.jpa.internal.repository.JpaTaskRepository;
import io.labelhub.dm.storage.jpa.internal.repository.JpaUserRepository;
import io.labelhub.dm.storage.jpa.internal.repository.JpaViewRepository;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.stream.JdbcReviewStore;
import io.labelhub.dm.storage.jpa.internal.stream.JdbcTaskLockStore;
import io.labelhub.dm.storage.jpa.internal.sql.IdAllocator;
import io.labelhub.dm.storage.jpa.internal.stats.JdbcStatsStore;

/**
 * The storage bundle's components over a real database ({@link TestDatabase}: the embedded Derby in a folder, or a
 * PostgreSQL database of the folder's own with {@code -Dlabelhub.test.database=postgresql}), wired by hand the way DS
 * wires them in Karaf (and deactivated on close as DS would); the JpaTemplate does what Aries JPA's does for a
 * RESOURCE_LOCAL unit.
 */
public final class TestStorage implements AutoCloseable {

    public final TestDatabase database;
    public final DataSource dataSource;
    public final EntityManagerFactory emf;
    public final DatabaseSchema schema;
    public final JpaUserRepository users;
    public final JpaProjectRepository projects;
    public final JpaTaskRepository tasks;
    public final StorageThreads threads;
    public final JdbcTaskBulkStore bulk;
    public final JdbcTaskExportStore exports;
    /** The Data Manager's queries with a task index, as the distribution runs them. */
    public final JdbcTaskQueryStore queries;
    /** The same queries with the task index off: each one reads the database's indexes. */
    public final JdbcTaskQueryStore unindexedQueries;
    public final TaskIndex index;
    public final JdbcStatsStore stats;
    public final JpaViewRepository views;
    public final JpaMemberRepository members;
    public final JdbcTaskLockStore locks;
    public final JdbcReviewStore reviews;
    public final JdbcSessionRepository sessions;
    public final JdbcServerIdentity server;
    public final JdbcGroundTruthStore groundTruth;

    public TestStorage(Path folder) throws SQLException {
        database = TestDatabase.at(folder);
        dataSource = database.dataSource();
        schema = new DatabaseSchema(dataSource);
        emf = new PersistenceProvider().createEntityManagerFactory("labelhub",
                Map.of("javax.persistence.nonJtaDataSource", dataSource));
        JpaTemplate jpa = new ResourceLocalTemplate(emf);
        users = new JpaUserRepository(jpa, schema);
        projects = new JpaProjectRepository(jpa, schema);
        IdAllocator ids = new IdAllocator(dataSource, schema);
        tasks = new JpaTaskRepository(jpa, ids);
        threads = new StorageThreads();
        index = new TaskIndex(64);
        queries = new JdbcTaskQueryStore(dataSource, schema, index);
        unindexedQueries = new JdbcTaskQueryStore(dataSource, schema, new TaskIndex(0));
        bulk = new JdbcTaskBulkStore(dataSource, ids, threads);
        exports = new JdbcTaskExportStore(dataSource, threads, schema);
        stats = new JdbcStatsStore(dataSource, schema);
        views = new JpaViewRepository(jpa, schema);
        members = new JpaMemberRepository(jpa, schema);
        locks = new JdbcTaskLockStore(dataSource, schema);
        reviews = new JdbcReviewStore(dataSource, schema);
        sessions = new JdbcSessionRepository(dataSource, schema);
        server = new JdbcServerIdentity(dataSource, schema);
        groundTruth = new JdbcGroundTruthStore(dataSource, schema);
    }

    @Override
    public void close() {
        threads.deactivate();
        emf.close();
        database.close();
    }

    private record ResourceLocalTemplate(EntityManagerFactory emf) implements JpaTemplate {

        @Override
        public <R> R txExpr(TransactionType type, EmFunction<R> code) {
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                R result = code.apply(em);
                em.getTransaction().commit();
                return result;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw e;
            } finally {
                em.close();
            }
        }

        @Override
        public void tx(TransactionType type, EmConsumer code) {
            txExpr(type, em -> {
                code.accept(em);
                return null;
            });
        }

        @Override
        public <R> R txExpr(EmFunction<R> code) {
            return txExpr(TransactionType.Required, code);
        }

        @Override
        public void tx(EmConsumer code) {
            tx(TransactionType.Required, code);
        }
    }
}
