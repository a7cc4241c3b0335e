package dev.btrbot.core.port;

import dev.btrbot.core.Reply;

/** Posts a message to a release's channel or room on whatever platform is configured. */
public interface Chat {
    /** @param channel the release's channel; null means the platform's default place */
    void post(String channel, Reply message);
}
