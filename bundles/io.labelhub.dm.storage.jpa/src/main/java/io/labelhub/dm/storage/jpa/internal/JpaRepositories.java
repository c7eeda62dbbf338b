package io.labelhub.dm.storage.jpa.internal;

/** What the repositories share. */
final class JpaRepositories {

    /** The persistence unit of {@code META-INF/persistence.xml}, as Aries JPA registers its JpaTemplate. */
    static final String UNIT = "(osgi.unit.name=labelhub)";

    private JpaRepositories() {
    }
}
