package io.labelhub.dm.api.stream;

import java.time.Instant;

import io.labelhub.dm.api.Task;

/** A task handed out to an annotator: with its predictions, without anybody's completions, locked until then. */
public record Handout(Task task, Instant lockedUntil) {
}
