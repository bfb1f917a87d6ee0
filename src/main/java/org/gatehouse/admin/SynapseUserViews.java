package org.gatehouse.admin;

import java.util.List;

/**
 * The account shapes of Synapse's user admin API ("Query User Account", "List Accounts"), so that
 * Synapse's admin tools read Gatehouse's answers unchanged. Gatehouse has no avatars, user types,
 * shadow bans or consent tracking: those fields say so ({@code null} fields are left out, empty lists
 * and {@code false} are given). {@code external_ids} are the account's single sign-on links.
 */
public final class SynapseUserViews {

    private SynapseUserViews() {
    }

    /** {@code GET /_synapse/admin/v2/users/{userId}}; {@code creationTs} in seconds, as Synapse gives it there. */
    public record UserDetails(String name, String displayname, List<Object> threepids, boolean isGuest, boolean admin,
                              boolean deactivated, boolean erased, boolean shadowBanned, long creationTs,
                              List<ExternalId> externalIds, boolean locked, boolean suspended, boolean approved,
                              Long lastSeenTs) {
    }

    /**
     * One of {@link UserDetails#externalIds}: the account is linked to {@code externalId}, the subject
     * ({@code sub}) that single sign-on provider {@code authProvider} (its id in {@code gatehouse.sso.providers})
     * gives the person.
     */
    public record ExternalId(String authProvider, String externalId) {
    }

    /** One entry of {@code GET /_synapse/admin/v2/users}; {@code creationTs} in milliseconds, as Synapse gives it there. */
    public record ListedUser(String name, boolean isGuest, boolean admin, boolean deactivated, boolean erased,
                             boolean shadowBanned, String displayname, long creationTs, boolean approved, boolean locked,
                             boolean suspended) {
    }

    /** The list; {@code nextToken} (the {@code from} of the next page) absent on the last page. */
    public record UserList(List<ListedUser> users, long total, String nextToken) {
    }
}
