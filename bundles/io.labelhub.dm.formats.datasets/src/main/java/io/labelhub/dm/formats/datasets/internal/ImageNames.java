package io.labelhub.dm.formats.datasets.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File names for the images of one export: the last part of the image URL's path, percent-decoded, without query;
 * a second image of the same name (ignoring case, for the file systems that do) gets {@code -<task id>} before its
 * extension. YOLO names a label file and VOC an XML file after it; COCO writes it as {@code file_name}. Keeps every
 * name it gave out, so memory grows by one short string per image.
 */
final class ImageNames {

    private static final int MAX_LENGTH = 200;
    private static final String UNSAFE = "/\\:*?\"<>|";

    private final Set<String> taken = new HashSet<>();

    String name(long taskId, String url) {
        String name = baseName(url);
        if (name.isEmpty()) {
            name = "task-" + taskId;
        }
        while (!taken.add(name.toLowerCase(Locale.ROOT))) {
            int dot = name.lastIndexOf('.');
            name = dot > 0 ? name.substring(0, dot) + "-" + taskId + name.substring(dot) : name + "-" + taskId;
        }
        return name;
    }

    /** A name without its extension, for the files named after an image. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String baseName(String url) {
        String path = url;
        for (char end : new char[] {'?', '#'}) {
            int at = path.indexOf(end);
            if (at >= 0) {
                path = path.substring(0, at);
            }
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String last = decode(path.substring(path.lastIndexOf('/') + 1));
        StringBuilder safe = new StringBuilder();
        last.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || UNSAFE.indexOf(c) >= 0) {
                safe.append('_');
            } else {
                safe.appendCodePoint(c);
            }
        });
        String name = safe.toString().strip();
        if (name.equals(".") || name.equals("..")) {
            return "";
        }
        return name.length() > MAX_LENGTH ? name.substring(name.length() - MAX_LENGTH) : name;
    }

    /** %XX sequences as UTF-8; a malformed one stays as it is. A + is a plus in a path. */
    private static String decode(String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%' && i + 2 < part.length() && hex(part.charAt(i + 1)) >= 0 && hex(part.charAt(i + 2)) >= 0) {
                bytes.write(hex(part.charAt(i + 1)) * 16 + hex(part.charAt(i + 2)));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < part.length()) {
                    utf8 = part.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
