package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A {@code recovery_codes} row: the SHA-256 of one unused recovery code, and whose it is. */
@Entity
@Table(name = "recovery_codes")
class RecoveryCodeJpaEntity {

    @Id
    @Column(name = "code_hash", nullable = false, updatable = false, length = 64)
    private String codeHash;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    protected RecoveryCodeJpaEntity() {
    }

    RecoveryCodeJpaEntity(String codeHash, UUID userId) {
        this.codeHash = codeHash;
        this.userId = userId;
    }
}
