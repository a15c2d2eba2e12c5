package dev.gatehouse.adapter.in.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The neutral CSV format: a header line {@code username,email,full_name,disabled,roles,password_hash}, then one user
 * per line; fields quoted as RFC 4180 says when they hold a comma or a quote (no line breaks inside a field); roles
 * separated by spaces; disabled {@code true} or {@code false} (empty: false); email and full name may be empty. UTF-8,
 * LF or CRLF. A line longer than {@link #MAX_LINE_CHARS} stops the file.
 */
final class CsvUserFile implements UserFile {

    static final List<String> HEADER = List.of("username", "email", "full_name", "disabled", "roles", "password_hash");
    static final int MAX_LINE_CHARS = 64 * 1024;

    private final BufferedReader reader;
    private int lineNumber;

    CsvUserFile(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        Optional<String> header = line();
        if (header.isEmpty()) {
            throw new ImportFileException("the file is empty; a CSV export starts with the header " + String.join(",", HEADER));
        }
        String first = header.get().startsWith("\uFEFF") ? header.get().substring(1) : header.get();
        if (!fields(first).equals(HEADER)) {
            throw new ImportFileException("line 1 is not the header " + String.join(",", HEADER));
        }
    }

    @Override
    public Optional<ImportEntry> next() {
        Optional<String> line;
        do {
            line = line();
        } while (line.isPresent() && line.get().isBlank());
        if (line.isEmpty()) {
            return Optional.empty();
        }
        List<String> fields = fields(line.get());
        if (fields.size() != HEADER.size()) {
            throw new ImportFileException("line " + lineNumber + " has " + fields.size() + " fields, the header " + HEADER.size());
        }
        String position = "line " + lineNumber;
        String disabled = fields.get(3).strip();
        if (!disabled.isEmpty() && !disabled.equals("true") && !disabled.equals("false")) {
            return Optional.of(new ImportEntry.Unreadable(position, ImportFields.shown(fields.get(0)),
                    "disabled must be true, false or empty, not '" + ImportFields.shown(disabled) + "'"));
        }
        List<String> roles = fields.get(4).isBlank() ? List.of() : Arrays.asList(fields.get(4).strip().split(" +"));
        return Optional.of(ImportFields.entry(position, fields.get(0), Optional.of(fields.get(1)), Optional.of(fields.get(2)),
                disabled.equals("true"), roles, fields.get(5)));
    }

    /** One line without its line break, read a character at a time so that no line can exceed the bound. */
    private Optional<String> line() {
        StringBuilder line = new StringBuilder();
        try {
            int next = reader.read();
            if (next < 0) {
                return Optional.empty();
            }
            lineNumber++;
            while (next >= 0 && next != '\n') {
                if (line.length() == MAX_LINE_CHARS) {
                    throw new ImportFileException("line " + lineNumber + " is longer than " + MAX_LINE_CHARS + " characters");
                }
                line.append((char) next);
                next = reader.read();
            }
        } catch (CharacterCodingException notUtf8) {
            throw new ImportFileException("line " + lineNumber + " is not UTF-8", notUtf8);
        } catch (IOException unreadable) {
            throw new ImportFileException("cannot read line " + lineNumber + ": " + unreadable.getMessage(), unreadable);
        }
        int length = line.length();
        return Optional.of(length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString());
    }

    /** RFC 4180 fields of one line. */
    private List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new ImportFileException("line " + lineNumber + " has a quoted field without its closing quote");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new ImportFileException("line " + lineNumber + " has text after a quoted field's closing quote");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new ImportFileException("line " + lineNumber + " has a quote inside an unquoted field");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read to the end or given up: nothing to save
        }
    }
}
