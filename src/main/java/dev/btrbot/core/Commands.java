package dev.btrbot.core;

import dev.btrbot.core.commands.Announce;
import dev.btrbot.core.commands.Audit;
import dev.btrbot.core.commands.Away;
import dev.btrbot.core.commands.BlockerAdd;
import dev.btrbot.core.commands.BlockerFix;
import dev.btrbot.core.commands.BlockerPriority;
import dev.btrbot.core.commands.BlockerResolve;
import dev.btrbot.core.commands.Blockers;
import dev.btrbot.core.commands.CandidateTag;
import dev.btrbot.core.commands.HoldCommand;
import dev.btrbot.core.commands.PolicySet;
import dev.btrbot.core.commands.Pool;
import dev.btrbot.core.commands.ReleaseCancel;
import dev.btrbot.core.commands.ReleaseDelete;
import dev.btrbot.core.commands.ReleaseCreate;
import dev.btrbot.core.commands.ReleaseEdit;
import dev.btrbot.core.commands.ReleaseList;
import dev.btrbot.core.commands.RoleAnswer;
import dev.btrbot.core.commands.RoleAssign;
import dev.btrbot.core.commands.Roles;
import dev.btrbot.core.commands.Rotate;
import dev.btrbot.core.commands.ScheduleCommand;
import dev.btrbot.core.commands.SignOffCommand;
import dev.btrbot.core.commands.Status;
import dev.btrbot.core.commands.Summary;
import dev.btrbot.core.commands.Sync;
import dev.btrbot.core.commands.Tag;
import dev.btrbot.core.commands.Unhold;
import dev.btrbot.core.commands.Waive;
import java.util.List;

/** Every chat command, in the order help lists them. */
public final class Commands {
    private Commands() {
    }

    public static List<Command> all() {
        return List.of(new Status(), new ReleaseCreate(), new ReleaseEdit(), new ReleaseList(), new ReleaseCancel(), new ReleaseDelete(), new Roles(), new RoleAssign(),
                RoleAnswer.accept(), RoleAnswer.decline(), new Pool(), new Rotate(), new Away(), new Blockers(), new Sync(), new BlockerAdd(),
                new BlockerPriority(), new BlockerResolve(), new BlockerFix(), new SignOffCommand(), new CandidateTag(), new Tag(),
                new Announce(), new Summary(), new ScheduleCommand(), new HoldCommand(), new Unhold(), new Waive(), new PolicySet(), new Audit());
    }
}
