package dev.btrbot.core.port;

/** The store's parts, as seen inside one transaction. */
public interface StoreTx {
    ReleaseRepo releases();

    MemberRepo members();

    RoleRepo roles();

    BlockerRepo blockers();

    CandidateRepo candidates();

    SignOffRepo signOffs();

    HoldRepo holds();

    TagRunRepo tagRuns();

    AnnouncementRepo announcements();

    AuditLog audit();

    ScheduleRepo schedules();

    ScheduledPostRepo scheduledPosts();

    SyncStateRepo syncState();

    SeenRequestRepo seenRequests();

    /** The forum watch's aliases, reports and polling cursor. */
    ForumRepo forum();

    NotesApprovalRepo notesApprovals();

    ChecklistRepo checklists();

    BackportAttemptRepo backportAttempts();

    BackportRepo backports();
}
