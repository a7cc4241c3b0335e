package dev.btrbot.core;

import dev.btrbot.core.port.PlatformManagers;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import java.util.List;
import java.util.TreeSet;

/**
 * Who may do what (DESIGN.md "Rights"). Admins come from configuration; with
 * none configured, the console's own user is the admin. A release's role
 * holders are its accepted assignments; a chat platform may vouch for more
 * managers of a release through its channel ({@link PlatformManagers}, e.g. a
 * room power level). A refusal names who may do it.
 */
public final class Rights {
    private final BotSettings settings;
    private final PlatformManagers platform;

    public Rights(BotSettings settings) {
        this(settings, PlatformManagers.NONE);
    }

    public Rights(BotSettings settings, PlatformManagers platform) {
        this.settings = settings;
        this.platform = platform;
    }

    public boolean isAdmin(MemberId member) {
        if (settings.admins().isEmpty()) {
            return member.equals(settings.fallbackAdmin());
        }
        return settings.admins().contains(member);
    }

    public List<MemberId> admins() {
        if (settings.admins().isEmpty()) {
            return settings.fallbackAdmin() == null ? List.of() : List.of(settings.fallbackAdmin());
        }
        return List.copyOf(new TreeSet<>(settings.admins()));
    }

    public static List<MemberId> holders(StoreTx tx, ReleaseName release, RoleName role) {
        return tx.roles().assignments(release).stream().filter(a -> a.role().equals(role) && a.holds())
                .map(Assignment::member).toList();
    }

    public boolean isManager(StoreTx tx, ReleaseName release, MemberId member) {
        if (isAdmin(member) || holders(tx, release, RoleName.RELEASE_MANAGER).contains(member)) {
            return true;
        }
        String channel = tx.releases().find(release).map(dev.btrbot.domain.Release::channel).orElse(null);
        return channel != null && platform.vouches(channel, member);
    }

    /** Admins only: for actions that are not about one release, such as creating one. */
    public void requireAdmin(MemberId actor, String action) {
        if (!isAdmin(actor)) {
            throw new Refusal("Only an admin (" + names(admins()) + ") may " + action + ". Admins are the members the operator"
                    + " lists in BTR_ADMINS; yours would be '" + actor.value() + "'.");
        }
    }

    /** Admins and the release's release-manager. */
    public void requireManager(StoreTx tx, ReleaseName release, MemberId actor, String action) {
        if (!isManager(tx, release, actor)) {
            throw new Refusal("Only an admin (" + names(admins()) + ") or " + release + "'s release-manager ("
                    + names(holders(tx, release, RoleName.RELEASE_MANAGER)) + ") may " + action + ".");
        }
    }

    /** The holder of {@code role}, a release manager, or an admin. */
    public void requireRoleOrManager(StoreTx tx, ReleaseName release, RoleName role, MemberId actor, String action) {
        if (!isManager(tx, release, actor) && !holders(tx, release, role).contains(actor)) {
            throw new Refusal("Only " + release + "'s " + role + " (" + names(holders(tx, release, role))
                    + "), its release-manager (" + names(holders(tx, release, RoleName.RELEASE_MANAGER)) + ") or an admin ("
                    + names(admins()) + ") may " + action + ".");
        }
    }

    static String names(List<MemberId> members) {
        return members.isEmpty() ? "nobody yet" : String.join(", ", members.stream().map(MemberId::value).toList());
    }
}
