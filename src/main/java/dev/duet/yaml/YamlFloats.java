package dev.duet.yaml;

/**
 * YAML 1.1 floats as PyYAML's construct_yaml_float makes them for Ansible: underscores dropped,
 * {@code .inf}/{@code -.inf}/{@code .nan} in any of their spellings, {@code 190:20:30.15} sexagesimal
 * (685230.15), the rest as Python's {@code float()} reads it. {@link PyYamlResolver} has already decided
 * the scalar is a float.
 */
final class YamlFloats {
    private YamlFloats() {
    }

    static Double value(String text) {
        String v = text.replace("_", "").toLowerCase();
        double sign = v.startsWith("-") ? -1 : 1;
        if (v.startsWith("-") || v.startsWith("+")) {
            v = v.substring(1);
        }
        if (v.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (v.equals(".nan")) {
            return Double.NaN;
        }
        if (v.contains(":")) {
            // summed from the last part up, as PyYAML does, so the rounding is Python's too
            String[] digits = v.split(":");
            double n = 0;
            double base = 1;
            for (int i = digits.length - 1; i >= 0; i--) {
                n += Double.parseDouble(digits[i]) * base;
                base *= 60;
            }
            return sign * n;
        }
        return sign * Double.parseDouble(v);
    }
}
