package org.gatehouse.appservice;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Makes sure that the sender of every registered application service ({@code sender_localpart})
 * has an account, without a password, once the database is migrated: requests made with an
 * {@code as_token} and no {@code user_id} act as that user (Application Service API, "Identity
 * assertion"). An existing account of that name is used as it is.
 */
@ApplicationScoped
public class AppServiceSenders {

    @Inject
    AppServiceRegistry registry;

    @Inject
    SenderAccounts accounts;

    /** Runs after {@link org.gatehouse.infra.DatabaseMigrations} (whose observer has the default priority). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) @Initialized(ApplicationScoped.class)
                 Object event) {
        registry.all().forEach(service -> {
            String localpart = service.sender().localpart();
            try {
                accounts.createUnlessPresent(localpart);
            } catch (RuntimeException raced) {
                if (!accounts.exists(localpart)) {
                    throw raced;
                }
            }
        });
    }
}
