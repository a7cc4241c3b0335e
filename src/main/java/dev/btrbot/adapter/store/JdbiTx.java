package dev.btrbot.adapter.store;

import dev.btrbot.core.port.AnnouncementRepo;
import dev.btrbot.core.port.AuditLog;
import dev.btrbot.core.port.BlockerRepo;
import dev.btrbot.core.port.CandidateRepo;
import dev.btrbot.core.port.HoldRepo;
import dev.btrbot.core.port.MemberRepo;
import dev.btrbot.core.port.ReleaseRepo;
import dev.btrbot.core.port.RoleRepo;
import dev.btrbot.core.port.ScheduleRepo;
import dev.btrbot.core.port.ScheduledPostRepo;
import dev.btrbot.core.port.SignOffRepo;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.core.port.SyncStateRepo;
import dev.btrbot.core.port.TagRunRepo;
import org.jdbi.v3.core.Handle;

/** One transaction's view of the store; every part shares the same handle. */
final class JdbiTx implements StoreTx {
    private final Handle handle;

    JdbiTx(Handle handle) {
        this.handle = handle;
    }

    @Override
    public ReleaseRepo releases() {
        return new SqlReleases(handle);
    }

    @Override
    public MemberRepo members() {
        return new SqlMembers(handle);
    }

    @Override
    public RoleRepo roles() {
        return new SqlRoles(handle);
    }

    @Override
    public BlockerRepo blockers() {
        return new SqlBlockers(handle);
    }

    @Override
    public CandidateRepo candidates() {
        return new SqlCandidates(handle);
    }

    @Override
    public SignOffRepo signOffs() {
        return new SqlSignOffs(handle);
    }

    @Override
    public HoldRepo holds() {
        return new SqlHolds(handle);
    }

    @Override
    public TagRunRepo tagRuns() {
        return new SqlTagRuns(handle);
    }

    @Override
    public AnnouncementRepo announcements() {
        return new SqlAnnouncements(handle);
    }

    @Override
    public AuditLog audit() {
        return new SqlAudit(handle);
    }

    @Override
    public ScheduleRepo schedules() {
        return new SqlSchedules(handle);
    }

    @Override
    public ScheduledPostRepo scheduledPosts() {
        return new SqlScheduledPosts(handle);
    }

    @Override
    public SyncStateRepo syncState() {
        return new SqlSyncState(handle);
    }

    @Override
    public dev.btrbot.core.port.SeenRequestRepo seenRequests() {
        return new SqlSeenRequests(handle);
    }

    @Override
    public dev.btrbot.core.port.ForumRepo forum() {
        return new SqlForum(handle);
    }

    @Override
    public dev.btrbot.core.port.NotesApprovalRepo notesApprovals() {
        return new SqlNotesApprovals(handle);
    }

    @Override
    public dev.btrbot.core.port.ChecklistRepo checklists() {
        return new SqlChecklists(handle);
    }

    @Override
    public dev.btrbot.core.port.BackportAttemptRepo backportAttempts() {
        return new SqlBackportAttempts(handle);
    }

    @Override
    public dev.btrbot.core.port.BackportRepo backports() {
        return new SqlBackports(handle);
    }
}
