package io.labelhub.dm.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.service.ProjectService;

/** Completes a project argument with the project ids, each shown with its title. */
@Service
public class ProjectCompleter implements Completer {

    @Reference(optional = true)
    ProjectService projects;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        for (Project project : projects()) {
            ids.getStrings().add(String.valueOf(project.id()));
        }
        return ids.complete(session, commandLine, candidates);
    }

    @Override
    public void completeCandidates(Session session, CommandLine commandLine, List<Candidate> candidates) {
        for (Project project : projects()) {
            String id = String.valueOf(project.id());
            candidates.add(new Candidate(id, id, null, project.title(), null, null, true));
        }
    }

    private List<Project> projects() {
        if (projects == null) {
            return List.of();
        }
        try {
            return Lookups.allProjects(projects);
        } catch (RuntimeException e) {
            // completion must never break the line being typed: a busy database just offers nothing
            return List.of();
        }
    }
}
