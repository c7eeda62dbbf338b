package io.labelhub.dm.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.ProjectService;

@Service
@Command(scope = "dm", name = "projects", description = "Lists the projects with their numbers: tasks, done "
        + "tasks, completions, skipped completions, predictions and ground-truth completions.",
        detailedDescription = "A task is done when it has at least the project's overlap of completions that "
                + "were not skipped.")
public class ProjectsCommand extends DmAction {

    @Reference(optional = true)
    ProjectService projects;

    @Reference(optional = true)
    DataManagerService dataManager;

    @Override
    void run() throws Exception {
        ProjectService projects = require(this.projects, "the project service");
        DataManagerService dataManager = require(this.dataManager, "the Data Manager");
        ShellTable table = new ShellTable().emptyTableText("no projects yet");
        table.column("ID").alignRight();
        table.column("Title").maxSize(40);
        table.column("Tasks").alignRight();
        table.column("Done").alignRight();
        table.column("Completions").alignRight();
        table.column("Skipped").alignRight();
        table.column("Predictions").alignRight();
        table.column("Ground truth").alignRight();
        for (Project project : Lookups.allProjects(projects)) {
            ProjectStats stats;
            try {
                stats = dataManager.stats(project.id());
            } catch (NotFoundException e) {
                // deleted since the list was read
                continue;
            }
            table.addRow().addContent(project.id(), project.title(), stats.tasks(), stats.done(),
                    stats.completions(), stats.skipped(), stats.predictions(), stats.groundTruth());
        }
        table.print(out());
    }
}
