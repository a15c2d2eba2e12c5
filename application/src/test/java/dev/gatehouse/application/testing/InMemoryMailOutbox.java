package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.ClaimedMail;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.OutgoingMail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The outbox in memory, one lock for atomicity; held honest by {@link MailOutboxContract}. */
public final class InMemoryMailOutbox implements MailOutbox {

    private enum State { PENDING, SENT, ABANDONED }

    private record Row(OutgoingMail mail, State state, int failedAttempts, Instant dueAt, Optional<UUID> claim, Instant createdAt) {
    }

    private final Map<UUID, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized void enqueue(OutgoingMail mail, Instant at) {
        if (rows.containsKey(mail.id())) {
            throw new IllegalStateException("mail " + mail.id() + " is already in the outbox");
        }
        rows.put(mail.id(), new Row(mail, State.PENDING, 0, at, Optional.empty(), at));
    }

    @Override
    public synchronized List<ClaimedMail> claim(int max, Instant now, Duration lease) {
        List<ClaimedMail> claimed = new ArrayList<>();
        List<Row> due = rows.values().stream().filter(row -> row.state() == State.PENDING && !row.dueAt().isAfter(now))
                .sorted(Comparator.comparing(Row::dueAt).thenComparing(Row::createdAt)).limit(max).toList();
        for (Row row : due) {
            UUID claim = UUID.randomUUID();
            rows.put(row.mail().id(), new Row(row.mail(), State.PENDING, row.failedAttempts(), now.plus(lease), Optional.of(claim),
                    row.createdAt()));
            claimed.add(new ClaimedMail(row.mail(), claim, row.failedAttempts()));
        }
        return claimed;
    }

    @Override
    public synchronized boolean sent(ClaimedMail claimed, Instant at) {
        return settle(claimed, row -> new Row(row.mail(), State.SENT, row.failedAttempts(), at, Optional.empty(), row.createdAt()));
    }

    @Override
    public synchronized boolean failed(ClaimedMail claimed, Instant retryAt, String reason) {
        return settle(claimed, row -> new Row(row.mail(), State.PENDING, row.failedAttempts() + 1, retryAt, Optional.empty(),
                row.createdAt()));
    }

    @Override
    public synchronized boolean abandoned(ClaimedMail claimed, Instant at, String reason) {
        return settle(claimed, row -> new Row(row.mail(), State.ABANDONED, row.failedAttempts() + 1, at, Optional.empty(),
                row.createdAt()));
    }

    @Override
    public synchronized long pending() {
        return rows.values().stream().filter(row -> row.state() == State.PENDING).count();
    }

    /** Every mail ever enqueued, in order (for tests that read what a use case sent). */
    public synchronized List<OutgoingMail> all() {
        return rows.values().stream().map(Row::mail).toList();
    }

    private boolean settle(ClaimedMail claimed, java.util.function.UnaryOperator<Row> change) {
        Row row = rows.get(claimed.mail().id());
        if (row == null || row.state() != State.PENDING || !row.claim().equals(Optional.of(claimed.claim()))) {
            return false;
        }
        rows.put(row.mail().id(), change.apply(row));
        return true;
    }
}
