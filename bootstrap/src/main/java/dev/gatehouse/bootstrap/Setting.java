package dev.gatehouse.bootstrap;

import java.util.Objects;
import java.util.Optional;

/**
 * One setting of the {@link SettingsCatalogue}: the environment variable it is read from, its default as a person
 * reads it in the README, what it does, and how its text is parsed and checked. Reading it goes through its parser, so
 * a malformed value stops the start with an {@link InvalidSettingException} that names it.
 *
 * @param name           the environment variable; a family of settings has a placeholder in it ({@code <ID>})
 * @param parser         turns the text into the value, or refuses it naming the setting
 * @param defaultValue   the value when the setting is unset, where it is fixed (not computed from other settings)
 * @param shownDefault   the default as the README shows it (markdown)
 * @param description    what the setting does, for the README (markdown)
 * @param verbatim       the text is taken as given, surrounding spaces included (secrets); otherwise it is trimmed.
 *                       Either way an empty value counts as unset.
 */
record Setting<T>(String name, Parser<T> parser, Optional<T> defaultValue, String shownDefault, String description,
                  boolean verbatim) {

    /** The placeholder a family of settings has in its name, such as {@code GATEHOUSE_CLIENT_SECRET_<ID>}. */
    static final String PLACEHOLDER = "<ID>";

    /** Turns a setting's text into its value; refuses it with an {@link InvalidSettingException} that starts with the name. */
    @FunctionalInterface
    interface Parser<T> {

        /** {@code text} is never empty, and trimmed unless the setting is verbatim. */
        T parse(String name, String text);
    }

    Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(shownDefault, "shownDefault");
        Objects.requireNonNull(description, "description");
    }

    /** A setting not yet described: unset by default, shown as "unset". */
    static <T> Setting<T> named(String name, Parser<T> parser) {
        return new Setting<>(name, parser, Optional.empty(), "unset", "", false);
    }

    /** The same setting with a fixed default, shown as that literal text (which a test parses back to {@code value}). */
    Setting<T> defaultsTo(T value, String literal) {
        return new Setting<>(name, parser, Optional.of(value), "`" + literal + "`", description, verbatim);
    }

    /** The same setting with a fixed default that the README describes in words. */
    Setting<T> defaultsTo(T value) {
        return new Setting<>(name, parser, Optional.of(value), shownDefault, description, verbatim);
    }

    /** The same setting, its default shown as this markdown (computed defaults, "unset", "derived"). */
    Setting<T> shownAs(String markdown) {
        return new Setting<>(name, parser, defaultValue, markdown, description, verbatim);
    }

    Setting<T> means(String markdown) {
        return new Setting<>(name, parser, defaultValue, shownDefault, markdown, verbatim);
    }

    /** The same setting read as given, spaces included (secrets and passwords). */
    Setting<T> asGiven() {
        return new Setting<>(name, parser, defaultValue, shownDefault, description, true);
    }

    /**
     * The same setting checked by another parser: for a bound only known at run time, such as the share of the
     * hashing slots registrations may hold, which cannot exceed the slots configured.
     */
    Setting<T> parsedBy(Parser<T> other) {
        return new Setting<>(name, other, defaultValue, shownDefault, description, verbatim);
    }

    /** Whether the name has a placeholder: one setting per client, say. */
    boolean family() {
        return name.contains(PLACEHOLDER);
    }

    /** The member of this family for {@code id} (already in the form a variable name allows). */
    Setting<T> member(String id) {
        if (!family()) {
            throw new IllegalStateException(name + " is one setting, not a family");
        }
        return new Setting<>(name.replace(PLACEHOLDER, id), parser, defaultValue, shownDefault, description, verbatim);
    }

    /** The text of this setting in {@code source}, if it is set. */
    Optional<String> text(SettingSource source) {
        return verbatim ? source.raw(name).filter(value -> !value.isEmpty()) : source.get(name);
    }

    boolean isSet(SettingSource source) {
        return text(source).isPresent();
    }

    /** The parsed value, if the setting is set; a malformed one throws {@link InvalidSettingException}. */
    Optional<T> read(SettingSource source) {
        return text(source).map(text -> parser.parse(name, text));
    }

    /** The parsed value, or the default when unset. Only for a setting with a fixed default. */
    T value(SettingSource source) {
        return read(source).or(this::defaultValue)
                .orElseThrow(() -> new IllegalStateException(name + " has no fixed default: read it and choose one"));
    }
}
