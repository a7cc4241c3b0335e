package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import java.util.List;

/**
 * Several chat platforms as one: a post goes to the first platform that
 * reaches the channel (or member); the last platform is the fallback (the
 * console when nothing else is configured).
 */
public final class ChatRouter implements Chat {
    private final List<Chat> platforms;

    public ChatRouter(List<Chat> platforms) {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("at least one chat platform");
        }
        this.platforms = List.copyOf(platforms);
    }

    private Chat forChannel(String channel) {
        return platforms.stream().filter(p -> channel != null && p.reaches(channel)).findFirst()
                .orElse(platforms.get(platforms.size() - 1));
    }

    @Override
    public PostRef post(String channel, Reply message) {
        return forChannel(channel).post(channel, message);
    }

    @Override
    public void update(PostRef post, Reply message) {
        forChannel(post.channel()).update(post, message);
    }

    /**
     * True when a platform other than the fallback reaches the channel, or
     * when the fallback (the console) is the only platform: a channel only
     * the fallback would take is one no configured platform serves.
     */
    @Override
    public boolean reaches(String channel) {
        if (platforms.size() == 1) {
            return true;
        }
        return channel != null && platforms.subList(0, platforms.size() - 1).stream().anyMatch(p -> p.reaches(channel));
    }

    @Override
    public void tell(MemberId member, Reply message) {
        platforms.stream().filter(p -> p.reaches(member)).findFirst().orElse(platforms.get(platforms.size() - 1))
                .tell(member, message);
    }
}
