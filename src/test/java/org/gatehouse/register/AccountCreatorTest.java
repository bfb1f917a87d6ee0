package org.gatehouse.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Clock;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;
import org.junit.jupiter.api.Test;

/** What {@link AccountCreator} makes of a failed insert: only a unique violation is "taken". */
class AccountCreatorTest {

    /** A repository whose every insert fails with {@code failure}. */
    private static AccountCreator failingWith(PersistenceException failure) {
        AccountCreator creator = new AccountCreator();
        creator.clock = Clock.systemUTC();
        creator.users = new UserRepository() {
            @Override
            public boolean existsByLocalpart(String localpart) {
                return false;
            }

            @Override
            public User insert(User user) {
                throw failure;
            }
        };
        return creator;
    }

    @Test
    void aUniqueViolationIsUserInUse() {
        AccountCreator creator = failingWith(new PersistenceException("constraint",
                new SQLException("duplicate key value violates unique constraint", "23505")));

        MatrixException taken = assertThrows(MatrixException.class, () -> creator.create("alice", null, false, false));
        assertEquals(ErrCode.M_USER_IN_USE, taken.errCode());
    }

    @Test
    void anyOtherDatabaseFailureIsNotUserInUse() {
        PersistenceException lost = new PersistenceException("connection",
                new SQLException("An I/O error occurred while sending to the backend", "08006"));
        AccountCreator creator = failingWith(lost);

        assertSame(lost, assertThrows(PersistenceException.class, () -> creator.create("alice", null, false, false)));
    }
}
