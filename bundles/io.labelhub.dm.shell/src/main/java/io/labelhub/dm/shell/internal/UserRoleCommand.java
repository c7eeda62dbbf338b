package io.labelhub.dm.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.UserService;

@Service
@Command(scope = "dm", name = "user-role", description = "Gives a user another role: admin, manager, reviewer "
        + "or annotator.")
public class UserRoleCommand extends DmAction {

    @Argument(index = 0, name = "user", description = "The user's e-mail or id", required = true)
    @Completion(UserCompleter.class)
    String user;

    @Argument(index = 1, name = "role", description = "The new role: admin, manager, reviewer or annotator",
            required = true)
    @Completion(value = StringsCompleter.class, values = {"admin", "manager", "reviewer", "annotator"})
    String role;

    @Reference(optional = true)
    UserService users;

    @Override
    void run() throws Exception {
        UserService users = require(this.users, "the user service");
        Role wanted = Users.role(role);
        User found = Lookups.user(users, user);
        User changed = users.setRole(found.id(), wanted);
        out().println(Users.label(changed) + " is now " + changed.role().wireName() + " (was "
                + found.role().wireName() + ").");
    }
}
