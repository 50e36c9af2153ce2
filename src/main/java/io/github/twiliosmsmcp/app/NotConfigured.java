package io.github.twiliosmsmcp.app;

import java.util.List;

/** The settings are not usable: each problem names a variable and what is wrong with it. */
public final class NotConfigured extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    NotConfigured(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    public String describe() {
        return getMessage();
    }
}
