package io.labelhub.dm.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.api.service.ImportService;

@Service
@Command(scope = "dm", name = "formats", description = "Lists the installed import, archive and export formats.",
        detailedDescription = "An import format claims file extensions; where two claim the same one, the one "
                + "of higher service.ranking (or, at equal ranking, the one installed first) reads those files: "
                + "'Reads' lists the extensions a format is active for. Installing a bundle with a format adds it "
                + "here, uninstalling removes it.")
public class FormatsCommand extends DmAction {

    @Reference(optional = true)
    ImportService imports;

    @Reference(optional = true)
    ExportService exports;

    @Override
    void run() throws Exception {
        ImportService imports = require(this.imports, "the import service");
        ExportService exports = require(this.exports, "the export service");
        out().println("Import formats");
        ShellTable in = new ShellTable().emptyTableText("none installed");
        in.column("Name");
        in.column("Kind");
        in.column("Extensions");
        in.column("Reads");
        in.column("Ranking").alignRight();
        for (ImportService.Format format : imports.formats()) {
            in.addRow().addContent(format.name(), format.archive() ? "archive" : "file",
                    String.join(" ", format.extensions()),
                    format.active().isEmpty() ? "(none: others rank higher)" : String.join(" ", format.active()),
                    format.ranking());
        }
        in.print(out());
        out().println();
        out().println("Export formats");
        ShellTable ex = new ShellTable().emptyTableText("none installed");
        ex.column("Name");
        ex.column("Extension");
        ex.column("Media type");
        ex.column("Description").maxSize(60).wrap();
        for (ExportService.Format format : exports.formats()) {
            ex.addRow().addContent(format.name(), format.extension(), format.mediaType(), format.description());
        }
        ex.print(out());
    }
}
