package io.labelhub.dm.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.NewUser;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.UserPatch;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.UserService;

class LookupsTest {

    /** More users than one page holds, so a look-up has to read on. */
    private final List<User> users = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();

    LookupsTest() {
        // admins: 2 (deactivated), 3, and one on the second page
        for (long id = 1; id <= PageRequest.MAX_PAGE_SIZE + 5; id++) {
            boolean admin = id == 2 || id == 3 || id == PageRequest.MAX_PAGE_SIZE + 4;
            users.add(new User(id, "user" + id + "@example.com", "", "", admin ? Role.ADMIN : Role.ANNOTATOR,
                    id != 2, Instant.EPOCH));
        }
        projects.add(project(1, "Pets"));
        projects.add(project(2, "Cars"));
        projects.add(project(3, "cars"));
    }

    private static Project project(long id, String title) {
        return new Project(id, title, "", "<View/>", "sequential", 1, null, Instant.EPOCH, Instant.EPOCH, 0);
    }

    @Test
    void aUserIsFoundByIdOrByEMailInAnyCaseOnAnyPage() throws CommandException {
        UserService service = users();
        assertEquals(7, Lookups.user(service, "7").id());
        long last = PageRequest.MAX_PAGE_SIZE + 5;
        assertEquals(last, Lookups.user(service, " USER" + last + "@Example.com ").id());
        CommandException unknown = assertThrows(CommandException.class,
                () -> Lookups.user(service, "nobody@example.com"));
        assertEquals("there is no user 'nobody@example.com' (dm:users lists them)", unknown.getMessage());
        assertEquals("there is no user 99999 (dm:users lists them)",
                assertThrows(CommandException.class, () -> Lookups.user(service, "99999")).getMessage());
    }

    @Test
    void theImporterIsTheOldestActiveAdmin() {
        assertEquals(3, Lookups.firstActiveAdmin(users()).orElseThrow().id());
        users.removeIf(u -> u.id() == 3);
        assertEquals(PageRequest.MAX_PAGE_SIZE + 4, Lookups.firstActiveAdmin(users()).orElseThrow().id());
        users.removeIf(u -> u.role() == Role.ADMIN && u.active());
        assertTrue(Lookups.firstActiveAdmin(users()).isEmpty());
    }

    @Test
    void aProjectIsFoundByIdOrByATitleNoOtherProjectHas() throws CommandException {
        ProjectService service = projects();
        assertEquals(2, Lookups.project(service, "2").id());
        assertEquals(1, Lookups.project(service, "pets").id());
        assertEquals("several projects are named 'Cars' (ids 2, 3): give the id",
                assertThrows(CommandException.class, () -> Lookups.project(service, "Cars")).getMessage());
        assertEquals("there is no project 42 (dm:projects lists them)",
                assertThrows(CommandException.class, () -> Lookups.project(service, "42")).getMessage());
        assertEquals("there is no project 'Boats' (dm:projects lists them)",
                assertThrows(CommandException.class, () -> Lookups.project(service, "Boats")).getMessage());
    }

    private static <T> Page<T> page(List<T> all, PageRequest page) {
        int from = (int) Math.min(page.offset(), all.size());
        return new Page<>(all.size(), all.subList(from, Math.min(all.size(), from + page.pageSize())));
    }

    private UserService users() {
        return new UserService() {
            @Override
            public User get(long id) {
                return users.stream().filter(u -> u.id() == id).findFirst()
                        .orElseThrow(() -> new NotFoundException("user", id));
            }

            @Override
            public Page<User> list(PageRequest request) {
                return page(users, request);
            }

            @Override
            public User create(NewUser user) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<User> authenticate(String email, String password, String client) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<User> authenticateToken(String token) {
                throw new UnsupportedOperationException();
            }

            @Override
            public User setPassword(long userId, String password) {
                throw new UnsupportedOperationException();
            }

            @Override
            public User setRole(long userId, Role role) {
                throw new UnsupportedOperationException();
            }

            @Override
            public User update(long userId, UserPatch patch, User caller) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String rotateToken(long userId) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private ProjectService projects() {
        return new ProjectService() {
            @Override
            public Project get(long id) {
                return projects.stream().filter(p -> p.id() == id).findFirst()
                        .orElseThrow(() -> new NotFoundException("project", id));
            }

            @Override
            public Page<Project> list(PageRequest request) {
                return page(projects, request);
            }

            @Override
            public Page<Project> list(PageRequest request, User viewer) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Project create(ProjectDraft draft, User creator) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Project update(long id, ProjectDraft patch) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(long id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> sampleTask(long id) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
