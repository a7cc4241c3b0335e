package dev.btrbot.core;

import dev.btrbot.core.port.MemberNames;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.MemberId;
import java.util.Optional;

/**
 * Members' display names as the platforms tell them, remembered in the store, so that views which read only the
 * store (the dashboard) show the same names, and a name learned once still shows while its platform is away.
 */
public final class KnownNames implements MemberNames {
    private final Store store;
    private final MemberNames platforms;

    public KnownNames(Store store, MemberNames platforms) {
        this.store = store;
        this.platforms = platforms;
    }

    @Override
    public Optional<String> displayName(MemberId member) {
        Optional<String> stored = Optional.ofNullable(store.read(tx -> tx.members().displayNames()).get(member));
        Optional<String> told = platforms.displayName(member);
        if (told.isPresent() && !told.equals(stored)) {
            store.write(tx -> {
                tx.members().name(member, told.get());
                return null;
            });
        }
        return told.or(() -> stored);
    }
}
