package io.labelhub.dm.api.io;

import io.labelhub.dm.api.DmException;

/** A file (or archive) that cannot be imported at all; the message says why, the importer adds which file. */
public class ImportException extends DmException {

    private static final long serialVersionUID = 1L;

    public ImportException(Kind kind, String reason) {
        super(kind, "import refused", reason);
    }

    public ImportException(String reason) {
        this(Kind.INVALID, reason);
    }

    public String reason() {
        return String.valueOf(detail());
    }
}
