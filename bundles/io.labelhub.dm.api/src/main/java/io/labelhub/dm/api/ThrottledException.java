package io.labelhub.dm.api;

/** Refused for now because of too many recent failures; the caller may try again after the given seconds. */
public class ThrottledException extends DmException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public ThrottledException(String error, String detail, long retryAfterSeconds) {
        super(Kind.TOO_MANY_REQUESTS, error, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
