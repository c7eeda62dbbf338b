/**
 * Ground truth: marking a task's one reference completion, sampling a share of a project's completions as ground
 * truth (the GT Manager), and scoring annotators by their agreement with it. How a completion is compared with the
 * ground truth is an extension point: an OSGi service implementing {@link io.labelhub.dm.api.gt.AgreementMeasure}
 * with the property {@code measure=<name>}.
 */
@Version("1.1.0")
package io.labelhub.dm.api.gt;

import org.osgi.annotation.versioning.Version;
