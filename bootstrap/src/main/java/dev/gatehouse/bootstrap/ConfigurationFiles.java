package dev.gatehouse.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Locale;

/**
 * Reads settings from {@code application.yaml}: the one in the working directory if there is one, then the
 * defaults packed in the jar. A setting's YAML key is its environment-variable name in lower case with
 * dots: {@code GATEHOUSE_DB_URL} is {@code gatehouse.db.url}.
 */
final class ConfigurationFiles {

    private ConfigurationFiles() {
    }

    static SettingSource applicationYaml() {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.file("application.yaml").optional())
                .addSource(ConfigSources.classpath("application.yaml").optional())
                .build();
        return name -> config.get(keyOf(name)).asString().asOptional();
    }

    static String keyOf(String environmentName) {
        return environmentName.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
