@Version("1.3.0")
package io.labelhub.dm.api;

import org.osgi.annotation.versioning.Version;
