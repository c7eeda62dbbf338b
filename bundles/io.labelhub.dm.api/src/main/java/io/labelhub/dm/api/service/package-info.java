@Version("3.2.0")
package io.labelhub.dm.api.service;

import org.osgi.annotation.versioning.Version;
