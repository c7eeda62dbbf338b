package io.labelhub.dm.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.ForbiddenException;
import io.labelhub.dm.api.MemberChange;
import io.labelhub.dm.api.NewUser;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.UserPatch;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.SessionService;
import io.labelhub.dm.core.internal.labelconfig.XmlLabelConfigService;
import io.labelhub.dm.core.internal.user.DefaultSessionService;
import io.labelhub.dm.core.internal.user.DefaultUserService;
import io.labelhub.dm.storage.jpa.internal.TestStorage;

/** Project memberships and changes of users, on real storage over an embedded Derby. */
class MembersAndUsersTest {

    private static final String CONFIG = "<View><Text name=\"text\" value=\"$text\"/></View>";

    @TempDir
    Path folder;

    private TestStorage storage;
    private DefaultProjectService projects;
    private DefaultMemberService members;
    private DefaultUserService users;
    private User admin;
    private User manager;
    private User annotator;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        projects = new DefaultProjectService(storage.projects, new XmlLabelConfigService());
        TestStrategies.install(projects, "sequential", "uniform");
        members = new DefaultMemberService(storage.members, storage.projects, storage.users);
        users = new DefaultUserService(storage.users, config());
        admin = users.create(new NewUser("admin@example.com", "admin-password", "Ad", "Min", Role.ADMIN));
        manager = users.create(new NewUser("manager@example.com", "manager-password", "Man", "Ager", Role.MANAGER));
        annotator = users.create(new NewUser("ann@example.com", "annotator-password", "Ann", "Otator",
                Role.ANNOTATOR));
    }

    /** Fast hashes for tests, sessions of an hour. */
    private static DefaultUserService.Config config() {
        return new DefaultUserService.Config() {
            @Override
            public int password_iterations() {
                return 1_000;
            }

            @Override
            public int login_cache_seconds() {
                return 300;
            }

            @Override
            public int session_hours() {
                return 1;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return DefaultUserService.Config.class;
            }
        };
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private Project project(String title, User creator) {
        return projects.create(new ProjectDraft(title, null, CONFIG, null, null), creator);
    }

    @Test
    void aSessionOpensWithTheRightPasswordOnlyAndEndsWhenClosed() {
        DefaultSessionService sessions = new DefaultSessionService(users, storage.sessions, config());
        assertTrue(sessions.open("manager@example.com", "wrong-password", "test").isEmpty());
        SessionService.Opened opened = sessions.open("Manager@Example.com ", "manager-password", "test").orElseThrow();
        assertEquals(manager.id(), opened.user().id());
        assertEquals(40, opened.key().length());
        assertNotEquals(opened.key(), opened.csrfToken());
        SessionService.SignedIn found = sessions.find(opened.key()).orElseThrow();
        assertEquals(manager.id(), found.user().id());
        assertEquals(opened.csrfToken(), found.csrfToken());
        assertTrue(sessions.find(opened.key() + "x").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        sessions.close(opened.key());
        assertTrue(sessions.find(opened.key()).isEmpty());
    }

    @Test
    void theCreatorManagesTheProjectAndEachUserListsOnlyTheirOwnProjects() {
        Project mine = project("Mine", manager);
        Project other = project("Other", admin);
        assertEquals(Optional.of(Role.MANAGER), members.roleOf(mine.id(), manager));
        assertEquals(Optional.empty(), members.roleOf(other.id(), manager));
        assertEquals(List.of(mine.id()), projects.list(new PageRequest(1, 10), manager).items().stream()
                .map(Project::id).toList());
        assertEquals(1, projects.list(new PageRequest(1, 10), manager).total());
        assertEquals(0, projects.list(new PageRequest(1, 10), annotator).total());
        assertEquals(2, projects.list(new PageRequest(1, 10), admin).total(), "an admin sees every project");
        assertEquals(Optional.of(Role.MANAGER), members.roleOf(mine.id(), admin), "admins manage every project");
        assertEquals(Optional.empty(), members.roleOf(999, manager), "nobody is a member of a missing project");
    }

    @Test
    void aMemberGetsTheirOwnRoleUnlessGivenOneAndCanBeGivenAnother() {
        Project project = project("Team", manager);
        MemberChange added = members.put(project.id(), annotator.id(), null);
        assertTrue(added.added());
        assertEquals(Role.ANNOTATOR, added.member().role());
        assertEquals(Optional.of(Role.ANNOTATOR), members.roleOf(project.id(), annotator));

        MemberChange changed = members.put(project.id(), annotator.id(), Role.REVIEWER);
        assertFalse(changed.added());
        assertEquals(Optional.of(Role.REVIEWER), members.roleOf(project.id(), annotator));
        assertEquals(List.of(manager.id(), annotator.id()), members.list(project.id()).stream()
                .map(m -> m.user().id()).toList());
        assertEquals("ann@example.com", members.list(project.id()).get(1).user().email());

        assertThrows(ValidationException.class, () -> members.put(project.id(), annotator.id(), Role.ADMIN));
        ValidationException noUser = assertThrows(ValidationException.class,
                () -> members.put(project.id(), 424242, null));
        assertTrue(noUser.getMessage().contains("user 424242 does not exist"), noUser.getMessage());
        assertThrows(NotFoundException.class, () -> members.put(999, annotator.id(), null));

        members.remove(project.id(), annotator.id());
        assertEquals(Optional.empty(), members.roleOf(project.id(), annotator));
        assertThrows(NotFoundException.class, () -> members.remove(project.id(), annotator.id()));
    }

    @Test
    void theLastManagerCanNeitherLeaveNorBeDemoted() {
        Project project = project("Managed", manager);
        ConflictException leaving = assertThrows(ConflictException.class,
                () -> members.remove(project.id(), manager.id()));
        assertTrue(leaving.getMessage().contains("only manager of project " + project.id()), leaving.getMessage());
        assertThrows(ConflictException.class, () -> members.put(project.id(), manager.id(), Role.ANNOTATOR));
        assertEquals(Optional.of(Role.MANAGER), members.roleOf(project.id(), manager), "nothing was changed");

        members.put(project.id(), annotator.id(), Role.MANAGER);
        members.put(project.id(), manager.id(), Role.ANNOTATOR);
        assertEquals(Optional.of(Role.ANNOTATOR), members.roleOf(project.id(), manager));
        members.remove(project.id(), manager.id());
        assertEquals(1, members.list(project.id()).size());
    }

    @Test
    void deletingAProjectTakesItsMembershipsWithIt() {
        Project project = project("Gone", manager);
        members.put(project.id(), annotator.id(), null);
        projects.delete(project.id());
        assertEquals(Optional.empty(), members.roleOf(project.id(), annotator));
        assertEquals(0, projects.list(new PageRequest(1, 10), manager).total());
    }

    @Test
    void aDeactivatedUserIsRefusedAtOnceWithPasswordAndToken() {
        String token = users.rotateToken(annotator.id());
        assertTrue(users.authenticate("ann@example.com", "annotator-password", "test").isPresent());
        assertTrue(users.authenticateToken(token).isPresent());

        User inactive = users.update(annotator.id(), new UserPatch(null, null, null, false, null, null), admin);
        assertFalse(inactive.active());
        assertTrue(users.authenticate("ann@example.com", "annotator-password", "test").isEmpty(),
                "the remembered sign-in does not outlive the deactivation");
        assertTrue(users.authenticateToken(token).isEmpty());

        users.update(annotator.id(), new UserPatch(null, null, null, true, null, null), admin);
        assertTrue(users.authenticate("ann@example.com", "annotator-password", "test").isPresent());
        assertTrue(users.authenticateToken(token).isEmpty(), "a deactivation revoked the token for good");
    }

    @Test
    void onlyAnAdminChangesRolesAndActiveAndNobodyLocksThemselvesOut() {
        ForbiddenException role = assertThrows(ForbiddenException.class, () -> users.update(annotator.id(),
                new UserPatch(null, null, Role.ADMIN, null, null, null), annotator));
        assertTrue(role.getMessage().contains("role"), role.getMessage());
        assertThrows(ForbiddenException.class, () -> users.update(annotator.id(),
                new UserPatch("Other", null, null, null, null, null), manager), "only an admin changes another");
        assertThrows(ForbiddenException.class, () -> users.update(admin.id(),
                new UserPatch(null, null, null, false, null, null), admin));
        assertThrows(ForbiddenException.class, () -> users.update(admin.id(),
                new UserPatch(null, null, Role.ANNOTATOR, null, null, null), admin));
        assertEquals(Role.ADMIN, users.get(admin.id()).role());

        User promoted = users.update(annotator.id(), new UserPatch(null, null, Role.REVIEWER, null, null, null),
                admin);
        assertEquals(Role.REVIEWER, promoted.role());
        User renamed = users.update(annotator.id(), new UserPatch(" Anna ", "O.", null, null, null, null),
                promoted);
        assertEquals("Anna", renamed.firstName());
        assertEquals("O.", renamed.lastName());
    }

    @Test
    void aUserChangesTheirPasswordOnlyWithThePresentOne() {
        ValidationException missing = assertThrows(ValidationException.class, () -> users.update(annotator.id(),
                new UserPatch(null, null, null, null, "a-new-password", null), annotator));
        assertTrue(missing.getMessage().contains("current_password is required"), missing.getMessage());
        ValidationException wrong = assertThrows(ValidationException.class, () -> users.update(annotator.id(),
                new UserPatch(null, null, null, null, "a-new-password", "not-it"), annotator));
        assertTrue(wrong.getMessage().contains("current_password is not your present password"));
        assertTrue(users.authenticate("ann@example.com", "annotator-password", "test").isPresent());

        users.update(annotator.id(), new UserPatch(null, null, null, null, "a-new-password", "annotator-password"),
                annotator);
        assertTrue(users.authenticate("ann@example.com", "annotator-password", "test").isEmpty());
        assertTrue(users.authenticate("ann@example.com", "a-new-password", "test").isPresent());

        // an admin resets another's password without knowing it
        users.update(annotator.id(), new UserPatch(null, null, null, null, "reset-by-admin", null), admin);
        assertTrue(users.authenticate("ann@example.com", "reset-by-admin", "test").isPresent());
    }
}
