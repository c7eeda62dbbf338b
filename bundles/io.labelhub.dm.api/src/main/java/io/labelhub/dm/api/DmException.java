package io.labelhub.dm.api;

/**
 * An error the caller can act on. The REST edge turns {@link #kind()} into the status code and
 * {@link #error()} / {@link #detail()} into the JSON body; nothing else of the exception reaches the caller.
 */
public class DmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in the words of HTTP status codes, without depending on JAX-RS. */
    public enum Kind {
        INVALID(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413),
        UNSUPPORTED_MEDIA_TYPE(415), UNPROCESSABLE(422),
        /** Too many attempts (failed sign-ins): wait before trying again; see {@link ThrottledException}. */
        TOO_MANY_REQUESTS(429),
        /**
         * The request waited in vain for another transaction (a lock timeout or a deadlock: storage decides which
         * database errors are this) and was rolled back; the same request will likely succeed shortly.
         */
        BUSY(503),
        INSUFFICIENT_STORAGE(507);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String error;
    private final transient Object detail;

    /**
     * @param error  a short statement of the problem ({@code "invalid label config"})
     * @param detail the specifics: a string, or a list/map of them (which field, which line, which value)
     */
    public DmException(Kind kind, String error, Object detail) {
        super(detail == null ? error : error + ": " + detail);
        this.kind = kind;
        this.error = error;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public String error() {
        return error;
    }

    public Object detail() {
        return detail;
    }
}
