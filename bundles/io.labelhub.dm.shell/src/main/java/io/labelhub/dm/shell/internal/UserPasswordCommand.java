package io.labelhub.dm.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.UserService;

@Service
@Command(scope = "dm", name = "user-password", description = "Resets a user's password; the old one stops "
        + "working at once and the user's API token is revoked.",
        detailedDescription = "Without --password a strong random password is generated and printed once.")
public class UserPasswordCommand extends DmAction {

    @Argument(index = 0, name = "user", description = "The user's e-mail or id", required = true)
    @Completion(UserCompleter.class)
    String user;

    @Option(name = "--password", aliases = "-p", description = "The new password, 8 characters or more; "
            + "default: a random one, printed once", censor = true)
    String password;

    @Reference(optional = true)
    UserService users;

    @Override
    void run() throws Exception {
        UserService users = require(this.users, "the user service");
        User found = Lookups.user(users, user);
        boolean generated = password == null;
        String chosen = generated ? Passwords.generate() : password;
        users.setPassword(found.id(), chosen);
        out().println("Changed the password of " + Users.label(found) + "; its API token is revoked.");
        if (generated) {
            out().println("Password (shown only this once): " + chosen);
        }
    }
}
