package io.labelhub.dm.api;

/** The thing asked for does not exist: 404. */
public class NotFoundException extends DmException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, long id) {
        super(Kind.NOT_FOUND, what + " not found", what + " " + id + " does not exist");
    }
}
