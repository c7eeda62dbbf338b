package io.labelhub.dm.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.UserService;

/**
 * Completes a user argument with the e-mails, or with the ids once a digit is typed: Karaf completes a later
 * argument only when this one accepts what is already there, and both an e-mail and an id name a user.
 */
@Service
public class UserCompleter implements Completer {

    @Reference(optional = true)
    UserService users;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        boolean byId = byId(commandLine);
        StringsCompleter names = new StringsCompleter(false);
        for (User user : users()) {
            names.getStrings().add(byId ? String.valueOf(user.id()) : user.email());
        }
        return names.complete(session, commandLine, candidates);
    }

    @Override
    public void completeCandidates(Session session, CommandLine commandLine, List<Candidate> candidates) {
        boolean byId = byId(commandLine);
        for (User user : users()) {
            String value = byId ? String.valueOf(user.id()) : user.email();
            candidates.add(new Candidate(value, value, null, byId ? user.email() : user.role().wireName(), null,
                    null, true));
        }
    }

    private static boolean byId(CommandLine commandLine) {
        String typed = commandLine.getCursorArgument();
        return typed != null && !typed.isEmpty() && Character.isDigit(typed.charAt(0));
    }

    private List<User> users() {
        if (users == null) {
            return List.of();
        }
        try {
            return Lookups.allUsers(users);
        } catch (RuntimeException e) {
            // completion must never break the line being typed: a busy database just offers nothing
            return List.of();
        }
    }
}
