package io.labelhub.dm.storage.jpa.internal.schema;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** The few words of SQL in which Derby and PostgreSQL differ for our schema. */
public enum Dialect {
    DERBY("CLOB"), POSTGRESQL("TEXT");

    private final String clob;

    Dialect(String clob) {
        this.clob = clob;
    }

    public static Dialect of(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName();
        if (product.contains("Derby")) {
            return DERBY;
        }
        if (product.contains("PostgreSQL")) {
            return POSTGRESQL;
        }
        throw new SQLException("unsupported database " + product + ": use Apache Derby or PostgreSQL");
    }

    String render(String script) {
        return script.replace("${clob}", clob);
    }
}
