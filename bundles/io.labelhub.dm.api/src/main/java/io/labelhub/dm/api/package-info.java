@Version("1.2.0")
package io.labelhub.dm.api;

import org.osgi.annotation.versioning.Version;
