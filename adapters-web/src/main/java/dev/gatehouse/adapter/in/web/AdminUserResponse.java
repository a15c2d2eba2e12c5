package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.application.port.in.UserListing;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.format.DateTimeFormatter;

/**
 * A user as administrators see it: {@link UserResponse}'s fields plus the id, roles and creation time. It lists its
 * fields explicitly, so the password hash or the security version cannot reach a response by accident.
 */
final class AdminUserResponse {

    private AdminUserResponse() {
    }

    static JsonObject of(User user) {
        JsonArrayBuilder roles = JsonCodec.BUILDERS.createArrayBuilder();
        user.roles().stream().map(Role::name).forEach(roles::add);
        JsonObjectBuilder json = JsonCodec.BUILDERS.createObjectBuilder()
                .add("id", user.id().value().toString())
                .add("username", user.username().value())
                .add("email", nullable(user.email().map(EmailAddress::value).orElse(null)))
                .add("full_name", nullable(user.fullName().map(FullName::value).orElse(null)))
                .add("disabled", user.isDisabled())
                .add("roles", roles)
                .add("created_at", DateTimeFormatter.ISO_INSTANT.format(user.createdAt()));
        return json.build();
    }

    static JsonObject of(UserListing listing) {
        JsonArrayBuilder users = JsonCodec.BUILDERS.createArrayBuilder();
        listing.users().forEach(user -> users.add(of(user)));
        return JsonCodec.BUILDERS.createObjectBuilder()
                .add("users", users)
                .add("total", listing.total())
                .add("page", listing.page())
                .add("size", listing.size())
                .build();
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }
}
