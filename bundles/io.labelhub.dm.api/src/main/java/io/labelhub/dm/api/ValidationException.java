package io.labelhub.dm.api;

/** The request is malformed or breaks a rule of the project: 400. */
public class ValidationException extends DmException {

    private static final long serialVersionUID = 1L;

    public ValidationException(String error, Object detail) {
        super(Kind.INVALID, error, detail);
    }
}
