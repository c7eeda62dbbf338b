@Version("1.0.0")
package io.labelhub.dm.api.storage;

import org.osgi.annotation.versioning.Version;
