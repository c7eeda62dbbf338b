package io.labelhub.dm.api;

/** The caller is known but their role does not allow what they asked; the detail names the role needed. */
public class ForbiddenException extends DmException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String detail) {
        super(Kind.FORBIDDEN, "forbidden", detail);
    }
}
