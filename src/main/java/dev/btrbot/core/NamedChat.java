package dev.btrbot.core;

import dev.btrbot.domain.MemberId;

/** A chat that shows platform ids in what the bot says on its own (summaries, prompts, pings) as display names. */
public final class NamedChat implements Chat {
    private final Chat chat;
    private final MemberNaming naming;

    public NamedChat(Chat chat, MemberNaming naming) {
        this.chat = chat;
        this.naming = naming;
    }

    @Override
    public PostRef post(String channel, Reply message) {
        return chat.post(channel, naming.named(message));
    }

    @Override
    public void update(PostRef post, Reply message) {
        chat.update(post, naming.named(message));
    }

    @Override
    public void tell(MemberId member, Reply message) {
        chat.tell(member, naming.named(message));
    }

    @Override
    public boolean reaches(String channel) {
        return chat.reaches(channel);
    }

    @Override
    public boolean reaches(MemberId member) {
        return chat.reaches(member);
    }
}
