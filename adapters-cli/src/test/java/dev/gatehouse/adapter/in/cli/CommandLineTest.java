package dev.gatehouse.adapter.in.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parsing and dispatch of the command line, without a database: help, usage errors and refused input end before
 * the settings are even read.
 */
class CommandLineTest {

    private static final ConsoleOpener NOTHING_OPENED = signingSecretRequired -> {
        throw new AssertionError("the settings were read, so the database would have been opened");
    };

    private final CommandLine commandLine = CommandLine.standard();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitStatus run(String... arguments) {
        return run(new ByteArrayInputStream(new byte[0]), Optional.empty(), arguments);
    }

    private ExitStatus run(ByteArrayInputStream in, Optional<Terminal.SecretPrompt> prompt, String... arguments) {
        Terminal terminal = new Terminal(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), prompt);
        return commandLine.run(List.of(arguments), terminal, NOTHING_OPENED);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({"help", "--help", "-h"})
    void general_help_lists_every_command_and_the_exit_statuses(String help) {
        assertEquals(ExitStatus.SUCCESS, run(help));

        for (String command : List.of("create-user", "import-users", "disable", "enable", "unlock", "send-password-reset", "grant-role",
                "revoke-role", "end-sessions", "reset-two-factor", "show-user", "list-users", "rotate-keys", "revoke-key")) {
            assertTrue(out().contains("gatehouse " + command), command + " missing from:\n" + out());
        }
        assertTrue(out().contains("never arguments"), "says why passwords are not arguments");
        assertTrue(out().contains("0 done, 1 refused or failed"), out());
        assertEquals("", err());
    }

    @Test
    void a_commands_help_shows_its_usage_and_options() {
        assertEquals(ExitStatus.SUCCESS, run("help", "create-user"));
        String viaHelp = out();
        out.reset();

        assertEquals(ExitStatus.SUCCESS, run("create-user", "--help"));
        assertEquals(viaHelp, out());
        assertTrue(viaHelp.startsWith("usage: gatehouse create-user <username> [--admin] [--email E] [--full-name NAME]\n"), viaHelp);
        assertTrue(viaHelp.contains("ps and in the shell's history"), viaHelp);
        out.reset();
        assertEquals(ExitStatus.SUCCESS, run("list-users", "-h"));
        assertTrue(out().contains("--size N"), out());
    }

    @Test
    void an_unknown_command_is_a_usage_error() {
        assertEquals(ExitStatus.USAGE, run("frobnicate", "root"));

        assertEquals(List.of("gatehouse: unknown command 'frobnicate'",
                "usage: gatehouse <command> [arguments]; gatehouse help lists the commands"), err().lines().toList());
        assertEquals("", out());
        assertEquals(ExitStatus.USAGE, run("help", "frobnicate"));
        assertEquals(ExitStatus.USAGE, run("--bogus"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "create-user                             | gatehouse create-user: missing <username>",
            "grant-role root                         | gatehouse grant-role: missing <role>",
            "disable root bob                        | gatehouse disable: unexpected argument 'bob'",
            "rotate-keys now                         | gatehouse rotate-keys: unexpected argument 'now'",
            "revoke-key                              | gatehouse revoke-key: missing <kid>",
            "revoke-key ../etc                       | gatehouse revoke-key: invalid key id '../etc': a key id is 1 to 64 base64url characters",
            "rotate-keys --compromised=yes           | gatehouse rotate-keys: --compromised takes no value",
            "create-user root --root                 | gatehouse create-user: unknown option --root",
            "create-user root -x                     | gatehouse create-user: unknown option -x",
            "create-user root --email                | gatehouse create-user: --email needs a value (E)",
            "create-user root --admin=yes            | gatehouse create-user: --admin takes no value",
            "create-user root --email a@b.c --email=d@e.f | gatehouse create-user: --email is given twice",
            "create-user root --email not-an-address | gatehouse create-user: invalid --email 'not-an-address': email is not a valid address",
            "show-user -                             | gatehouse show-user: invalid username '-': username may contain only letters, digits and . _ - @ + and must start with a letter or digit",
            "grant-role root Admin                   | gatehouse grant-role: invalid role 'Admin': role must be 1 to 64 characters: lower-case letters, digits, '.', '_', ':' or '-', starting with a letter",
            "list-users --page 0                     | gatehouse list-users: --page must be a whole number from 1 to 10001, got '0'",
            "list-users --size 101                   | gatehouse list-users: --size must be a whole number from 1 to 100, got '101'",
            "list-users --size=many                  | gatehouse list-users: --size must be a whole number from 1 to 100, got 'many'",
    })
    void a_malformed_command_line_is_a_usage_error_named_in_one_line_followed_by_the_usage(String line, String message) {
        String[] arguments = line.strip().split("\\s+");

        assertEquals(ExitStatus.USAGE, run(arguments));

        List<String> lines = err().lines().toList();
        assertEquals(message, lines.get(0));
        assertTrue(lines.get(1).startsWith("usage: gatehouse " + arguments[0]), lines.get(1));
        assertEquals(2, lines.size(), err());
        assertEquals("", out());
    }

    @Test
    void a_password_option_is_refused_with_the_reason() {
        assertEquals(ExitStatus.USAGE, run("create-user", "root", "--password", "hunter2hunter2"));

        assertTrue(err().contains("unknown option --password (the password is read from standard input, never from an argument)"), err());
    }

    @Test
    void options_take_their_value_either_way_and_double_dash_ends_the_options() {
        Invocation.Run run = assertInstanceOf(Invocation.Run.class, commandLine.parse(
                List.of("create-user", "--email=a@example.com", "--full-name", "A B", "--admin", "--", "root")));

        assertEquals(List.of("root"), run.arguments().operands());
        assertEquals(Map.of("email", "a@example.com", "full-name", "A B"), run.arguments().options());
        assertEquals(Set.of("admin"), run.arguments().flags());
    }

    @Test
    void an_operand_that_begins_with_a_single_dash_is_an_operand_while_one_is_due() {
        Invocation.Run run = assertInstanceOf(Invocation.Run.class, commandLine.parse(
                List.of("revoke-key", "-fiDNuXyzdT0hFraq8y8xw")));

        assertEquals(List.of("-fiDNuXyzdT0hFraq8y8xw"), run.arguments().operands());
        assertInstanceOf(Invocation.Help.class, commandLine.parse(List.of("revoke-key", "-h")));
        assertInstanceOf(Invocation.Misuse.class, commandLine.parse(List.of("revoke-key", "--fiDNuXyzdT0hFraq8y8xw")));
    }

    @Test
    void an_operand_that_begins_with_two_dashes_goes_after_double_dash_and_the_error_says_so() {
        assertEquals(ExitStatus.USAGE, run("revoke-key", "--fiDNuXyzdT0hFraq8y8xw"));
        assertEquals("gatehouse revoke-key: unknown option --fiDNuXyzdT0hFraq8y8xw (an operand that begins with -- goes after"
                + " --: gatehouse revoke-key -- --fiDNuXyzdT0hFraq8y8xw)", err().lines().findFirst().orElseThrow());

        Invocation.Run run = assertInstanceOf(Invocation.Run.class, commandLine.parse(
                List.of("revoke-key", "--", "--fiDNuXyzdT0hFraq8y8xw")));
        assertEquals(List.of("--fiDNuXyzdT0hFraq8y8xw"), run.arguments().operands());
    }

    @Test
    void create_user_without_a_password_on_standard_input_is_a_usage_error() {
        assertEquals(ExitStatus.USAGE, run("create-user", "root"));

        assertTrue(err().startsWith("gatehouse create-user: no password on standard input"), err());
    }

    @Test
    void create_user_at_a_terminal_asks_twice_and_refuses_two_different_passwords() {
        Deque<String> answers = new ArrayDeque<>(List.of("correct horse battery", "correct horse battery!"));
        List<String> questions = new java.util.ArrayList<>();
        Terminal.SecretPrompt prompt = question -> {
            questions.add(question);
            return Optional.of(answers.removeFirst().toCharArray());
        };

        assertEquals(ExitStatus.REFUSED, run(new ByteArrayInputStream(new byte[0]), Optional.of(prompt), "create-user", "root"));

        assertEquals(List.of("Password for root: ", "Repeat the password: "), questions);
        assertEquals("gatehouse create-user: the two passwords differ; nothing was created\n", err());
    }

    @Test
    void create_user_refuses_a_password_longer_than_any_password_may_be() {
        byte[] huge = ("x".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8);

        assertEquals(ExitStatus.REFUSED, run(new ByteArrayInputStream(huge), Optional.empty(), "create-user", "root"));

        assertTrue(err().startsWith("gatehouse create-user: password rejected:"), err());
        assertFalse(err().contains("xxxx"), "never echoes the password");
    }

    @Test
    void the_password_is_the_first_line_without_its_line_break() {
        assertEquals(Optional.of("pass word"), CreateUserSubcommand.firstLine(stdin("pass word\nsecond line\n")));
        assertEquals(Optional.of("windows"), CreateUserSubcommand.firstLine(stdin("windows\r\n")));
        assertEquals(Optional.of("no line break"), CreateUserSubcommand.firstLine(stdin("no line break")));
        assertEquals(Optional.of("pässwörd"), CreateUserSubcommand.firstLine(stdin("pässwörd\n")));
        assertEquals(Optional.of(""), CreateUserSubcommand.firstLine(stdin("\n")));
        assertEquals(Optional.empty(), CreateUserSubcommand.firstLine(stdin("")));
    }

    @Test
    void every_command_has_a_distinct_name_and_a_summary() {
        assertEquals(ExitStatus.SUCCESS, run("help"));
        for (String name : List.of("create-user", "disable", "enable", "unlock", "send-password-reset", "grant-role", "revoke-role",
                "end-sessions", "reset-two-factor", "show-user", "list-users", "rotate-keys", "revoke-key")) {
            out.reset();
            assertEquals(ExitStatus.SUCCESS, run("help", name), name);
            assertTrue(out().startsWith("usage: gatehouse " + name), out());
        }
    }

    private static ByteArrayInputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
