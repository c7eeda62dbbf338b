package io.labelhub.dm.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.karaf.shell.support.CommandException;

import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.UserService;

/** Finds the project or user an admin names on the command line: by id, or by title or e-mail. */
final class Lookups {

    private static final int PAGE = PageRequest.MAX_PAGE_SIZE;

    private Lookups() {
    }

    /** A project by its id, or by its title when no other project has the same one. */
    static Project project(ProjectService projects, String idOrTitle) throws CommandException {
        String given = idOrTitle.trim();
        if (isId(given)) {
            try {
                return projects.get(Long.parseLong(given));
            } catch (NotFoundException e) {
                throw new CommandException("there is no project " + given + " (dm:projects lists them)");
            }
        }
        List<Project> named = all(projects::list, p -> p.title().equalsIgnoreCase(given));
        if (named.isEmpty()) {
            throw new CommandException("there is no project '" + given + "' (dm:projects lists them)");
        }
        if (named.size() > 1) {
            throw new CommandException("several projects are named '" + given + "' (ids "
                    + String.join(", ", named.stream().map(p -> String.valueOf(p.id())).toList())
                    + "): give the id");
        }
        return named.get(0);
    }

    /** A user by id or e-mail (case does not matter, as when signing in). */
    static User user(UserService users, String idOrEmail) throws CommandException {
        String given = idOrEmail.trim();
        if (isId(given)) {
            try {
                return users.get(Long.parseLong(given));
            } catch (NotFoundException e) {
                throw new CommandException("there is no user " + given + " (dm:users lists them)");
            }
        }
        return byEmail(users, given).orElseThrow(() -> new CommandException("there is no user '" + given
                + "' (dm:users lists them)"));
    }

    static Optional<User> byEmail(UserService users, String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        // the service has no look-up by e-mail; an admin command can afford reading the user list
        return all(users::list, u -> u.email().equalsIgnoreCase(wanted)).stream().findFirst();
    }

    /** The admin an import is made as when none is named: the oldest active one. */
    static Optional<User> firstActiveAdmin(UserService users) {
        return all(users::list, u -> u.active() && u.role() == Role.ADMIN).stream().findFirst();
    }

    static List<Project> allProjects(ProjectService projects) {
        return all(projects::list, p -> true);
    }

    static List<User> allUsers(UserService users) {
        return all(users::list, u -> true);
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> list, Predicate<T> wanted) {
        List<T> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<T> items = list.apply(new PageRequest(page, PAGE));
            items.items().stream().filter(wanted).forEach(found::add);
            if (items.items().size() < PAGE || (long) page * PAGE >= items.total()) {
                return found;
            }
        }
    }

    private static boolean isId(String text) {
        return !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
