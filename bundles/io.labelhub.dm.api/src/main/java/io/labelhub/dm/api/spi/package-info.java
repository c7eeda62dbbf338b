/**
 * How the Data Manager picks among the extensions that bundles register: every extension point is an OSGi service
 * named by a service property, and {@link io.labelhub.dm.api.spi.Extensions} applies one documented rule when two
 * claim the same name or file extension.
 */
@Version("1.0.0")
package io.labelhub.dm.api.spi;

import org.osgi.annotation.versioning.Version;
