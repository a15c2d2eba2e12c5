package dev.gatehouse.features;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario's sign-in through an application, for both glues: where each application asked to have people sent
 * back (the "returns to" column), and the journey under way: which application sent the browser, with which PKCE
 * secret and {@code state}, and the code it was given. Cucumber's PicoContainer makes one per scenario.
 */
public final class SignInJourney {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> returnAddresses = new HashMap<>();
    private String application;
    private ProofKey proofKey;
    private String state;
    private String code;

    /** The applications of a "Gatehouse knows these client applications" table that have a return address. */
    public void remember(io.cucumber.datatable.DataTable applications) {
        for (Map<String, String> row : applications.asMaps()) {
            String returnsTo = row.get("returns to");
            if (returnsTo != null && !returnsTo.isBlank()) {
                returnAddresses.put(row.get("application"), returnsTo.strip());
            }
        }
    }

    /**
     * A new journey: {@code application} sends the browser with a fresh PKCE secret and state. Returns the query of its
     * link: the code flow with PKCE (S256), the state, its registered return address; a parameter in {@code changes}
     * replaces the link's own, or, mapped to null, leaves it out.
     */
    public Map<String, String> startFor(String application, Map<String, String> changes) {
        this.application = application;
        this.proofKey = ProofKey.fresh();
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        this.state = HexFormat.of().formatHex(random);
        this.code = null;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", application);
        query.put("redirect_uri", returnAddressOf(application));
        query.put("state", state);
        query.put("code_challenge", proofKey.challenge());
        query.put("code_challenge_method", "S256");
        changes.forEach((name, value) -> {
            if (value == null) {
                query.remove(name);
            } else {
                query.put(name, value);
            }
        });
        return query;
    }

    /** The changes to an application's link that leave PKCE out. */
    public static Map<String, String> withoutPkce() {
        Map<String, String> changes = new HashMap<>();
        changes.put("code_challenge", null);
        changes.put("code_challenge_method", null);
        return changes;
    }

    /** The address registered for {@code application}, where it asks Gatehouse to send people back. */
    public String returnAddressOf(String application) {
        String address = returnAddresses.get(application);
        assertNotNull(address, () -> application + " has no \"returns to\" address in the table of client applications");
        return address;
    }

    public String application() {
        assertNotNull(application, "no application has sent anyone to sign in yet");
        return application;
    }

    public ProofKey proofKey() {
        assertNotNull(proofKey, "no application has sent anyone to sign in yet");
        return proofKey;
    }

    public String state() {
        assertNotNull(state, "no application has sent anyone to sign in yet");
        return state;
    }

    public void received(String code) {
        this.code = code;
    }

    public String code() {
        assertNotNull(code, "nobody has been sent back to an application with a code yet");
        return code;
    }
}
