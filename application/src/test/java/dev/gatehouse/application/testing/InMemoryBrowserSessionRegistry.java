package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.domain.BrowserSessionId;
import dev.gatehouse.domain.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BrowserSessionRegistry} in two maps; ending is one atomic {@code putIfAbsent}. */
public final class InMemoryBrowserSessionRegistry implements BrowserSessionRegistry {

    private record Attachment(Origin origin, Instant at) {
    }

    private final Map<BrowserSessionId, Instant> ended = new ConcurrentHashMap<>();
    private final Map<SessionId, Attachment> attached = new ConcurrentHashMap<>();
    private final java.time.Clock clock;

    public InMemoryBrowserSessionRegistry() {
        this(java.time.Clock.systemUTC());
    }

    /** Attachments are dated by {@code clock}. */
    public InMemoryBrowserSessionRegistry(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean end(BrowserSessionId session, Instant at) {
        Objects.requireNonNull(at, "at");
        return ended.putIfAbsent(Objects.requireNonNull(session, "session"), at) == null;
    }

    @Override
    public boolean hasEnded(BrowserSessionId session) {
        return ended.containsKey(Objects.requireNonNull(session, "session"));
    }

    @Override
    public void attach(SessionId started, Origin origin) {
        Objects.requireNonNull(origin, "origin");
        attached.put(Objects.requireNonNull(started, "started"), new Attachment(origin, clock.instant()));
    }

    @Override
    public Optional<Origin> originOf(SessionId session) {
        return Optional.ofNullable(attached.get(Objects.requireNonNull(session, "session"))).map(Attachment::origin);
    }

    @Override
    public List<SessionId> sessionsOf(BrowserSessionId session) {
        Objects.requireNonNull(session, "session");
        return attached.entrySet().stream().filter(entry -> entry.getValue().origin().browserSession().equals(session))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        int before = ended.size() + attached.size();
        ended.values().removeIf(at -> at.isBefore(cutoff));
        attached.values().removeIf(attachment -> attachment.at().isBefore(cutoff));
        return before - ended.size() - attached.size();
    }
}
