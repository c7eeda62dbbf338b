package io.labelhub.dm.api;

/** The request clashes with the current state, e.g. a duplicate e-mail: 409. */
public class ConflictException extends DmException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String error, Object detail) {
        super(Kind.CONFLICT, error, detail);
    }
}
