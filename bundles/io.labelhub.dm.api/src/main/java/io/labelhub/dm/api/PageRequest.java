package io.labelhub.dm.api;

/**
 * Which page to read: {@code page} counts from 1.
 */
public record PageRequest(int page, int pageSize) {

    public static final int MAX_PAGE_SIZE = 1000;

    public PageRequest {
        if (page < 1) {
            throw new ValidationException("invalid page", "page must be 1 or more, was " + page);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ValidationException("invalid page_size",
                    "page_size must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }
}
