/**
 * The Verify Stream: reviewers are handed the project's completions in random order and thumb each up or down, once
 * per reviewer and completion; a task's {@code reviews_up} and {@code reviews_down} count those votes.
 */
@Version("1.0.0")
package io.labelhub.dm.api.review;

import org.osgi.annotation.versioning.Version;
