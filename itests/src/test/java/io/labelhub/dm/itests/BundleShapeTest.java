package io.labelhub.dm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What an integrator relies on, read from the manifests of the bundles the distribution ships: each bundle's
 * symbolic name is its root package, only API packages are exported, and no bundle imports another's
 * {@code internal} packages (so any bundle can be replaced by one implementing the same services).
 */
class BundleShapeTest {

    private static final Path SYSTEM = Path.of(System.getProperty("labelhub.system",
            "../karaf-distribution/target/assembly/system"), "io", "labelhub", "dm");

    private record Bundle(String symbolicName, List<String> exports, List<String> imports) {
    }

    private static List<Bundle> shipped() throws IOException {
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> jars = Files.walk(SYSTEM)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Manifest manifest = file.getManifest();
                    String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                    bundles.add(new Bundle(name.split(";")[0].strip(),
                            packages(manifest.getMainAttributes().getValue("Export-Package")),
                            packages(manifest.getMainAttributes().getValue("Import-Package"))));
                }
            }
        }
        return bundles;
    }

    /** The package names of an OSGi package header, without their attributes and directives. */
    static List<String> packages(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                names.add(clause.toString().split(";")[0].strip());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }

    @Test
    void theDistributionShipsEveryBundleOfTheProduct() throws IOException {
        List<String> names = shipped().stream().map(Bundle::symbolicName).sorted().toList();
        for (String concern : List.of("api", "core", "storage.jpa", "query", "importer", "exporter", "formats",
                "formats.rar", "formats.datasets", "labelstudio", "streams", "review", "gt", "shell", "rest", "web")) {
            assertTrue(names.contains("io.labelhub.dm." + concern), "io.labelhub.dm." + concern + " in " + names);
        }
    }

    @Test
    void onlyApiPackagesLeaveABundleAndNoBundleImportsAnothersInternals() throws IOException {
        TreeMap<String, List<String>> exports = new TreeMap<>();
        for (Bundle bundle : shipped()) {
            for (String exported : bundle.exports()) {
                assertTrue(exported.startsWith(bundle.symbolicName()), bundle.symbolicName() + " exports " + exported
                        + ", which is not below its root package");
                assertFalse(exported.contains(".internal"), bundle.symbolicName() + " exports " + exported);
            }
            exports.put(bundle.symbolicName(), bundle.exports());
            List<String> internal = bundle.imports().stream().filter(p -> p.startsWith("io.labelhub."))
                    .filter(p -> p.contains(".internal")).toList();
            assertEquals(List.of(), internal, bundle.symbolicName() + " imports internal packages");
        }
        assertEquals(List.of(), exports.get("io.labelhub.dm.core"), "core exports nothing but services");
    }

    @Test
    void packageHeadersAreReadWithTheirQuotedAttributes() {
        assertEquals(List.of("a.b", "c.d", "e"),
                packages("a.b;uses:=\"x.y,z\";version=\"1.0.0\",c.d;version=\"[1.0,2)\",e"));
    }
}
