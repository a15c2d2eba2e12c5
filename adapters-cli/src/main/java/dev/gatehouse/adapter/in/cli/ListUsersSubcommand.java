package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.SearchUsersQuery;
import dev.gatehouse.application.port.in.UserListing;
import dev.gatehouse.domain.UserSearchLimits;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.User;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code list-users [--search TEXT] [--page N] [--size N]}: a page of users as a table, in username order. */
final class ListUsersSubcommand implements Subcommand {

    static final int DEFAULT_SIZE = 20;
    private static final List<String> HEADINGS = List.of("USERNAME", "STATUS", "ROLES", "EMAIL", "CREATED");

    @Override
    public String name() {
        return "list-users";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of(), CommandSyntax.valued("search", "TEXT"), CommandSyntax.valued("page", "N"),
                CommandSyntax.valued("size", "N"));
    }

    @Override
    public String summary() {
        return "List users page by page, in username order";
    }

    @Override
    public List<String> details() {
        return List.of(
                "  --search TEXT  only users whose username or e-mail contains TEXT, ignoring case",
                "  --page N       the page to show, counting from 1 (default 1)",
                "  --size N       users per page, 1 to " + UserSearchLimits.MAX_PAGE_SIZE + " (default " + DEFAULT_SIZE + ")");
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        String text = arguments.option("search").orElse("");
        if (text.length() > UserSearchLimits.MAX_TEXT_LENGTH) {
            throw CommandException.usage("--search TEXT must be at most " + UserSearchLimits.MAX_TEXT_LENGTH + " characters");
        }
        int page = number(arguments, "page", 1, UserSearchLimits.MAX_PAGE + 1, 1);
        int size = number(arguments, "size", 1, UserSearchLimits.MAX_PAGE_SIZE, DEFAULT_SIZE);
        return (useCases, io) -> {
            AdminResult<UserListing> result = useCases.search().search(new SearchUsersQuery(Actor.console(), text, page - 1, size));
            UserListing listing = switch (result) {
                case AdminResult.Done<UserListing> done -> done.value();
                case AdminResult.Refused<UserListing> refused -> throw CommandException.refused("refused: " + refused.refusal());
            };
            print(listing, text, io.out());
            return ExitStatus.SUCCESS;
        };
    }

    private static int number(Arguments arguments, String option, int min, int max, int defaultValue) {
        String raw = arguments.option(option).orElse(null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the range
        }
        throw CommandException.usage("--" + option + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
    }

    private static void print(UserListing listing, String text, PrintStream out) {
        long pages = Math.max(1, (listing.total() + listing.size() - 1) / listing.size());
        if (listing.total() == 0) {
            out.println(text.isEmpty() ? "no users" : "no user matches '" + text + "'");
            return;
        }
        if (listing.users().isEmpty()) {
            out.println("page " + (listing.page() + 1) + " is past the last page, " + pages + " (" + listing.total() + " users)");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (User user : listing.users()) {
            rows.add(List.of(user.username().value(), ShowUserSubcommand.status(user), ShowUserSubcommand.roles(user),
                    user.email().map(EmailAddress::value).orElse("-"), user.createdAt().toString()));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                String cell = row.get(column);
                line.append(cell).append(column == widths.length - 1 ? "" : " ".repeat(widths[column] - cell.length() + 2));
            }
            out.println(line);
        }
        long first = (long) listing.page() * listing.size() + 1;
        out.println("users " + first + "-" + (first + listing.users().size() - 1) + " of " + listing.total()
                + (text.isEmpty() ? "" : " matching '" + text + "'") + ", page " + (listing.page() + 1) + " of " + pages);
    }
}
