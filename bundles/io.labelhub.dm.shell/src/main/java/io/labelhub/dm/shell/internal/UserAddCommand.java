package io.labelhub.dm.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.labelhub.dm.api.NewUser;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.UserService;

@Service
@Command(scope = "dm", name = "user-add", description = "Creates a user who can sign in to the Data Manager.",
        detailedDescription = "Without --password a strong random password is generated and printed once: "
                + "hand it on, it cannot be shown again (dm:user-password sets a new one).")
public class UserAddCommand extends DmAction {

    @Argument(index = 0, name = "email", description = "The e-mail the user signs in with", required = true)
    String email;

    @Option(name = "--role", aliases = "-r", description = "The role: admin, manager, reviewer or annotator "
            + "(default annotator)")
    @Completion(value = StringsCompleter.class, values = {"admin", "manager", "reviewer", "annotator"})
    String role;

    @Option(name = "--first-name", description = "The user's first name")
    String firstName;

    @Option(name = "--last-name", description = "The user's last name")
    String lastName;

    @Option(name = "--password", aliases = "-p", description = "The password, 8 characters or more; "
            + "default: a random one, printed once", censor = true)
    String password;

    @Reference(optional = true)
    UserService users;

    @Override
    void run() throws Exception {
        UserService users = require(this.users, "the user service");
        boolean generated = password == null;
        String chosen = generated ? Passwords.generate() : password;
        User user = users.create(new NewUser(email, chosen, firstName, lastName,
                role == null ? null : Users.role(role)));
        out().println("Created " + Users.label(user) + " with role " + user.role().wireName() + ".");
        if (generated) {
            out().println("Password (shown only this once): " + chosen);
        }
    }
}
