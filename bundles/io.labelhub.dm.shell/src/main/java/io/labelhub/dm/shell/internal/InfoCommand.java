package io.labelhub.dm.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.labelhub.dm.api.storage.StorageInfo;

@Service
@Command(scope = "dm", name = "info", description = "Shows the database the Data Manager uses, its schema "
        + "version and whether it answers.",
        detailedDescription = "Storage is 'not ready' until the database is reachable and its schema migrations "
                + "ran; the other dm: commands need it.")
public class InfoCommand extends DmAction {

    @Reference(optional = true)
    StorageInfo storage;

    @Override
    void run() {
        ShellTable table = new ShellTable().noHeaders();
        table.column("Key");
        table.column("Value");
        if (storage == null) {
            table.addRow().addContent("Storage", "not ready (the database cannot be reached or its schema "
                    + "is not up to date yet; data/log/karaf.log says why)");
        } else {
            table.addRow().addContent("Database", storage.databaseProduct());
            table.addRow().addContent("Schema version", storage.schemaVersion());
            table.addRow().addContent("Reachable", storage.isReachable() ? "yes" : "no");
        }
        table.print(out());
    }
}
