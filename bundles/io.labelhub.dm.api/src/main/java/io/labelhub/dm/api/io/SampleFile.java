package io.labelhub.dm.api.io;

/**
 * A sample file an import format offers.
 *
 * @param extension the file extension of its download, without the dot
 * @param mediaType its media type, e.g. {@code text/csv}
 */
public record SampleFile(String extension, String mediaType, byte[] content) {
}
