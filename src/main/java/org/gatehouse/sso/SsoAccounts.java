package org.gatehouse.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.gatehouse.appservice.ExclusiveNamespaces;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.SsoProviderSettings;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.register.AccountCreator;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.Threepid;
import org.gatehouse.user.ThreepidRepository;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

/**
 * Maps a verified identity onto a Matrix account (spec: "SSO client login" → "Handling the
 * callback": "map the user details … to a valid Matrix user identifier", "if … a new user, it
 * should be registered"). In order: the provider's required-claim rules; an existing link
 * (provider, subject) → account; else, on first login, the localpart from the provider's
 * template over the claims (mapped per "Mapping from other character sets"), linked to an
 * existing account of that name only when the provider has {@code link-existing}, else a new
 * account (with the display name and a verified e-mail address from the claims) under that name
 * or, when it is taken, per {@code on-conflict} with a numeric suffix, a refusal, or
 * {@link UsernameChoiceNeeded} (the username picker, {@link #createChosen}). With
 * {@code link-by-email}, a first login whose claims carry a verified e-mail address ({@code email}
 * with {@code email_verified: true}) is linked to the one account that has this address as its
 * e-mail 3PID (addresses are unique, and every stored 3PID was validated); an unverified address
 * never links. A name is usable for a new account only when it follows the grammar of new user
 * IDs (spec: Appendices, "User Identifiers"), is free, and is not in an application service's
 * exclusive user namespace. Runs in the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SsoAccounts {

    private static final Logger LOG = Logger.getLogger(SsoAccounts.class.getName());
    private static final int MAX_SUFFIX = 1000;

    @Inject
    SsoLinks links;

    @Inject
    UserRepository users;

    @Inject
    ThreepidRepository threepids;

    @Inject
    AccountCreator creator;

    @Inject
    ExclusiveNamespaces namespaces;

    @Inject
    ServerConfig server;

    @Inject
    Clock clock;

    /**
     * The account {@code identity} signs in to, created or linked on first login.
     *
     * @throws SsoFailure 403 when a required claim is missing, the account is deactivated, the
     *         name is taken and the provider refuses conflicts, or the claims give no usable name
     */
    public User accountFor(SsoProviderSettings provider, IdpIdentity identity) {
        RequiredClaims.firstBroken(provider.requiredClaims(), identity.claims()).ifPresent(rule -> {
            throw new SsoFailure(403, "Access denied", "Your identity provider account does not meet this server's "
                    + "requirements for single sign-on (required: " + rule + "). Ask your administrator for access.");
        });
        Optional<User> linked = links.userOf(provider.id(), identity.subject()).flatMap(users::findById);
        User user = linked.orElseGet(() -> firstLogin(provider, identity));
        if (user.deactivated()) {
            throw new SsoFailure(403, "Account deactivated", "The Matrix account of this identity has been deactivated.");
        }
        return user;
    }

    private User firstLogin(SsoProviderSettings provider, IdpIdentity identity) {
        Optional<User> byEmail = provider.linkByEmail() ? accountWithEmail(provider, identity) : Optional.empty();
        if (byEmail.isPresent()) {
            links.link(provider.id(), identity.subject(), byEmail.get().id());
            LOG.info(() -> "SSO provider " + provider.id() + " subject linked by verified e-mail to account " + byEmail.get().localpart());
            return byEmail.get();
        }
        String wanted = ClaimTemplate.localpart(ClaimTemplate.render(provider.localpartTemplate(), identity.claims()));
        boolean linksExisting = provider.linkExisting() && !wanted.isEmpty() && users.existsByLocalpart(wanted);
        if (provider.onConflict() == SsoProviderSettings.Conflict.PICKER && !linksExisting && !usable(wanted)) {
            throw new UsernameChoiceNeeded(wanted);
        }
        if (wanted.isEmpty()) {
            throw new SsoFailure(403, "No username", "Your identity provider did not send the details needed "
                    + "to choose a Matrix username (" + provider.localpartTemplate() + ").");
        }
        Optional<User> existing = users.findByLocalpart(wanted);
        User user;
        if (existing.isPresent() && provider.linkExisting()) {
            user = existing.get();
        } else {
            user = create(provider, identity, existing.isEmpty() && usable(wanted) ? wanted : alternative(provider, wanted));
        }
        links.link(provider.id(), identity.subject(), user.id());
        LOG.info(() -> "SSO provider " + provider.id() + " subject linked to account " + user.localpart());
        return user;
    }

    /**
     * Creates and links the account of {@code identity} under {@code localpart}, the name its user
     * chose on the username picker.
     *
     * @throws UsernameChoiceNeeded with the reason when {@code localpart} is not usable
     *         ({@link #problemWith}); a concurrent creation of the same name fails at commit
     */
    public User createChosen(SsoProviderSettings provider, IdpIdentity identity, String localpart) {
        problemWith(localpart).ifPresent(problem -> {
            throw new UsernameChoiceNeeded(localpart, problem);
        });
        User user = create(provider, identity, localpart);
        links.link(provider.id(), identity.subject(), user.id());
        LOG.info(() -> "SSO provider " + provider.id() + " subject linked to the chosen account " + user.localpart());
        return user;
    }

    /** Why {@code localpart} cannot be a new account's name, for the user to read; empty when it can. */
    public Optional<String> problemWith(String localpart) {
        try {
            LocalpartRules.validateForRegistration(localpart, server.serverName());
        } catch (MatrixException invalid) {
            return Optional.of(invalid.getMessage() + ". A username may contain only the characters a-z, 0-9, "
                    + "and . _ = - / +");
        }
        if (users.existsByLocalpart(localpart)) {
            return Optional.of("The username '" + localpart + "' is already taken. Please choose another.");
        }
        try {
            namespaces.checkAvailable(localpart);
        } catch (MatrixException reserved) {
            return Optional.of("The username '" + localpart + "' is reserved on this server. Please choose another.");
        }
        return Optional.empty();
    }

    private Optional<User> accountWithEmail(SsoProviderSettings provider, IdpIdentity identity) {
        return verifiedEmail(provider, identity)
                .flatMap(address -> threepids.findByAddress(Threepid.EMAIL, Threepid.canonical(Threepid.EMAIL, address)))
                .map(Threepid::user)
                .filter(user -> !user.deactivated() && links.subjectsOf(user.id(), provider.id()).isEmpty());
    }

    private String alternative(SsoProviderSettings provider, String wanted) {
        if (provider.onConflict() == SsoProviderSettings.Conflict.REFUSE || !valid(wanted)) {
            throw new SsoFailure(403, "Username taken", "The Matrix username '" + wanted + "' is already taken "
                    + "or not allowed on this server, so your account cannot be created. Ask your administrator.");
        }
        for (int suffix = 1; suffix <= MAX_SUFFIX; suffix++) {
            String candidate = wanted + suffix;
            if (usable(candidate)) {
                return candidate;
            }
        }
        throw new SsoFailure(403, "Username taken", "No free Matrix username was found for '" + wanted + "'.");
    }

    private User create(SsoProviderSettings provider, IdpIdentity identity, String localpart) {
        User user = creator.create(localpart, null, false, false);
        String displayName = ClaimTemplate.render(provider.displayNameTemplate(), identity.claims());
        if (!displayName.isEmpty()) {
            user.changeDisplayName(displayName.length() > 256 ? displayName.substring(0, 256) : displayName);
        }
        verifiedEmail(provider, identity)
                .filter(address -> threepids.findByAddress(Threepid.EMAIL, Threepid.canonical(Threepid.EMAIL, address)).isEmpty())
                .ifPresent(address -> threepids.insert(new Threepid(user, Threepid.EMAIL, address, clock.millis(), clock.millis())));
        return user;
    }

    private static Optional<String> verifiedEmail(SsoProviderSettings provider, IdpIdentity identity) {
        Object address = provider.emailClaim().isEmpty() ? null : identity.claims().get(provider.emailClaim());
        Object verified = identity.claims().get("email_verified");
        boolean isVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return address instanceof String text && isVerified && text.contains("@") && text.length() <= 254
                ? Optional.of(text) : Optional.empty();
    }

    private boolean usable(String localpart) {
        if (!valid(localpart) || users.existsByLocalpart(localpart)) {
            return false;
        }
        try {
            namespaces.checkAvailable(localpart);
            return true;
        } catch (MatrixException reserved) {
            return false;
        }
    }

    private boolean valid(String localpart) {
        try {
            LocalpartRules.validateForRegistration(localpart, server.serverName());
            return true;
        } catch (MatrixException invalid) {
            return false;
        }
    }
}
