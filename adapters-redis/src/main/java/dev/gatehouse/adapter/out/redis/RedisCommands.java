package dev.gatehouse.adapter.out.redis;

import dev.gatehouse.application.port.out.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The client, with Redis's failures translated for the ports: a server that cannot be reached (refused, timed out,
 * every pooled connection busy) is {@link StoreUnavailableException} ("try again shortly", a 503); an answer the
 * adapter did not expect is a bug and stays one.
 */
final class RedisCommands {

    private final UnifiedJedis client;
    private final String redactedUrl;

    RedisCommands(UnifiedJedis client, String redactedUrl) {
        this.client = client;
        this.redactedUrl = redactedUrl;
    }

    <T> T run(Function<UnifiedJedis, T> command) {
        try {
            return command.apply(client);
        } catch (JedisBusyException busy) {
            throw unavailable(busy);
        } catch (JedisDataException bug) {
            throw bug;
        } catch (JedisException unreachable) {
            throw unavailable(unreachable);
        }
    }

    /** Runs a Lua script by its digest, sending its text only when the server does not have it yet. */
    Object eval(Script script, List<String> keys, List<String> args) {
        return run(redis -> {
            try {
                return redis.evalsha(script.sha1(), keys, args);
            } catch (JedisNoScriptException notLoadedYet) {
                return redis.eval(script.text(), keys, args); // EVAL caches the script for the next EVALSHA
            }
        });
    }

    private StoreUnavailableException unavailable(JedisException cause) {
        return new StoreUnavailableException("Redis at " + redactedUrl + " cannot be reached: " + cause.getMessage(), cause);
    }

    /** A Lua script and its SHA-1, the name Redis caches it under. */
    record Script(String text, String sha1) {

        static Script of(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is part of every JDK", e);
            }
        }
    }
}
