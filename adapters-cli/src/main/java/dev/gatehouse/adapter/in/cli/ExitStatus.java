package dev.gatehouse.adapter.in.cli;

/** How a command-line run ends, as the process's exit status; scripts depend on these numbers. */
public enum ExitStatus {

    /** It did what was asked. */
    SUCCESS(0),
    /** Refused (no such user, unknown role, username taken, password rejected) or failed; stderr says why. */
    REFUSED(1),
    /** The command line was wrong: unknown command or option, missing or malformed argument. */
    USAGE(2);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
