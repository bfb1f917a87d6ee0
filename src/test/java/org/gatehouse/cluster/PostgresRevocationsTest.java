package org.gatehouse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.Optional;
import javax.sql.DataSource;
import org.gatehouse.token.TokenCache.Kind;
import org.gatehouse.token.TokenCache.Revocation;
import org.junit.jupiter.api.Test;

/** The payload of a revocation notice, and the database the cluster mode needs. */
class PostgresRevocationsTest {

    @Test
    void noticeNamesTheKindAndTheReference() {
        assertEquals(Optional.of(new Revocation(Kind.DEVICE, 1234)), PostgresRevocations.parse("3f9a0c1b2d4e5f60 DEVICE 1234"));
        assertEquals(Optional.of(new Revocation(Kind.USER, 7)), PostgresRevocations.parse("a USER 7"));
        assertEquals(Optional.of(new Revocation(Kind.TOKEN, 9)), PostgresRevocations.parse("a TOKEN 9"));
    }

    @Test
    void malformedNoticeIsIgnored() {
        for (String payload : new String[] {"", "a DEVICE", "a DEVICE 1 2", "a SESSION 1", "a USER x", "a USER 99999999999999999999"}) {
            assertEquals(Optional.empty(), PostgresRevocations.parse(payload), payload);
        }
    }

    @Test
    void clusterModeOnAnotherDatabaseFailsTheDeploymentNamingTheSetting() {
        PostgresRevocations revocations = new PostgresRevocations();
        revocations.dataSource = dataSourceOf("H2");
        IllegalStateException failure = assertThrows(IllegalStateException.class, revocations::start);
        assertEquals("gatehouse.cluster.enabled=true needs PostgreSQL as the default datasource, found H2", failure.getMessage());
    }

    /** A datasource whose connections say they are {@code product}, and do nothing else. */
    private static DataSource dataSourceOf(String product) {
        DatabaseMetaData metaData = proxy(DatabaseMetaData.class, method -> method.equals("getDatabaseProductName") ? product : null);
        Connection connection = proxy(Connection.class, method -> method.equals("getMetaData") ? metaData : null);
        return proxy(DataSource.class, method -> method.equals("getConnection") ? connection : null);
    }

    private static <T> T proxy(Class<T> type, java.util.function.Function<String, Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.apply(method.getName())));
    }
}
