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

    /**
     * The statement to run on this database: a statement marked {@code /*derby*}{@code /} or
     * {@code /*postgresql*}{@code /} runs only there (without its mark); {@code null} when it is not for this one.
     */
    String onlyFor(String statement) {
        for (Dialect dialect : values()) {
            String mark = "/*" + dialect.name().toLowerCase(java.util.Locale.ROOT) + "*/";
            if (statement.startsWith(mark)) {
                return dialect == this ? statement.substring(mark.length()).strip() : null;
            }
        }
        return statement;
    }
}
