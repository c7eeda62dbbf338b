package io.labelhub.dm.formats.datasets.internal;

/**
 * A labeled box or polygon on an image, in Label Studio's terms: percent of the image's width and height.
 *
 * @param x        box: the left edge, before rotation
 * @param y        box: the top edge, before rotation
 * @param rotation box: degrees clockwise around the box's top left corner, as the editor stores it
 * @param points   polygon: x0, y0, x1, y1, …; empty for a box
 * @param size     the image's size in pixels as the result says it ({@code original_width}/{@code original_height}),
 *                 or null when the result does not say
 */
record Region(String label, double x, double y, double width, double height, double rotation, double[] points,
              Size size) {

    /** An image's size in pixels. */
    record Size(double width, double height) {
    }

    static Region box(String label, double x, double y, double width, double height, double rotation, Size size) {
        return new Region(label, x, y, width, height, rotation, new double[0], size);
    }

    static Region polygon(String label, double[] points, Size size) {
        return new Region(label, 0, 0, 0, 0, 0, points, size);
    }

    boolean isBox() {
        return points.length == 0;
    }

    boolean isRotated() {
        return isBox() && rotation % 360 != 0;
    }

    /**
     * The outline in an image of {@code imageWidth} × {@code imageHeight} units (pixels; or 1 × 1 for fractions of
     * the image), as x0, y0, x1, y1, …, each point held inside the image. A box is its four corners, clockwise from
     * the top left one; rotating it needs the image's true aspect, so pass pixels for a rotated box.
     */
    double[] outline(double imageWidth, double imageHeight) {
        double[] outline;
        if (isBox()) {
            double left = x / 100 * imageWidth;
            double top = y / 100 * imageHeight;
            double across = width / 100 * imageWidth;
            double down = height / 100 * imageHeight;
            double cos = 1;
            double sin = 0;
            if (isRotated()) {
                cos = Math.cos(Math.toRadians(rotation));
                sin = Math.sin(Math.toRadians(rotation));
            }
            outline = new double[] {
                left, top,
                left + across * cos, top + across * sin,
                left + across * cos - down * sin, top + across * sin + down * cos,
                left - down * sin, top + down * cos};
        } else {
            outline = new double[points.length];
            for (int i = 0; i < points.length; i += 2) {
                outline[i] = points[i] / 100 * imageWidth;
                outline[i + 1] = points[i + 1] / 100 * imageHeight;
            }
        }
        for (int i = 0; i < outline.length; i += 2) {
            outline[i] = Math.min(Math.max(outline[i], 0), imageWidth);
            outline[i + 1] = Math.min(Math.max(outline[i + 1], 0), imageHeight);
        }
        return outline;
    }

    /** The smallest upright box around an outline: left, top, right, bottom. */
    static double[] bounds(double[] outline) {
        double left = Double.POSITIVE_INFINITY;
        double top = Double.POSITIVE_INFINITY;
        double right = Double.NEGATIVE_INFINITY;
        double bottom = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < outline.length; i += 2) {
            left = Math.min(left, outline[i]);
            right = Math.max(right, outline[i]);
            top = Math.min(top, outline[i + 1]);
            bottom = Math.max(bottom, outline[i + 1]);
        }
        return new double[] {left, top, right, bottom};
    }

    /** The area inside an outline (the shoelace formula). */
    static double area(double[] outline) {
        double twice = 0;
        int n = outline.length;
        for (int i = 0; i < n; i += 2) {
            int next = (i + 2) % n;
            twice += outline[i] * outline[next + 1] - outline[next] * outline[i + 1];
        }
        return Math.abs(twice) / 2;
    }
}
