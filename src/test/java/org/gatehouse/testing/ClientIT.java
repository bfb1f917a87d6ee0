package org.gatehouse.testing;

import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of integration tests that talk HTTP to a deployed Gatehouse: each test gets a fresh
 * {@link MatrixHttp} on the deployment's URL and an {@link Accounts} helper. Subclasses declare
 * their own {@code @Deployment(testable = false)}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ClientIT {

    @ArquillianResource
    protected URL base;

    protected MatrixHttp http;
    protected Accounts accounts;

    @BeforeEach
    void connect() {
        http = new MatrixHttp(base);
        accounts = new Accounts(http);
    }
}
