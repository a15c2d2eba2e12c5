package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Translates between the domain {@link User} and its row; the only place that knows both shapes. */
final class UserJpaMapper {

    private UserJpaMapper() {
    }

    static UserJpaEntity toNewEntity(User user, Instant now) {
        UserJpaEntity entity = new UserJpaEntity(user.id().value(), user.createdAt());
        copyInto(user, entity, now);
        return entity;
    }

    /** Overwrites the entity's changeable state with the user's; id, creation time and version stay. */
    static void copyInto(User user, UserJpaEntity entity, Instant now) {
        entity.setUsername(user.username().value());
        entity.setUsernameCanonical(user.username().canonical());
        entity.setEmail(user.email().map(EmailAddress::value).orElse(null));
        entity.setFullName(user.fullName().map(FullName::value).orElse(null));
        entity.setPasswordHash(user.passwordHash().encoded());
        entity.setDisabled(user.isDisabled());
        entity.setEmailVerified(user.isEmailVerified());
        entity.setSecurityVersion(user.securityVersion());
        entity.setRoles(user.roles().stream().map(Role::name).collect(Collectors.joining(" ")));
        entity.setUpdatedAt(now);
    }

    static User toDomain(UserJpaEntity entity) {
        return new User(
                new UserId(entity.getId()),
                new Username(entity.getUsername()),
                entity.getEmail() == null ? null : new EmailAddress(entity.getEmail()),
                entity.getFullName() == null ? null : new FullName(entity.getFullName()),
                new PasswordHash(entity.getPasswordHash()),
                entity.isDisabled(),
                entity.getCreatedAt(),
                entity.getSecurityVersion(),
                roles(entity.getRoles()),
                entity.isEmailVerified());
    }

    /** The space-separated, sorted names V5 stores; empty for none. */
    static Set<Role> roles(String stored) {
        return stored.isEmpty() ? Set.of() : Arrays.stream(stored.split(" ")).map(Role::new).collect(Collectors.toSet());
    }
}
