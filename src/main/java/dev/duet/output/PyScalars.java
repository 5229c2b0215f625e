package dev.duet.output;

import java.math.BigDecimal;

/** Numbers as Python prints them (float repr: {@code 1000.0}, {@code 1e+16}, {@code 1.5e-05}). */
final class PyScalars {
    private PyScalars() {
    }

    static String floatRepr(double d, String inf, String nan) {
        if (Double.isNaN(d)) {
            return nan;
        }
        if (Double.isInfinite(d)) {
            return (d < 0 ? "-" : "") + inf;
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        String digits = b.unscaledValue().abs().toString();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = b.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
