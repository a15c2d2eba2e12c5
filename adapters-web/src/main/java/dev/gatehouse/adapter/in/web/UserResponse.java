package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.User;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * A user as the API shows it (FastAPI's {@code User} model). It lists its fields explicitly, so a password hash
 * or an internal id cannot reach a response by accident. {@code email} and {@code fullName} may be null.
 */
record UserResponse(String username, String email, String fullName, boolean disabled, Optional<Boolean> emailVerified) {

    static UserResponse from(User user) {
        return from(user, false);
    }

    /** With {@code email_verified} when {@code showVerified} (email verification is on), as the tutorial has none. */
    static UserResponse from(User user, boolean showVerified) {
        return new UserResponse(user.username().value(),
                user.email().map(EmailAddress::value).orElse(null),
                user.fullName().map(FullName::value).orElse(null),
                user.isDisabled(),
                showVerified ? Optional.of(user.isEmailVerified()) : Optional.empty());
    }

    JsonObject toJson() {
        JsonObjectBuilder json = JsonCodec.BUILDERS.createObjectBuilder().add("username", username);
        addNullable(json, "email", email);
        addNullable(json, "full_name", fullName);
        json.add("disabled", disabled);
        emailVerified.ifPresent(verified -> json.add("email_verified", verified));
        return json.build();
    }

    private static void addNullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.add(name, JsonValue.NULL);
        } else {
            json.add(name, value);
        }
    }
}
