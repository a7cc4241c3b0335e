package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.QuorumPolicy;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.Text;
import java.util.Map;

/** A release manager changes the release's quorum policy, one key at a time, on the record. */
public final class PolicySet implements Command {
    private final Store store;

    public PolicySet(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("policy").arg("release").choice("verb", "set|show").optionalArg("key").optionalArg("value");
    }

    /** Only {@code set} changes anything. */
    @Override
    public boolean changesState(Args args) {
        return "set".equalsIgnoreCase(args.get("verb"));
    }

    @Override
    public String help() {
        return "Shows or changes the quorum policy (keys: " + String.join(", ", QuorumPolicy.keyOrder()) + ").";
    }

    @Override
    public Reply run(Call call, Args args) {
        String verb = args.get("verb");
        if (verb.equals("show")) {
            return store.read(tx -> show(tx.releases().named(args.get("release")).policy(), args.get("release")));
        }
        if (!verb.equals("set")) {
            throw new Refusal("'" + Text.clip(verb) + "' is not set or show.");
        }
        String key = args.word("key").orElseThrow(() -> new Refusal("Missing the policy key."));
        String value = args.word("value").orElseThrow(() -> new Refusal("Missing the value for " + key + "."));
        return store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            call.rights().requireManager(tx, release.name(), call.actor(), "change the policy");
            String before = release.policy().asSettings().get(key);
            QuorumPolicy next = release.policy().with(key, value);
            String canonical = next.asSettings().get(key);
            tx.releases().setPolicy(release.name(), key, canonical);
            call.audit(tx, release.name(), "policy.set", key + ": " + before + " → " + canonical);
            return show(next, release.name().value());
        });
    }

    private static Reply show(QuorumPolicy policy, String release) {
        return Reply.builder("Policy of " + release).section("", policy.asSettings().entrySet().stream()
                .map((Map.Entry<String, String> e) -> e.getKey() + " = " + e.getValue() + " — " + QuorumPolicy.KEYS.get(e.getKey()))
                .toList()).build();
    }
}
