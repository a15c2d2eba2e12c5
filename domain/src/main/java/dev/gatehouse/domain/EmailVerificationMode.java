package dev.gatehouse.domain;

/**
 * Whether Gatehouse asks people to prove their email address: {@code OFF} (the tutorial's behaviour, nothing is
 * mailed and {@code email_verified} is not shown), {@code OPTIONAL} (a link is mailed, nothing depends on it) or
 * {@code REQUIRED} (an account with an unproven address gets no tokens).
 */
public enum EmailVerificationMode {
    OFF,
    OPTIONAL,
    REQUIRED;

    /** Whether addresses are verified at all: links are mailed and the state is shown. */
    public boolean isOn() {
        return this != OFF;
    }
}
