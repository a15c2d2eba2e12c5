package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.junit.jupiter.api.Test;

class NoGeneratedClassesTest {

    @Test
    void hibernate_booted_on_this_class_path_takes_the_provider_that_generates_no_classes() {
        StandardServiceRegistry services = new StandardServiceRegistryBuilder().build();
        try {
            assertInstanceOf(org.hibernate.bytecode.internal.none.BytecodeProviderImpl.class,
                    services.requireService(BytecodeProvider.class),
                    "ByteBuddy's provider: is META-INF/services/org.hibernate.service.spi.ServiceContributor missing?");
        } finally {
            StandardServiceRegistryBuilder.destroy(services);
        }
    }
}
