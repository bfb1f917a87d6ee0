package org.gatehouse.uia;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

/**
 * The User-Interactive Authentication flows that re-authenticate an existing account (device
 * deletion): {@code [m.login.password]}, and one single-stage flow for each stage that
 * {@link UiaStage#reauthenticates} the user (e.g. {@code [m.login.sso]} for an account linked to
 * an identity provider, spec: "SSO during User-Interactive Authentication"). An account without a
 * local password that another stage can re-authenticate is not offered the password flow it
 * could never complete.
 */
@ApplicationScoped
public class ReauthFlows {

    static final String PASSWORD = "m.login.password";

    @Inject
    @Any
    Instance<UiaStage> stages;

    @Inject
    UserRepository users;

    /** The flows for an operation of user {@code userRef}, password first. */
    public List<List<String>> forUser(long userRef) {
        List<String> others = stages.stream().filter(stage -> !PASSWORD.equals(stage.type()))
                .filter(stage -> stage.reauthenticates(userRef)).map(UiaStage::type).sorted().toList();
        boolean hasPassword = users.findById(userRef).map(User::passwordHash).isPresent();
        List<List<String>> flows = new ArrayList<>();
        if (hasPassword || others.isEmpty()) {
            flows.add(List.of(PASSWORD));
        }
        others.forEach(type -> flows.add(List.of(type)));
        return List.copyOf(flows);
    }
}
