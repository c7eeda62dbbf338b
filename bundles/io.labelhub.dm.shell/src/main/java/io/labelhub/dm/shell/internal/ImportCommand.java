package io.labelhub.dm.shell.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.UserService;

@Service
@Command(scope = "dm", name = "import", description = "Imports tasks from files into a project, all or nothing: "
        + "one bad record in any file and nothing is imported.",
        detailedDescription = "Every installed import format is read (dm:formats lists them), archives too, by "
                + "the file's extension. The import is made as the user given with --as; without it, as the "
                + "oldest active admin. A completion's author (completed_by) is found by e-mail, then by id "
                + "when the file says it is this server's; authors that match nobody make the import fail, "
                + "naming them, unless --unknown-authors says otherwise. --lenient keeps results that do not "
                + "fit the labeling config and lists them.")
public class ImportCommand extends DmAction {

    @Argument(index = 0, name = "project", description = "The project's id (or its title, if no other project "
            + "has it)", required = true)
    @Completion(ProjectCompleter.class)
    String project;

    @Argument(index = 1, name = "files", description = "The files to import, relative to the shell's current "
            + "folder or absolute", required = true, multiValued = true)
    @Completion(FileCompleter.class)
    List<String> files;

    @Option(name = "--as", description = "The e-mail or id of the user the import is made as (default: the "
            + "oldest active admin)")
    @Completion(UserCompleter.class)
    String as;

    @Option(name = "--unknown-authors", description = "What to do with authors the files name who are no users "
            + "here: refuse (the default: nothing is imported), importer (credit the importer) or create "
            + "(inactive users)")
    @Completion(value = StringsCompleter.class, values = {"refuse", "importer", "create"})
    String unknownAuthors;

    @Option(name = "--lenient", description = "Keep results that do not fit the labeling config (they are listed)")
    boolean lenient;

    @Reference(optional = true)
    ImportService imports;

    @Reference(optional = true)
    ProjectService projects;

    @Reference(optional = true)
    UserService users;

    private ImportService.Options options() throws CommandException {
        ImportService.UnknownAuthors policy = ImportService.UnknownAuthors.REFUSE;
        if (unknownAuthors != null) {
            policy = Arrays.stream(ImportService.UnknownAuthors.values())
                    .filter(u -> u.wireName().equals(unknownAuthors)).findFirst()
                    .orElseThrow(() -> new CommandException("--unknown-authors must be refuse, importer or "
                            + "create, was '" + unknownAuthors + "'"));
        }
        return new ImportService.Options(policy, !lenient);
    }

    @Override
    void run() throws Exception {
        ImportService imports = require(this.imports, "the import service");
        Project target = Lookups.project(require(projects, "the project service"), project);
        User importer = importer(require(users, "the user service"));
        List<Path> paths = new ArrayList<>();
        for (String file : files) {
            paths.add(readable(ShellPaths.resolve(session, file)));
        }
        List<InputStream> opened = new ArrayList<>();
        ImportService.Result result;
        try {
            List<ImportService.Upload> uploads = new ArrayList<>();
            for (Path path : paths) {
                InputStream in = new BufferedInputStream(Files.newInputStream(path));
                opened.add(in);
                uploads.add(new ImportService.Upload(path.getFileName().toString(), in));
            }
            result = imports.importFiles(target.id(), uploads, importer, options());
        } finally {
            for (InputStream in : opened) {
                try {
                    in.close();
                } catch (IOException e) {
                    // a file only read from has lost nothing; the others must still be closed
                }
            }
        }
        out().println(String.format(Locale.ROOT, "Imported %s, %s and %s into project %d (%s) as %s in %.1f s.",
                count(result.taskCount(), "task"), count(result.completionCount(), "completion"),
                count(result.predictionCount(), "prediction"), target.id(), target.title(), importer.email(),
                result.duration()));
        ShellTable table = new ShellTable();
        table.column("File");
        table.column("Format");
        table.column("Tasks").alignRight();
        for (ImportService.FileResult file : result.files()) {
            table.addRow().addContent(file.name(), file.format(), file.taskCount());
        }
        table.print(out());
        if (!result.flagged().isEmpty()) {
            out().println("Kept although they do not fit the labeling config:");
            result.flagged().forEach(f -> out().println("  " + f));
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private User importer(UserService users) throws CommandException {
        if (as != null) {
            User named = Lookups.user(users, as);
            if (!named.active()) {
                throw new CommandException(Users.label(named) + " is not active and cannot import");
            }
            return named;
        }
        return Lookups.firstActiveAdmin(users).orElseThrow(() -> new CommandException(
                "there is no active admin to import as; name a user with --as"));
    }

    private static Path readable(Path path) throws CommandException {
        if (!Files.exists(path)) {
            throw new CommandException("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new CommandException("not a file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new CommandException("cannot read " + path + " (permissions)");
        }
        return path;
    }
}
