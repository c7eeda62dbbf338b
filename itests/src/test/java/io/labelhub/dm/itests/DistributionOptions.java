package io.labelhub.dm.itests;

import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** How Pax Exam boots our built distribution: on a free port, with a known first admin. */
final class DistributionOptions {

    static final String KARAF = "4.4.10";
    static final String ADMIN_EMAIL = "admin@itest.local";
    static final String ADMIN_PASSWORD = "itest-admin-pw";
    /** Set in the container's system properties, read by the tests running inside it. */
    static final String PORT_PROPERTY = "labelhub.itest.port";
    /** Where the test fixtures are (itests/src/test/resources/fixtures), for tests running inside the container. */
    static final String FIXTURES_PROPERTY = "labelhub.fixtures";
    /** Where the README is, whose table of roles RolesIT walks. */
    static final String README_PROPERTY = "labelhub.readme";

    private DistributionOptions() {
    }

    static Option[] options() {
        List<Option> options = new ArrayList<>(List.of(common()));
        // with -Dlabelhub.itest.database=postgresql: a PostgreSQL database of this boot's own
        ItDatabase.settings().forEach((key, value) -> options.add(
                editConfigurationFilePut("etc/io.labelhub.dm.database.cfg", key, value)));
        // for the tests running inside the container, which ask ItDatabase which database this is
        options.add(editConfigurationFilePut("etc/system.properties", ItDatabase.PROPERTY,
                ItDatabase.isPostgresql() ? "postgresql" : "derby"));
        return options.toArray(Option[]::new);
    }

    private static Option[] common() {
        String distribution = System.getProperty("labelhub.distribution");
        File target = new File(System.getProperty("labelhub.itest.dir", "target"));
        int port = freePort();
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(distribution).toURI().toString())
                    .name("LabelHub DM")
                    .karafVersion(KARAF)
                    .unpackDirectory(new File(target, "exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            // what bin/karaf passes on Java 9+; Pax Exam starts the JVM itself and leaves these out
            vmOptions("--add-reads=java.xml=java.logging",
                    "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                    "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF + ".jar",
                    "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF + ".jar",
                    "--add-opens", "java.base/java.security=ALL-UNNAMED",
                    "--add-opens", "java.base/java.net=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens", "java.base/java.util=ALL-UNNAMED",
                    "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                    "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                    "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                    "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    // what the distribution's bin/setenv adds (see there why)
                    "-Djdk.util.zip.disableZip64ExtraFieldValidation=true"),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                    String.valueOf(port)),
            editConfigurationFilePut("etc/system.properties", PORT_PROPERTY, String.valueOf(port)),
            editConfigurationFilePut("etc/system.properties", FIXTURES_PROPERTY,
                    new File(System.getProperty(FIXTURES_PROPERTY, "src/test/resources/fixtures")).getAbsolutePath()),
            editConfigurationFilePut("etc/system.properties", README_PROPERTY,
                    new File(System.getProperty(README_PROPERTY, "../README.md")).getAbsolutePath()),
            editConfigurationFilePut("etc/io.labelhub.dm.admin.cfg", "DM_ADMIN_EMAIL", ADMIN_EMAIL),
            editConfigurationFilePut("etc/io.labelhub.dm.admin.cfg", "DM_ADMIN_PASSWORD", ADMIN_PASSWORD),
            // -Dlabelhub.itest.keep=true keeps target/exam/<id> with its logs for a look after the run
            when(Boolean.getBoolean("labelhub.itest.keep")).useOptions(keepRuntimeFolder()),
            mavenBundle("org.hamcrest", "hamcrest", "2.1"),
            mavenBundle("org.awaitility", "awaitility", "4.3.0"),
        };
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
