package io.labelhub.dm.shell.internal;

import java.io.PrintStream;

import org.apache.felix.service.command.Process;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

import io.labelhub.dm.api.DmException;

/**
 * What every {@code dm:} command shares: where it prints, and how an error reaches the admin. An error the admin can
 * act on (a {@link DmException}, a busy database, a command's own {@link CommandException}) becomes one
 * {@link CommandException}, which the console prints as a message without a stack trace and logs at debug level
 * only; anything else is a bug and is left to Karaf, which logs it with its stack trace.
 */
abstract class DmAction implements Action {

    @Reference
    Session session;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (DmException e) {
            // storage raises a lock timeout as a DmException of kind BUSY, so this covers it too
            throw Failures.toCommand(e);
        }
        // nothing to return: the console would print a returned value a second time
        return null;
    }

    abstract void run() throws Exception;

    /**
     * The current pipe's output: {@code dm:users | grep …} must see what the command prints, and
     * {@link Session#getConsole()} writes past a pipe straight to the terminal.
     */
    PrintStream out() {
        Process process = Process.Utils.current();
        return process != null ? process.out() : session.getConsole();
    }

    /** A service the command needs; the references are optional so that {@code dm:info} still answers without. */
    static <T> T require(T service, String what) throws CommandException {
        if (service == null) {
            throw new CommandException(what + " is not available: the Data Manager is still starting or its "
                    + "database is not ready (dm:info tells)");
        }
        return service;
    }
}
