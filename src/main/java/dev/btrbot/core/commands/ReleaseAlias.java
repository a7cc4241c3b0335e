package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.Text;
import java.util.List;
import java.util.Locale;

/**
 * Another name the forum watch matches for a release ("koa 2", "the koa release"), added or removed by a manager.
 * Aliases are kept in lower case (matching ignores case) with their spaces folded; an alias has 2 to 100 characters
 * and at least one letter or digit.
 */
public final class ReleaseAlias implements Command {
    static final int MAX_ALIASES = 20;

    private final Store store;

    public ReleaseAlias(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("release alias").arg("release").keyword("remove").arg("alias");
    }

    @Override
    public String help() {
        return "Adds (or removes) another name the forum watch matches for the release, e.g. \"koa 2\" (managers).";
    }

    @Override
    public Reply run(Call call, Args args) {
        String alias = normalized(args.get("alias"));
        boolean remove = args.has("remove");
        return store.write(tx -> {
            Release release = tx.releases().named(args.get("release"));
            call.rights().requireManager(tx, release.name(), call.actor(), "change the aliases of " + release.name());
            if (remove) {
                if (!tx.forum().removeAlias(release.name(), alias)) {
                    throw new Refusal(release.name() + " has no alias \"" + alias + "\" (its aliases: " + listed(tx.forum()
                            .aliases(release.name())) + ").");
                }
                call.audit(tx, release.name(), "release.alias-remove", "\"" + alias + "\"");
            } else {
                if (tx.forum().aliases(release.name()).size() >= MAX_ALIASES) {
                    throw new Refusal(release.name() + " has " + MAX_ALIASES + " aliases already; remove one first.");
                }
                if (!tx.forum().addAlias(release.name(), alias)) {
                    throw new Refusal(release.name() + " has the alias \"" + alias + "\" already.");
                }
                call.audit(tx, release.name(), "release.alias", "\"" + alias + "\"");
            }
            List<String> now = tx.forum().aliases(release.name());
            return Reply.text((remove ? "Removed the alias \"" : "The forum watch now also matches \"") + alias + "\""
                    + (remove ? " of " : " for ") + release.name(), "aliases: " + listed(now));
        });
    }

    static String normalized(String given) {
        String alias = String.join(" ", given.strip().split("\\s+")).toLowerCase(Locale.ROOT);
        if (alias.length() < 2 || alias.length() > 100 || !alias.matches(".*[\\p{L}\\p{N}].*") || !alias.equals(Text.oneLine(alias))) {
            throw new Refusal("An alias has 2 to 100 characters on one line, with a letter or digit: '" + Text.clip(given) + "' is not one.");
        }
        return alias;
    }

    private static String listed(List<String> aliases) {
        return aliases.isEmpty() ? "none" : String.join(", ", aliases.stream().map(a -> "\"" + a + "\"").toList());
    }
}
