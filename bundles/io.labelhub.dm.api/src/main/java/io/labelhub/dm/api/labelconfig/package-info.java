@Version("1.0.0")
package io.labelhub.dm.api.labelconfig;

import org.osgi.annotation.versioning.Version;
