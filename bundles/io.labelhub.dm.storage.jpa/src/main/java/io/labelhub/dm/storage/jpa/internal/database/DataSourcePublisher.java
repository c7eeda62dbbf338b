package io.labelhub.dm.storage.jpa.internal.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.ops4j.pax.jdbc.pool.common.PooledDataSourceFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;

/**
 * Offers the Data Manager's pooled DataSource ({@code dataSourceName=labelhub}) once the database
 * {@link DatabaseSettings} name answers. Until then it tries again every few seconds, with one log line per
 * distinct reason ("connection refused", "password authentication failed"), so a server started before its database
 * comes up by itself when the database does; the schema, every store and {@code /api/health} wait for the service.
 * Once offered, the pool checks each connection before handing it out, so a database that restarts later costs the
 * requests made while it is down (503) and nothing after.
 * <p>
 * The driver's DataSourceFactory is looked up by name (Derby's from pax-jdbc-derby, PostgreSQL's registered by its
 * driver bundle) and pooled by pax-jdbc's DBCP2 factory.
 */
@Component(immediate = true, configurationPid = DataSourcePublisher.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DataSourcePublisher.Config.class)
public class DataSourcePublisher {

    static final String PID = "io.labelhub.dm.database";
    private static final Logger LOG = LoggerFactory.getLogger(DataSourcePublisher.class);
    private static final long RETRY_MILLIS = 3000;

    @ObjectClassDefinition(name = "LabelHub database",
            description = "Which database the Data Manager uses; the environment variables of the same names win")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL, jdbc:postgresql://host:5432/db; empty: the embedded Derby")
        String DM__DB__URL() default "";

        @AttributeDefinition(description = "User of the database")
        String DM__DB__USER() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of that user")
        String DM__DB__PASSWORD() default "";

        @AttributeDefinition(description = "Most connections a node opens; empty: 32 on PostgreSQL, no limit on Derby")
        String DM__DB__POOL__SIZE() default "";

        @AttributeDefinition(description = "Seconds a statement waits for a lock before it answers busy (PostgreSQL)")
        String DM__DB__LOCK__TIMEOUT() default "";
    }

    private final PooledDataSourceFactory pooling;
    private final BundleContext context;
    private final DatabaseSettings settings;
    private final Thread connector;
    private volatile boolean stopped;
    private ServiceReference<DataSourceFactory> driverReference;
    private DataSource pool;
    private ServiceRegistration<DataSource> registration;

    @Activate
    public DataSourcePublisher(@Reference(target = "(&(pool=dbcp2)(!(xa=true)))") PooledDataSourceFactory pooling,
            BundleContext context, Map<String, Object> configuration) {
        this.pooling = pooling;
        this.context = context;
        this.settings = DatabaseSettings.from(System::getenv, configuration,
                Objects.requireNonNullElse(context.getProperty("karaf.data"), "data"));
        this.connector = new Thread(this::connect, "labelhub-database-connector");
        connector.setDaemon(true);
        connector.start();
    }

    /** Until the database answers or the component stops: make the pool, try a connection, offer it. */
    private void connect() {
        String lastProblem = null;
        while (!stopped) {
            String problem;
            try {
                if (offer()) {
                    return;
                }
                problem = "waiting for the JDBC driver \"" + settings.driverName() + "\"";
            } catch (SQLException | RuntimeException e) {
                problem = describe(e);
            }
            if (!problem.equals(lastProblem)) {
                LOG.warn("The database {} cannot be used yet: {}; trying again every {} s", settings.shownUrl(),
                        problem, RETRY_MILLIS / 1000);
                lastProblem = problem;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether the DataSource is offered now; false while the driver is not there yet. */
    private synchronized boolean offer() throws SQLException {
        if (stopped) {
            return true;
        }
        if (pool == null) {
            DataSourceFactory driver = driver();
            if (driver == null) {
                return false;
            }
            pool = pooling.create(driver, settings.properties());
        }
        String product;
        try (Connection connection = pool.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(DataSourceFactory.JDBC_DATASOURCE_NAME, DatabaseSchema.DATA_SOURCE_NAME);
        properties.put("osgi.jndi.service.name", DatabaseSchema.DATA_SOURCE_NAME);
        properties.put("labelhub.database.url", settings.shownUrl());
        registration = context.registerService(DataSource.class, pool, properties);
        LOG.info("Using the database {} at {} (at most {} connections)", product, settings.shownUrl(),
                settings.poolSize() < 0 ? "unlimited" : settings.poolSize());
        return true;
    }

    private DataSourceFactory driver() {
        try {
            Collection<ServiceReference<DataSourceFactory>> found = context.getServiceReferences(
                    DataSourceFactory.class, "(" + DataSourceFactory.OSGI_JDBC_DRIVER_NAME + "="
                            + settings.driverName() + ")");
            if (found.isEmpty()) {
                return null;
            }
            driverReference = found.iterator().next();
            return context.getService(driverReference);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the driver names are constants without filter syntax", e);
        }
    }

    /**
     * The reason in a line, without a stack trace: the driver's own message and SQLState (the innermost SQLException,
     * under the pool's "Cannot get a connection"), else the innermost cause's message.
     */
    static String describe(Throwable failure) {
        SQLException driver = null;
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                driver = sql;
            }
            deepest = t;
        }
        Throwable shown = driver != null ? driver : deepest;
        String message = shown.getMessage() != null ? shown.getMessage().strip() : shown.toString();
        return driver != null && driver.getSQLState() != null
                ? message + " (SQLState " + driver.getSQLState() + ")" : message;
    }

    @Deactivate
    synchronized void deactivate() {
        stopped = true;
        connector.interrupt();
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (pool instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the connection pool failed: {}", describe(e));
            }
        }
        pool = null;
        if (driverReference != null) {
            context.ungetService(driverReference);
            driverReference = null;
        }
    }
}
