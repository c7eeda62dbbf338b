/**
 * Extension points for moving tasks in and out: import formats, archive formats and export formats. Each is
 * an OSGi service with a {@code format} property naming it; the Data Manager picks up every one registered.
 */
@Version("1.0.0")
package io.labelhub.dm.api.io;

import org.osgi.annotation.versioning.Version;
