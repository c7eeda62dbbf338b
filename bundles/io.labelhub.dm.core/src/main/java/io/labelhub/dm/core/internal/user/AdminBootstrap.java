package io.labelhub.dm.core.internal.user;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.NewUser;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.service.UserService;
import io.labelhub.dm.api.storage.UserRepository;

/**
 * Creates the first admin when the database has no user at all, from {@code DM_ADMIN_EMAIL} /
 * {@code DM_ADMIN_PASSWORD} in the environment or, failing that, the same keys in
 * {@code etc/io.labelhub.dm.admin.cfg}. Without a password it generates one and logs it once.
 * <p>
 * The configuration is required (the feature ships the file): Configuration Admin may deliver it after the
 * bundle starts, and running on defaults first would create an admin with a random password.
 */
@Component(immediate = true, configurationPid = AdminBootstrap.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AdminBootstrap.Config.class)
public class AdminBootstrap {

    static final String PID = "io.labelhub.dm.admin";
    static final String DEFAULT_EMAIL = "admin@labelhub.local";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    @ObjectClassDefinition(name = "LabelHub first admin",
            description = "The admin created on first start, when there is no user yet")
    public @interface Config {
        // a double underscore is how a DS property type spells one underscore in the key: DM_ADMIN_EMAIL
        @AttributeDefinition(description = "E-mail of the first admin; the environment variable wins")
        String DM__ADMIN__EMAIL() default "";

        @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
                description = "Password of the first admin; the environment variable wins; empty: generate one")
        String DM__ADMIN__PASSWORD() default "";
    }

    @Activate
    public AdminBootstrap(@Reference UserService userService, @Reference UserRepository users, Config config) {
        if (users.count() > 0) {
            return;
        }
        String email = firstNonBlank(System.getenv("DM_ADMIN_EMAIL"), config.DM__ADMIN__EMAIL(), DEFAULT_EMAIL);
        String given = firstNonBlank(System.getenv("DM_ADMIN_PASSWORD"), config.DM__ADMIN__PASSWORD(), null);
        String password = given != null ? given : Tokens.randomPassword();
        try {
            userService.create(new NewUser(email, password, "Admin", "", Role.ADMIN));
        } catch (ConflictException e) {
            // another node of the cluster created it first
            LOG.info("The first admin {} already exists", email);
            return;
        }
        if (given == null) {
            LOG.warn("Created the first admin {} with the generated password: {}  (shown only this once; set "
                    + "DM_ADMIN_PASSWORD to choose it)", email, password);
        } else {
            LOG.info("Created the first admin {}", email);
        }
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        if (b != null && !b.isBlank()) {
            return b.trim();
        }
        return fallback;
    }
}
