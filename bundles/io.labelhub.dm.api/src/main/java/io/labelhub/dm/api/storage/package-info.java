@Version("1.1.0")
package io.labelhub.dm.api.storage;

import org.osgi.annotation.versioning.Version;
