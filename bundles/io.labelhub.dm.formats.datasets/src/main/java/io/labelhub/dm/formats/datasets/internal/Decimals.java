package io.labelhub.dm.formats.datasets.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Coordinates as written: pixels to 2 decimals (COCO), fractions of the image to 6 (YOLO, as Ultralytics writes
 * them), without trailing zeros and never in exponent notation. More digits than that are float noise
 * ({@code 0.1 * 3}), which would make the same boxes differ from one export to the next.
 */
final class Decimals {

    private Decimals() {
    }

    static BigDecimal round(double value, int places) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded;
    }

    static String text(double value, int places) {
        return round(value, places).toPlainString();
    }
}
