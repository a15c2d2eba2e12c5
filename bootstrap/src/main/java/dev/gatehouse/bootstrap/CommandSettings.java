package dev.gatehouse.bootstrap;

/**
 * Reads the settings for one command, asking for {@code GATEHOUSE_JWT_SECRET} only when the command needs it
 * (a command says so: {@code Subcommand.needsSigningSecret()}): an operator listing users on a host that holds no signing secret
 * should not have to invent one. Throws {@link InvalidSettingException} for a setting that is missing or wrong.
 */
@FunctionalInterface
interface CommandSettings {

    GatehouseSettings read(boolean signingSecretRequired);

    /** Reads {@code source} as the command needs it: the command line's settings. */
    static CommandSettings of(SettingSource source) {
        return signingSecretRequired -> signingSecretRequired
                ? GatehouseSettings.from(source) : GatehouseSettings.withoutRequiredSecret(source);
    }

    /** The same settings for every command, whatever it needs (tests). */
    static CommandSettings always(GatehouseSettings settings) {
        return signingSecretRequired -> settings;
    }
}
