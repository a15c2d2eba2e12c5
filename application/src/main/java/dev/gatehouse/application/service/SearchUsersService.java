package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.SearchUsersQuery;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.UserListing;
import dev.gatehouse.application.port.out.UserPage;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.port.out.UserSearch;

/** Pages through the users for an administrator; reading changes nothing, so nothing is audited. */
public final class SearchUsersService implements SearchUsersUseCase {

    private final AdminGate gate;
    private final UserRepository users;

    /** {@code gate}: the admission every administrative use case shares, built once by {@link UseCases}. */
    SearchUsersService(AdminGate gate, UserRepository users) {
        this.gate = gate;
        this.users = users;
    }

    @Override
    public AdminResult<UserListing> search(SearchUsersQuery query) {
        // Validated before the actor is checked: a malformed query is the caller's error whoever asks.
        UserSearch search = new UserSearch(query.text(), query.page(), query.size());
        return gate.asAdmin(query.actor(), actorName -> {
            UserPage page = users.search(search);
            return new AdminResult.Done<>(new UserListing(page.users(), page.total(), search.page(), search.size()));
        });
    }
}
