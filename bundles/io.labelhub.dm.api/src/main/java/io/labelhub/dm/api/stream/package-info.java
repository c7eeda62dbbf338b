/**
 * The Label Stream: annotators pull the next task of a project in the order of its sampling strategy, hold it for a
 * while and submit or skip it. Sampling strategies are an extension point: an OSGi service implementing
 * {@link io.labelhub.dm.api.stream.SamplingStrategy} with the property {@code sampling=<name>}.
 */
@Version("1.0.0")
package io.labelhub.dm.api.stream;

import org.osgi.annotation.versioning.Version;
