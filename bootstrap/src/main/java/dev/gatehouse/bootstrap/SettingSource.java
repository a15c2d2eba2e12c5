package dev.gatehouse.bootstrap;

import java.util.Map;
import java.util.Optional;

/**
 * Where raw setting values come from, looked up by their environment-variable name
 * ({@code GATEHOUSE_PORT}). Blank values count as absent.
 */
@FunctionalInterface
public interface SettingSource {

    Optional<String> raw(String name);

    default Optional<String> get(String name) {
        return raw(name).map(String::trim).filter(value -> !value.isEmpty());
    }

    static SettingSource of(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    /** This source, and where it has nothing, the other one. */
    default SettingSource orElse(SettingSource fallback) {
        return name -> get(name).or(() -> fallback.get(name));
    }
}
