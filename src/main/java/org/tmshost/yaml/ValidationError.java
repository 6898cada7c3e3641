package org.tmshost.yaml;

/**
 * One problem in a data file: where, which field, what value was found and what was expected.
 * {@code toString()} is the line a technician sees.
 */
public record ValidationError(SourceLocation location, String field, String value, String expected) {
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(location).append(": ");
        if (field != null && !field.isEmpty()) {
            text.append("field '").append(field).append("'");
            if (value != null) {
                text.append(" = ").append(value);
            }
            text.append(": ");
        }
        return text.append(expected).toString();
    }
}
