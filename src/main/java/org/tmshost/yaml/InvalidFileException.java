package org.tmshost.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** A data file (protocol, profile, policy, scenario) that failed validation; lists every problem found. */
public final class InvalidFileException extends Exception {
    private final transient List<ValidationError> errors;

    public InvalidFileException(List<ValidationError> errors) {
        super(errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public InvalidFileException(ValidationError error) {
        this(List.of(error));
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
