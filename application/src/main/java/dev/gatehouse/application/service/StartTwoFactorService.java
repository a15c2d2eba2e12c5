package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.StartTwoFactorResult;
import dev.gatehouse.application.port.in.StartTwoFactorUseCase;
import dev.gatehouse.application.port.in.TwoFactorCommand;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.TotpSecret;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.User;
import dev.gatehouse.application.port.out.OneTimePasswords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Starts a TOTP enrolment: a fresh 160-bit secret made here (never chosen by the client), stored pending in place of
 * any earlier pending one, and shown once as base32 and as an {@code otpauth://} URI (Google Authenticator's key URI
 * format) naming the issuer and the account. A user with an active second factor must remove it first.
 */
public final class StartTwoFactorService implements StartTwoFactorUseCase {

    /** The issuer authenticator apps show beside the account name. */
    static final String ISSUER = "Gatehouse";

    private final BearerAuthentication authentication;
    private final TwoFactorCredentials credentials;
    private final OneTimePasswords codes;
    private final AuditLog audit;
    private final Clock clock;

    StartTwoFactorService(BearerAuthentication authentication, TwoFactorCredentials credentials, OneTimePasswords codes,
                          AuditLog audit, Clock clock) {
        this.authentication = authentication;
        this.credentials = credentials;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public StartTwoFactorResult start(TwoFactorCommand command) {
        User user;
        switch (authentication.authenticate(command.accessToken())) {
            case BearerAuthentication.Accepted accepted -> user = accepted.bearer().user();
            case BearerAuthentication.Inactive inactive -> {
                return new StartTwoFactorResult.InactiveUser();
            }
            case BearerAuthentication.Refused refused -> {
                return new StartTwoFactorResult.InvalidToken();
            }
        }
        Instant now = clock.instant();
        TotpSecret secret = codes.newSecret();
        if (!credentials.startEnrolment(TwoFactorEnrolment.start(user.id(), secret, now))) {
            return new StartTwoFactorResult.AlreadyActive();
        }
        audit.record(new AuditEvent(AuditEvent.Type.TWO_FACTOR_ENROLLED, user.username().value(), command.client(), now));
        return new StartTwoFactorResult.Started(secret.base32(), otpauthUri(user, secret));
    }

    static String otpauthUri(User user, TotpSecret secret) {
        String label = encode(ISSUER) + ":" + encode(user.username().value());
        return "otpauth://totp/" + label + "?secret=" + secret.base32() + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=6&period=30";
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
