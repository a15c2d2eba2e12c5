package dev.gatehouse.adapter.out.persistence;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Hibernate without ByteBuddy. Our entities have no associations, so Hibernate never needs a lazy proxy, and the
 * reflection optimizer is off by default: the classes ByteBuddy would generate serve nothing. Its provider, which
 * Hibernate picks through Java services whenever it is on the class path, still loads 1,050 classes (8 % of the
 * JVM's) at every start: 5.8 MB of the AOT cache and 9 MiB of idle RSS (bench/README.md, "Start and memory").
 * Registered in {@code META-INF/services}, as Hibernate asks for a provider other than the one it finds. A lazy
 * association or {@code getReference} added one day needs ByteBuddy back: Hibernate throws where it would make a proxy.
 */
public final class NoGeneratedClasses implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder services) {
        services.addService(BytecodeProvider.class, new org.hibernate.bytecode.internal.none.BytecodeProviderImpl());
    }
}
