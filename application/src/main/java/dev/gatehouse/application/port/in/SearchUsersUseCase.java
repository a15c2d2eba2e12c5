package dev.gatehouse.application.port.in;

/** Lists users page by page, optionally matching a search text; for administrators. */
public interface SearchUsersUseCase {

    AdminResult<UserListing> search(SearchUsersQuery query);
}
