package dev.btrbot.adapter.matrix;

import dev.btrbot.core.Reply;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import java.util.Optional;

/**
 * The Matrix room of the release a message is about: the first word of its
 * title that names a release whose channel is a Matrix room (the core's
 * messages to members name their release there: "You are offered the forum
 * role for koa.2", "koa.2: the candidate changed …"). Read from the store the
 * bot runs on, known once the adapter starts.
 */
final class ReleaseRooms {
    private volatile Store store;

    void use(Store releases) {
        this.store = releases;
    }

    /** The release named in the message's title whose channel is a Matrix room (id or alias), if any. */
    Optional<Release> of(Reply message) {
        Store releases = store;
        if (releases == null) {
            return Optional.empty();
        }
        for (String word : message.title().split("[\\s,:;()'\"]+")) {
            Optional<Release> release = named(releases, word).filter(r -> Rooms.isRoom(r.channel()));
            if (release.isPresent()) {
                return release;
            }
        }
        return Optional.empty();
    }

    private static Optional<Release> named(Store releases, String word) {
        ReleaseName name;
        try {
            name = new ReleaseName(word);
        } catch (RuntimeException e) {
            return Optional.empty();        // not a release name
        }
        return releases.read(tx -> tx.releases().find(name));
    }
}
