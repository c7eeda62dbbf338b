package io.labelhub.dm.shell.internal;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.labelhub.dm.api.service.DataManagerService;

@Service
@Command(scope = "dm", name = "actions", description = "Lists the installed bulk actions of the Data Manager "
        + "(POST /api/projects/{id}/actions/{name}); plugins add more.")
public class ActionsCommand extends DmAction {

    @Reference(optional = true)
    DataManagerService dataManager;

    @Override
    void run() throws Exception {
        ShellTable table = new ShellTable().emptyTableText("none installed");
        table.column("Name");
        table.column("Title");
        for (Map.Entry<String, String> action : require(dataManager, "the Data Manager").actions().entrySet()) {
            table.addRow().addContent(action.getKey(), action.getValue());
        }
        table.print(out());
    }
}
