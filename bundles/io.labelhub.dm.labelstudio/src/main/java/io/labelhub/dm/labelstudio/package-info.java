/** Label Studio's task JSON: reading tasks, completions and predictions from parsed JSON, problems named by place. */
@Version("1.0.0")
package io.labelhub.dm.labelstudio;

import org.osgi.annotation.versioning.Version;
