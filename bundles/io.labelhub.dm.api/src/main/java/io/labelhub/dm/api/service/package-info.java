@Version("3.1.0")
package io.labelhub.dm.api.service;

import org.osgi.annotation.versioning.Version;
