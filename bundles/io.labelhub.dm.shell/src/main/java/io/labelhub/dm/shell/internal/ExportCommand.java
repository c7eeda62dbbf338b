package io.labelhub.dm.shell.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;

import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.api.service.ProjectService;

@Service
@Command(scope = "dm", name = "export", description = "Exports a project's tasks into a file, in any installed "
        + "export format (JSON, JSON_MIN, CSV, TSV, …).",
        detailedDescription = "By default only the tasks with at least one completion are exported, as the "
                + "Data Manager's export does; --all takes every task. The file is written whole or not at all: "
                + "the export goes to a temporary file beside it first. An existing file is kept unless --force "
                + "is given; when <file> is a folder, the export gets its default name in it.")
public class ExportCommand extends DmAction {

    @Argument(index = 0, name = "project", description = "The project's id (or its title, if no other project "
            + "has it)", required = true)
    @Completion(ProjectCompleter.class)
    String project;

    @Argument(index = 1, name = "file", description = "The file to write, relative to the shell's current folder "
            + "or absolute; or a folder to write the export into", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--type", aliases = "-t", description = "The export format (dm:formats lists them; default "
            + "JSON, which can be imported again)")
    @Completion(ExportFormatCompleter.class)
    String type = "JSON";

    @Option(name = "--all", aliases = "-a", description = "Every task, also those without completions")
    boolean all;

    @Option(name = "--full", description = "Everything needed to import the tasks again elsewhere (what "
            + "include_full_task gives over HTTP)")
    boolean full;

    @Option(name = "--ground-truth", description = "Only the ground-truth completions")
    boolean groundTruth;

    @Option(name = "--force", aliases = "-f", description = "Replace the file if it exists")
    boolean force;

    @Reference(optional = true)
    ExportService exports;

    @Reference(optional = true)
    ProjectService projects;

    @Override
    void run() throws Exception {
        ExportService exports = require(this.exports, "the export service");
        Project source = Lookups.project(require(projects, "the project service"), project);
        ExportService.Prepared prepared = exports.prepare(source.id(),
                new ExportService.Request(type, all, full, groundTruth, null));
        Path target = ShellPaths.resolve(session, file);
        if (Files.isDirectory(target)) {
            target = target.resolve(prepared.fileName());
        }
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new CommandException("no such folder: " + folder);
        }
        if (Files.exists(target) && !force) {
            throw new CommandException(target + " exists; give --force to replace it");
        }
        Path partial;
        try {
            partial = Files.createTempFile(folder, "." + target.getFileName(), ".part");
        } catch (IOException e) {
            throw new CommandException("cannot write into " + folder + ": " + e.getMessage());
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
                prepared.writeTo(out);
            } catch (IOException e) {
                throw new CommandException("cannot write " + target + ": " + e.getMessage());
            }
            if (force) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // without REPLACE_EXISTING the move fails if the file appeared while the export was written
                Files.move(partial, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new CommandException(target + " exists; give --force to replace it");
        } finally {
            Files.deleteIfExists(partial);
        }
        out().println(String.format(Locale.ROOT, "Exported project %d (%s) as %s to %s: %,d bytes.", source.id(),
                source.title(), type.toUpperCase(Locale.ROOT), target, Files.size(target)));
    }
}
