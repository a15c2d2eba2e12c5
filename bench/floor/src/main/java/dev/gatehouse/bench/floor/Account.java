package dev.gatehouse.bench.floor;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one mapped entity of the floor: Hibernate's cost to boot with one table, not Gatehouse's fifteen. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private Long id;

    private String username;

    protected Account() {
    }
}
