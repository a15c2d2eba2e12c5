package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.port.out.UserSearch;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The accounts a person means when they type a username or an email address into a "mail me a link" form (a password
 * reset, a new verification link): the account with that username, or else those with that address, ignoring case.
 */
final class NamedAccounts {

    /** Accounts one address may reach at most (an address several accounts share). */
    static final int MAX_ACCOUNTS_PER_ADDRESS = 5;

    private NamedAccounts() {
    }

    static List<User> named(UserRepository users, String account) {
        String typed = account.strip();
        Optional<User> byName = parse(typed, Username::new).flatMap(users::findByUsername);
        return byName.isPresent() ? List.of(byName.get()) : parse(typed, EmailAddress::new)
                .filter(address -> address.value().length() <= UserSearch.MAX_TEXT_LENGTH)
                .map(address -> users.search(new UserSearch(address.value(), 0, MAX_ACCOUNTS_PER_ADDRESS)).users().stream()
                        .filter(user -> user.email().filter(email -> email.value().equalsIgnoreCase(address.value())).isPresent())
                        .toList())
                .orElse(List.of());
    }

    private static <T> Optional<T> parse(String raw, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(raw));
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
    }
}
