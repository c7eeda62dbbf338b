package io.labelhub.dm.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.labelhub.dm.api.service.ExportService;

/** Completes an export type with the installed export formats, which plugins may add to. */
@Service
public class ExportFormatCompleter implements Completer {

    @Reference(optional = true)
    ExportService exports;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter(false);
        formats().forEach(format -> names.getStrings().add(format.name()));
        return names.complete(session, commandLine, candidates);
    }

    @Override
    public void completeCandidates(Session session, CommandLine commandLine, List<Candidate> candidates) {
        for (ExportService.Format format : formats()) {
            candidates.add(new Candidate(format.name(), format.name(), null, format.description(), null, null,
                    true));
        }
    }

    private List<ExportService.Format> formats() {
        return exports == null ? List.of() : exports.formats();
    }
}
