package io.labelhub.dm.shell.internal;

import java.nio.file.Path;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/** Paths typed in the shell. */
final class ShellPaths {

    private ShellPaths() {
    }

    /** Relative paths start at the session's current folder ({@code cd} changes it), as for Karaf's own commands. */
    static Path resolve(Session session, String typed) throws CommandException {
        Path path;
        try {
            path = Path.of(typed);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CommandException("not a valid path: " + typed);
        }
        Path base = session == null ? null : session.currentDir();
        return (base == null ? path.toAbsolutePath() : base.resolve(path)).normalize();
    }
}
