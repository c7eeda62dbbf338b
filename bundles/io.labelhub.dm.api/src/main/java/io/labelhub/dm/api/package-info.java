@Version("1.1.0")
package io.labelhub.dm.api;

import org.osgi.annotation.versioning.Version;
