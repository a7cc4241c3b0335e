package dev.btrbot.core;

import dev.btrbot.core.port.MemberNames;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.MemberId;
import java.util.Optional;

/**
 * Members' display names: what the chat platforms tell (each caches its own answers), else the name the store
 * remembered when the member was named by a platform's escaped mention ({@code <@U2CERLKJA|pierre>}). It only
 * reads, so a reply may be named anywhere, even while a write transaction is open.
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
        return platforms.displayName(member)
                .or(() -> store.read(tx -> tx.members().displayName(member)));
    }
}
