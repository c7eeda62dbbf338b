package io.labelhub.dm.api.storage;

/** Registered once the database is reachable and its schema is up to date. */
public interface StorageInfo {

    /** The database product, e.g. {@code Apache Derby} or {@code PostgreSQL}. */
    String databaseProduct();

    /** The schema version now in the database. */
    int schemaVersion();

    /** Whether the database answers right now. */
    boolean isReachable();
}
