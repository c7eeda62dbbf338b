package io.labelhub.dm.shell.internal;

import java.time.temporal.ChronoUnit;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.UserService;

@Service
@Command(scope = "dm", name = "users", description = "Lists the users: id, e-mail, name, role, whether they "
        + "may sign in, and when they were created.")
public class UsersCommand extends DmAction {

    @Reference(optional = true)
    UserService users;

    @Override
    void run() throws Exception {
        ShellTable table = new ShellTable().emptyTableText("no users");
        table.column("ID").alignRight();
        table.column("E-mail");
        table.column("Name").maxSize(40);
        table.column("Role");
        table.column("Active");
        table.column("Created");
        for (User user : Lookups.allUsers(require(users, "the user service"))) {
            table.addRow().addContent(user.id(), user.email(), Users.name(user), user.role().wireName(),
                    user.active() ? "yes" : "no",
                    user.createdAt() == null ? "" : user.createdAt().truncatedTo(ChronoUnit.SECONDS));
        }
        table.print(out());
    }
}
