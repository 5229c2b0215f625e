package dev.duet.playbook;

import dev.duet.transport.Escalation;
import dev.duet.yaml.LocatedNode;

/**
 * A {@code become_user:} value (play, block or task): a POSIX user name, written as is. It reaches the
 * host only as one quoted word of {@code sudo -n -u USER --}; a template is refused, since the user must
 * be known before the task's connection is chosen.
 */
final class BecomeUser {
    private BecomeUser() {
    }

    static String read(LocatedNode node) {
        if (!node.isScalar() || node.isNull() || !(node.value() instanceof String)) {
            throw node.error("expected become_user to be a user name, got " + node.describe());
        }
        String user = node.text();
        if (Templater.hasTemplate(user)) {
            throw node.error("become_user may not be a template in Duet (the user is chosen when the playbook loads),"
                    + " got '" + user + "'");
        }
        if (!Escalation.USER_NAME.matcher(user).matches()) {
            throw node.error("expected become_user to be a user name (letters, digits, '.', '_', '-' not first,"
                    + " at most 32), got '" + user + "'");
        }
        return user;
    }
}
