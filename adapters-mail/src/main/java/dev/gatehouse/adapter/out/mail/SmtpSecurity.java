package dev.gatehouse.adapter.out.mail;

/** How the connection to the mail server is protected. */
public enum SmtpSecurity {
    /** Plain SMTP: only for a relay on the same host or a test server. */
    NONE,
    /** Plain SMTP upgraded with STARTTLS, which is required (no fallback to plain text); usually port 587. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, "implicit TLS"); usually port 465. */
    SMTPS
}
