package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Username;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code create-user <username> [--admin] [--email E] [--full-name NAME]}: registers a user as the web does (the
 * password policy applies, the registration is audited) and, with {@code --admin}, assigns the admin role as
 * the console (audited too). The password never comes from an argument, which {@code ps} and the shell's
 * history would show: at a terminal it is asked twice without echo, otherwise it is the first line of stdin.
 */
final class CreateUserSubcommand implements Subcommand {

    /** More than any password may be (PlainPassword refuses it then); stop reading a runaway line here. */
    private static final int MAX_LINE_BYTES = PlainPassword.MAX_BYTES + 1;

    @Override
    public String name() {
        return "create-user";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("username"), CommandSyntax.flag("admin"), CommandSyntax.valued("email", "E"),
                CommandSyntax.valued("full-name", "NAME"));
    }

    @Override
    public String summary() {
        return "Create a user (with --admin: an administrator); the password is read from standard input";
    }

    @Override
    public List<String> details() {
        return List.of(
                "  --admin           also assign the admin role, which grants the admin scope",
                "  --email E         the user's e-mail address",
                "  --full-name NAME  the user's full name",
                "The password is never an argument: arguments show in ps and in the shell's history. At a terminal it is",
                "asked twice, without echo; otherwise the first line of standard input is the password:",
                "  printf '%s\\n' \"$PASSWORD\" | gatehouse create-user root --admin",
                "The password policy of registration applies (GATEHOUSE_PASSWORD_MIN_LENGTH, no common passwords).");
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Username username = ConsoleAccounts.username(arguments.operand(0));
        Optional<EmailAddress> email = arguments.option("email").map(CreateUserSubcommand::email);
        Optional<FullName> fullName = arguments.option("full-name").map(CreateUserSubcommand::fullName);
        boolean admin = arguments.flag("admin");
        PlainPassword password = password(terminal, username);
        return (useCases, io) -> {
            if (admin && !useCases.scopes().knows(Role.ADMIN)) {
                throw CommandException.refused("the admin role is unknown: GATEHOUSE_ROLE_SCOPES names only "
                        + ConsoleAccounts.knownRoles(useCases.scopes()) + "; nothing was created");
            }
            RegisterUserResult result = useCases.register().register(
                    new RegisterUserCommand(username, password, email, fullName, ClientAddress.LOCAL));
            return switch (result) {
                case RegisterUserResult.Registered registered -> {
                    if (admin) {
                        ConsoleAccounts.done(useCases.changeRole().changeRole(ConsoleAccounts.asConsole(username), Role.ADMIN, true),
                                username, Optional.of(Role.ADMIN), useCases.scopes());
                    }
                    io.out().println("created user " + registered.user().username() + (admin ? " with the admin role" : ""));
                    yield ExitStatus.SUCCESS;
                }
                case RegisterUserResult.UsernameTaken taken ->
                        throw CommandException.refused("the username '" + username + "' is already taken");
                case RegisterUserResult.PasswordRejected rejected ->
                        throw CommandException.refused("password rejected: " + rejected.reason());
                case RegisterUserResult.Overloaded overloaded -> throw CommandException.refused(
                        "password hashing is at capacity; try again in " + overloaded.retryAfter().toSeconds() + " s");
                case RegisterUserResult.EmailRequired required -> throw CommandException.refused(
                        "email verification is required: give the user an email address (--email)");
            };
        };
    }

    private static EmailAddress email(String raw) {
        try {
            return new EmailAddress(raw);
        } catch (IllegalArgumentException invalid) {
            throw CommandException.usage("invalid --email '" + raw + "': " + invalid.getMessage());
        }
    }

    private static FullName fullName(String raw) {
        try {
            return new FullName(raw);
        } catch (IllegalArgumentException invalid) {
            throw CommandException.usage("invalid --full-name: " + invalid.getMessage());
        }
    }

    private static PlainPassword password(Terminal terminal, Username username) {
        String password = terminal.prompt().isPresent()
                ? asked(terminal.prompt().get(), username)
                : firstLine(terminal.in()).orElseThrow(() -> CommandException.usage(
                        "no password on standard input: give it on the first line, e.g. printf '%s\\n' \"$PASSWORD\" | gatehouse create-user "
                                + username));
        try {
            return new PlainPassword(password);
        } catch (IllegalArgumentException invalid) {
            throw CommandException.refused("password rejected: " + invalid.getMessage());
        }
    }

    private static String asked(Terminal.SecretPrompt prompt, Username username) {
        char[] first = prompt.ask("Password for " + username + ": ").orElseThrow(CreateUserSubcommand::noPassword);
        char[] second = prompt.ask("Repeat the password: ").orElseThrow(CreateUserSubcommand::noPassword);
        try {
            if (!Arrays.equals(first, second)) {
                throw CommandException.refused("the two passwords differ; nothing was created");
            }
            return new String(first);
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
        }
    }

    private static CommandException noPassword() {
        return CommandException.usage("no password given");
    }

    /** The first line, without its line break (LF or CRLF); empty when the input ends before any byte. */
    static Optional<String> firstLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int next = in.read();
            if (next < 0) {
                return Optional.empty();
            }
            while (next >= 0 && next != '\n' && line.size() < MAX_LINE_BYTES) {
                line.write(next);
                next = in.read();
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the password from standard input", unreadable);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException notUtf8) {
            throw CommandException.refused("password rejected: it is not valid UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
