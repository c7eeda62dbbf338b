@Version("3.0.0")
package io.labelhub.dm.api.service;

import org.osgi.annotation.versioning.Version;
