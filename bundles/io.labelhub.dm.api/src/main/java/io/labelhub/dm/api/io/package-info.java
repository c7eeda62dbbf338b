/**
 * Extension points for moving tasks in and out: import formats, archive formats and export formats. Each is
 * an OSGi service with a property naming it ({@code format} for import and archive formats, {@code export.format}
 * for export formats); the Data Manager picks up every one registered.
 */
@Version("2.1.0")
package io.labelhub.dm.api.io;

import org.osgi.annotation.versioning.Version;
