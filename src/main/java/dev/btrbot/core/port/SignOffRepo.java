package dev.btrbot.core.port;

import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.SignOff;
import java.util.List;

public interface SignOffRepo {
    /** One vote per member per candidate: a later one replaces the earlier. */
    void put(SignOff signOff);

    List<SignOff> forRelease(ReleaseName release);
}
