package io.labelhub.dm.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a distribution that did not come up logged, for the message of the test that waited for it. */
final class KarafLog {

    private static final int LINES = 15;
    private static final int WIDTH = 400;

    private KarafLog() {
    }

    /** The last warnings and errors of {@code data/log/karaf.log}, each on a line of its own. */
    static String problems(Path log) {
        List<String> problems = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains("| ERROR |") || line.contains("| WARN  |")) {
                    problems.add(line.length() > WIDTH ? line.substring(0, WIDTH) + "…" : line);
                }
            }
        } catch (IOException e) {
            return "\n  (" + log + " could not be read: " + e + ")";
        }
        if (problems.isEmpty()) {
            return "\n  (no warning or error in " + log + ")";
        }
        StringBuilder text = new StringBuilder("\n  last warnings and errors of ").append(log).append(':');
        for (String line : problems.subList(Math.max(0, problems.size() - LINES), problems.size())) {
            text.append("\n    ").append(line);
        }
        return text.toString();
    }
}
