package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.ImportUserResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code import-users <file> [--format json|csv] [--dry-run]}: brings users from another system with their password
 * hashes (the neutral JSON or CSV format, or a Keycloak realm export), one at a time, so a file of any size needs the
 * memory of one user. The file is read through once before the database is opened: a broken file (malformed JSON or
 * CSV, a line or record beyond the size bound) stores nothing. Then each user is imported, or found already present
 * and identical (a re-run changes nothing), or refused with the reason; one report line per user, and a summary.
 * With {@code --dry-run} the report says what an import would do, and nothing is written.
 */
final class ImportUsersSubcommand implements Subcommand {

    private enum Format { JSON, CSV }

    @Override
    public String name() {
        return "import-users";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("file"), CommandSyntax.valued("format", "json|csv"), CommandSyntax.flag("dry-run"));
    }

    @Override
    public String summary() {
        return "Import users with their password hashes from a JSON or CSV export or a Keycloak realm export";
    }

    @Override
    public List<String> details() {
        return List.of(
                "  --format json|csv  the file's format (default: csv for a .csv file, json otherwise)",
                "  --dry-run          report what would be imported and write nothing",
                "JSON: {\"users\": [{\"username\": …, \"email\": …, \"full_name\": …, \"disabled\": false, \"roles\": [\"admin\"],",
                "\"password_hash\": \"$pbkdf2-sha256$29000$…\"}]}, or a Keycloak realm export (realm-export.json). CSV: the header",
                "username,email,full_name,disabled,roles,password_hash, then a user per line (roles separated by spaces).",
                "Hashes: passlib's bcrypt ($2b$, $2a$, $2y$), argon2id and pbkdf2_sha256/sha512/sha1; Keycloak's pbkdf2-sha256,",
                "pbkdf2-sha512 and argon2. Users log in with their old passwords, which are rehashed to argon2id at once.",
                "Each user is imported, already present (identical: a re-run changes nothing) or refused with the reason;",
                "exit status 1 when any was refused. See the README's \"Bring your users\".");
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Path file = Path.of(arguments.operand(0));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CommandException.usage("cannot read the file " + file);
        }
        Format format = arguments.option("format").map(ImportUsersSubcommand::format)
                .orElse(file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.CSV : Format.JSON);
        boolean dryRun = arguments.flag("dry-run");
        // The first pass: the whole file must be well-formed before anything is written.
        long users = 0;
        try (UserFile entries = open(file, format)) {
            while (entries.next().isPresent()) {
                users++;
            }
        } catch (ImportFileException broken) {
            throw CommandException.refused(file + ": " + broken.getMessage() + "; nothing was imported");
        }
        long count = users;
        return (useCases, io) -> {
            Report report = new Report(io.out(), dryRun);
            try (UserFile entries = open(file, format)) {
                for (Optional<ImportEntry> next = entries.next(); next.isPresent(); next = entries.next()) {
                    report.add(switch (next.get()) {
                        case ImportEntry.Unreadable unreadable ->
                                new ImportUserResultLine(unreadable.position(), unreadable.name(), Optional.of(unreadable.reason()), Kind.REFUSED);
                        case ImportEntry.Readable readable -> line(readable.position(),
                                useCases.importUsers().importUser(readable.command(dryRun)));
                    });
                }
            } catch (ImportFileException changed) {
                report.summary();
                throw CommandException.refused(file + " changed while it was imported: " + changed.getMessage()
                        + "; the users above were handled, run the import again");
            }
            report.summary();
            if (report.refused > 0) {
                throw CommandException.refused(report.refused + " of " + count + " users refused (the report names them and why)");
            }
            return ExitStatus.SUCCESS;
        };
    }

    private enum Kind { IMPORTED, PRESENT, REFUSED }

    private record ImportUserResultLine(String position, String name, Optional<String> reason, Kind kind) {
    }

    private static ImportUserResultLine line(String position, ImportUserResult result) {
        String name = result.username().value();
        return switch (result) {
            case ImportUserResult.Imported imported -> new ImportUserResultLine(position, name, Optional.empty(), Kind.IMPORTED);
            case ImportUserResult.AlreadyPresent present -> new ImportUserResultLine(position, name, Optional.empty(), Kind.PRESENT);
            case ImportUserResult.Refused refused -> new ImportUserResultLine(position, name, Optional.of(refused.reason()), Kind.REFUSED);
        };
    }

    /** One line per user as it is handled, and the counts at the end; nothing is kept per user. */
    private static final class Report {

        private final PrintStream out;
        private final boolean dryRun;
        private long imported;
        private long present;
        private long refused;

        Report(PrintStream out, boolean dryRun) {
            this.out = out;
            this.dryRun = dryRun;
        }

        void add(ImportUserResultLine line) {
            switch (line.kind()) {
                case IMPORTED -> {
                    imported++;
                    out.println((dryRun ? "would import " : "imported ") + line.name() + " (" + line.position() + ")");
                }
                case PRESENT -> {
                    present++;
                    out.println("already present " + line.name() + " (" + line.position() + ")");
                }
                case REFUSED -> {
                    refused++;
                    out.println("refused " + line.name() + " (" + line.position() + "): " + line.reason().orElse(""));
                }
            }
        }

        void summary() {
            out.println((dryRun ? "dry run: would import " : "imported ") + imported + ", already present " + present
                    + ", refused " + refused + (dryRun ? "; nothing was written" : ""));
        }
    }

    private static Format format(String raw) {
        return switch (raw) {
            case "json" -> Format.JSON;
            case "csv" -> Format.CSV;
            default -> throw CommandException.usage("--format is json or csv, not '" + raw + "'");
        };
    }

    private static UserFile open(Path file, Format format) {
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + file, unreadable);
        }
        try {
            return format == Format.CSV ? new CsvUserFile(in) : new JsonUserFile(in);
        } catch (RuntimeException broken) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the file's error is the one to report
            }
            throw broken;
        }
    }
}
