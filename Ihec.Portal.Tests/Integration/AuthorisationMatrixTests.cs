using System.Collections.Concurrent;
using System.Net;
using Ihec.Portal.Shared.Security;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using static Ihec.Portal.Tests.Infrastructure.Outcome;

namespace Ihec.Portal.Tests.Integration;

/// <summary>
/// THE route table: every endpoint the app maps, with what each principal gets there. The authorisation matrix
/// requests every row as every principal; the accessibility scans visit every <see cref="RouteKind.Page"/> row
/// in each language as every principal whose outcome is <see cref="Outcome.Allowed"/>.
/// <para>
/// A module that maps a route adds one row here (the coverage test fails until it does). Columns:
/// Anonymous, then the roles in <see cref="PortalRoles.All"/> order. A pattern with parameters needs a sample URL,
/// computed from the seeded demo data, e.g.
/// <c>Page("/ihec/organisations/{id:guid}", S, F, F, A, F, F, F, F, F) with { Sample = db => $"/ihec/organisations/{db.Organisations.Single(o => o.Reference == "CSO-DEMO-0004").Id}" }</c>.
/// </para>
/// </summary>
public static class PortalRoutes
{
    private const Outcome A = Allowed, S = SignIn, F = Forbidden, N = NotFound, B = BadRequest, U = Unauthorized;

    public static readonly IReadOnlyList<RouteRow> All =
    [
        //                                          anon  member csoAdm relat media rumour monit editor admin
        // Home
        Page("/",                                     A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/error",                                A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/not-found",                            A,    A,     A,     A,    A,    A,     A,    A,     A),

        // Accounts: signing in and recovering an account work for everybody (a signed-in user may switch account).
        Page("/account/login",                        A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/account/login-2fa",                    A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { Note = "Without a pending two-factor sign-in the page offers a link back to sign-in." },
        Page("/account/login-recovery",               A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/account/forgot-password",              A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/account/forgot-password/sent",         A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/account/reset-password",               A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { Note = "Without user and code the page says the link is not valid." },
        Page("/account/invitation",                   A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { Note = "Without a token the page says the invitation is not valid." },
        Page("/account/lockout",                      A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/account/session-ended",                A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/account/access-denied",                A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { AllowedStatus = 403, Note = "The page a forbidden request is sent to answers 403 itself." },
        Page("/account/manage",                       S,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/account/manage/password",              S,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/account/manage/two-factor",            S,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("POST", "/account/logout",           S,    B,     B,     B,    B,    B,     B,    B,     B)
            with { Note = "Requested without the form's antiforgery token: anonymous is sent to sign in; a signed-in user gets 400 and stays signed in." },

        // Organisations: applying and the public directory need no account; review is the relations division's;
        // an organisation's own pages are its members' (profile and members: its administrators').
        Page("/organisations",                        A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/organisations/{Reference}",            A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/organisations/CSO-DEMO-0001" },
        Page("/organisations/apply",                  A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/organisations/apply/submitted",        A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { Note = "Without a valid address token the page names no address: the reference is e-mailed, never shown." },
        Page("/organisations/apply/update",           A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { Note = "Without a valid link the page says the link is not valid." },
        Page("/ihec/organisations",                   S,    F,     F,     A,    F,    F,     F,    F,     F),
        Page("/ihec/organisations/{Id:guid}",         S,    F,     F,     A,    F,    F,     F,    F,     F)
            with { Sample = db => $"/ihec/organisations/{db.Organisations.Single(o => o.Reference == "CSO-DEMO-0004").Id}" },
        Endpoint("GET", "/ihec/organisations/{id:guid}/document", S, F, F, N,  F,    F,     F,    F,     F)
            with { Sample = db => $"/ihec/organisations/{db.Organisations.Single(o => o.Reference == "CSO-DEMO-0004").Id}/document",
                   Note = "The demo application has no document: relations get 404; the document itself is tested in ReviewTests." },
        Page("/my-organisation",                      S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/my-organisation/profile",              S,    F,     A,     F,    F,    F,     F,    F,     F),
        Page("/my-organisation/members",              S,    F,     A,     F,    F,    F,     F,    F,     F),
        Page("/my-organisation/members/remove",       S,    F,     A,     F,    F,    F,     F,    F,     F)
            with { Note = "Without a member the page says the member was not found." },

        // Statistics: public figures, their CSV downloads and station results (look-up and browsing) for everybody;
        // data-quality alerts for IHEC staff; results tapes for CSO members (their own organisation's only) and
        // tape discrepancies for IHEC monitoring.
        Page("/statistics",                           A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/statistics/{electionId}/registration.csv", A, A, A, A, A,   A,     A,    A,     A)
            with { SampleUrl = "/statistics/cor-2025/registration.csv" },
        Endpoint("GET", "/statistics/{electionId}/registration.xlsx", A, A, A, A, A,   A,     A,    A,     A)
            with { SampleUrl = "/statistics/cor-2025/registration.xlsx" },
        Endpoint("GET", "/statistics/{electionId}/turnout.csv", A,   A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/statistics/cor-2025/turnout.csv" },
        Endpoint("GET", "/statistics/{electionId}/turnout.xlsx", A,   A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/statistics/cor-2025/turnout.xlsx" },
        Endpoint("GET", "/statistics/{electionId}/results.csv", A,   A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/statistics/cor-2025/results.csv" },
        Endpoint("GET", "/statistics/{electionId}/results.xlsx", A,   A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/statistics/cor-2025/results.xlsx" },
        Endpoint("GET", "/statistics/{electionId}/results-by-entity.csv", A, A, A, A, A,  A,     A,    A,     A)
            with { SampleUrl = "/statistics/pc-2023/results-by-entity.csv" },
        Endpoint("GET", "/statistics/{electionId}/results-by-entity.xlsx", A, A, A, A, A,  A,     A,    A,     A)
            with { SampleUrl = "/statistics/pc-2023/results-by-entity.xlsx" },
        Page("/statistics/stations",                  A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/statistics/stations?election=cor-2025&code=110203-04" },
        Page("/ihec/statistics/alerts",               S,    F,     F,     A,    A,    A,     A,    A,     A),
        Page("/tapes",                                S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/tapes/new",                            S,    A,     A,     F,    F,    F,     F,    F,     F)
            with { SampleUrl = "/tapes/new?election=cor-2025&station=110203-04" },
        Page("/tapes/import",                         S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/tapes/{Id:guid}",                      S,    A,     A,     F,    F,    F,     F,    F,     F)
            with { Sample = DemoTape("/tapes/"),
                   Note = "The demo tape belongs to the members' organisation (Tammuz); another organisation's tape is 404 (TapesTests)." },
        Endpoint("GET", "/tapes/template.csv",        S,    A,     A,     F,    F,    F,     F,    F,     F)
            with { SampleUrl = "/tapes/template.csv?election=cor-2025" },
        Page("/ihec/tapes",                           S,    F,     F,     F,    F,    F,     A,    F,     F),
        Page("/ihec/tapes/{Id:guid}",                 S,    F,     F,     F,    F,    F,     A,    F,     F)
            with { Sample = DemoTape("/ihec/tapes/") },

        // Library: everyone reads what is published, without an account; IHEC editors publish.
        Page("/library",                              A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/library/{KindSlug}",                   A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/library/decisions" },
        Page("/library/{KindSlug}/{YearRoute:int}",   A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/library/decisions/2025" },
        Page("/library/{KindSlug}/{Year:int}/{Number}", A,  A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/library/decisions/2025/12" },
        Page("/library/{KindSlug}/{Year:int}/{Number}/versions", A, A, A,   A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/library/decisions/2025/12/versions" },
        Page("/library/{KindSlug}/{Year:int}/{Number}/versions/{Version:int}", A, A, A, A, A, A, A, A,   A)
            with { SampleUrl = "/library/decisions/2025/12/versions/1" },
        Page("/library/{KindSlug}/{Year:int}/{Number}/diff", A, A, A,       A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/library/decisions/2025/12/diff?from=1&to=1" },
        Page("/library/search",                       A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/library/search?q=%D8%A7%D9%84%D8%A7%D9%86%D8%AA%D8%AE%D8%A7%D8%A8%D8%A7%D8%AA" },
        Page("/library/calendar",                     A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/library/feed.atom",         A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/library/{kind}/feed.atom",  A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/library/decisions/feed.atom" },
        Endpoint("GET", "/library/calendar.ics",      A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/library/files/{id:guid}",   N,    N,     N,     N,    N,    N,     N,    N,     N)
            with { SampleUrl = "/library/files/00000000-0000-0000-0000-000000000001",
                   Note = "Only attachments of published documents are served; an unknown id is 404 for everyone." },
        Endpoint("GET", "/sitemap.xml",               A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/robots.txt",                A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/ihec/library",                         S,    F,     F,     F,    F,    F,     F,    A,     F),
        Page("/ihec/library/new",                     S,    F,     F,     F,    F,    F,     F,    A,     F),
        Page("/ihec/library/{Id:guid}",               S,    F,     F,     F,    F,    F,     F,    A,     F)
            with { Sample = db => $"/ihec/library/{db.Set<Ihec.Portal.Features.Library.LibraryDocument>().OrderBy(d => d.Year).First().Id}" },
        Page("/ihec/library/{Id:guid}/edit",          S,    F,     F,     F,    F,    F,     F,    A,     F)
            with { Sample = db => $"/ihec/library/{db.Set<Ihec.Portal.Features.Library.LibraryDocument>().OrderBy(d => d.Year).First().Id}/edit" },

        // Rumours: CSO members report, the anti-rumour unit triages and answers, everyone reads the answers.
        Page("/rumours",                              S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/rumours/new",                          S,    A,     A,     F,    F,    F,     F,    F,     F),
        Endpoint("GET", "/rumours/screenshots/{id:guid}", S, N,    N,     N,    N,    N,     N,    N,     N)
            with { SampleUrl = "/rumours/screenshots/00000000-0000-0000-0000-000000000001",
                   Note = "No screenshot is seeded: an unknown id is 404 (RumourQueueTests covers another organisation's)." },
        Page("/ihec/rumours",                         S,    F,     F,     F,    F,    A,     F,    F,     F),
        Page("/ihec/rumours/dashboard",               S,    F,     F,     F,    F,    A,     F,    F,     F),
        Page("/ihec/rumours/{Id:guid}",               S,    F,     F,     F,    F,    A,     F,    F,     F)
            with { Sample = db => $"/ihec/rumours/{db.Set<Ihec.Portal.Features.Rumours.RumourCase>().Single(c => c.Number == 1).Id}" },
        Page("/fact-checks",                          A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/fact-checks/{Slug}",                   A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/fact-checks/r-000003" },
        Endpoint("GET", "/fact-checks/feed.atom",     A,    A,     A,     A,    A,    A,     A,    A,     A),

        // Reports: CSO members write drafts, their administrators publish to every accredited CSO, IHEC editors endorse
        // for the public. The samples are the seeded demo reports (ReportDemo): an endorsed one, a Tammuz draft, a
        // Kirkuk report awaiting the listing decision.
        Page("/reports",                              A,    A,     A,     A,    A,    A,     A,    A,     A),
        Page("/reports/{Slug}",                       A,    A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/reports/r-de0000000001" },
        Page("/reports/{Slug}/versions/{Version:int}", A,   A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/reports/r-de0000000001/versions/1" },
        Endpoint("GET", "/reports/feed.atom",         A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/reports/files/{id:guid}",   N,    N,     N,     N,    N,    N,     N,    N,     N)
            with { SampleUrl = "/reports/files/00000000-0000-0000-0000-000000000001",
                   Note = "An unknown file is 404 for everyone; drafts' and CSO-only reports' files are covered in ReportVisibilityTests." },
        Page("/reports/mine",                         S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/reports/mine/new",                     S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/reports/mine/{Id:guid}",               S,    A,     A,     F,    F,    F,     F,    F,     F)
            with { Sample = DemoReport("/reports/mine/", "r-de0000000003", ""),
                   Note = "The Tammuz draft: another organisation's members get 404 (ReportVisibilityTests)." },
        Page("/reports/mine/{Id:guid}/edit",          S,    A,     A,     F,    F,    F,     F,    F,     F)
            with { Sample = DemoReport("/reports/mine/", "r-de0000000003", "/edit") },
        Endpoint("POST", "/reports/mine/{id:guid}/autosave", U, B,  B,     F,    F,    F,     F,    F,     F)
            with { Sample = DemoReport("/reports/mine/", "r-de0000000003", "/autosave"),
                   Note = "A JSON endpoint (401/403 problems, PortalApiTests). Requested without the form's antiforgery token: CSO members get 400; the autosave itself is tested in ReportVisibilityTests." },
        Endpoint("POST", "/reports/mine/autosave",    U,    B,     B,     F,    F,    F,     F,    F,     F)
            with { Note = "A report's first autosave creates its draft; without the form's antiforgery token CSO members get 400 (ReportVisibilityTests)." },
        Page("/ihec/reports",                         S,    F,     F,     F,    F,    F,     F,    A,     F),
        Page("/ihec/reports/{Id:guid}",               S,    F,     F,     F,    F,    F,     F,    A,     F)
            with { Sample = DemoReport("/ihec/reports/", "r-de0000000002", "") },
        // Violations: CSO members report and follow their organisation's reports, monitoring reviews, everyone sees the public map.
        Page("/violations",                           S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/violations/new",                       S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/violations/{Id:guid}",                 S,    A,     A,     F,    F,    F,     F,    F,     F)
            with { Sample = db => $"/violations/{db.Set<Ihec.Portal.Features.Violations.ViolationReport>().Single(r => r.Number == 1).Id}",
                   Note = "The demo report V-000001 is Tammuz's; another organisation's report is 404 (ViolationIsolationTests)." },
        Endpoint("GET", "/violations/evidence/{id:guid}", S, N,    N,     N,    N,    N,     N,    N,     N)
            with { SampleUrl = "/violations/evidence/00000000-0000-0000-0000-000000000001",
                   Note = "No evidence is seeded: an unknown id is 404 (ViolationIsolationTests covers another organisation's)." },
        Page("/ihec/violations",                      S,    F,     F,     F,    F,    F,     A,    F,     F),
        Page("/ihec/violations/{Id:guid}",            S,    F,     F,     F,    F,    F,     A,    F,     F)
            with { Sample = db => $"/ihec/violations/{db.Set<Ihec.Portal.Features.Violations.ViolationReport>().Single(r => r.Number == 4).Id}" },
        Page("/violations/map",                       S,    A,     A,     F,    F,    F,     A,    F,     F),
        Endpoint("GET", "/violations/map/clusters.json", U, A,     A,     F,    F,    F,     A,    F,     F)
            with { Note = "JSON endpoints answer 401 and 403 problems instead of redirecting (PortalApiTests); the CSV export still sends a browser to sign in." },
        Endpoint("GET", "/violations/map/violations.csv", S, A,    A,     F,    F,    F,     A,    F,     F),
        Endpoint("GET", "/violations/map/violations.xlsx", S, A,    A,     F,    F,    F,     A,    F,     F),
        Endpoint("GET", "/violations/map/violations.geojson", U, A, A,    F,    F,    F,     A,    F,     F),
        Page("/map",                                  A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/map/clusters.json",         A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/map/violations.csv",        A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/map/violations.xlsx",        A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/map/violations.geojson",    A,    A,     A,     A,    A,    A,     A,    A,     A),

        // Chat: the hub for CSO members (their own organisation's conversations only, ChatHubTests) and the media unit.
        Page("/chat",                                 S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/chat/{Id:guid}/rating",                S,    N,     N,     F,    F,    F,     F,    F,     F)
            with { SampleUrl = "/chat/00000000-0000-0000-0000-000000000001/rating",
                   Note = "No conversation is seeded: an unknown id (or another organisation's) is 404 (ChatRatingTests rates real ones)." },
        Page("/ihec/chat",                            S,    F,     F,     F,    A,    F,     F,    F,     F),
        Page("/chat/{Id:guid}",                       S,    A,     A,     F,    F,    F,     F,    F,     F)
            with { Sample = DemoConversation("/chat/"),
                   Note = "The seeded Tammuz conversation (ChatDemo); another organisation's member gets 404 (ChatConversationPageTests)." },
        Page("/ihec/chat/{Id:guid}",                  S,    F,     F,     F,    A,    F,     F,    F,     F)
            with { Sample = DemoConversation("/ihec/chat/") },
        Endpoint("GET", "/chat/files/{id:guid}",      S,    N,     N,     F,    N,    F,     F,    F,     F)
            with { SampleUrl = "/chat/files/00000000-0000-0000-0000-000000000001",
                   Note = "No attachment is seeded: an unknown id is 404 (ChatConversationPageTests covers another organisation's)." },
        Page("/ihec/chat/search",                     S,    F,     F,     F,    A,    F,     F,    F,     F),
        Page("/ihec/chat/canned",                     S,    F,     F,     F,    A,    F,     F,    F,     F),
        Page("/ihec/chat/canned/new",                 S,    F,     F,     F,    A,    F,     F,    F,     F),
        Page("/ihec/chat/canned/{Id:guid}",           S,    F,     F,     F,    N,    F,     F,    F,     F)
            with { SampleUrl = "/ihec/chat/canned/00000000-0000-0000-0000-000000000001",
                   Note = "No canned response is seeded: an unknown id is 404 (ChatCannedResponseTests edits real ones)." },
        Endpoint("POST", "/hubs/chat/negotiate",      U,    A,     A,     F,    A,    F,     F,    F,     F)
            with { Note = "Negotiation answers 200 with a connection id; the hub itself is tested over real connections in ChatHubTests." },
        Endpoint("GET", "/hubs/chat",                 U,    B,     B,     F,    B,    F,     F,    F,     F)
            with { Note = "A request without a negotiated connection id is refused with 400 once the policy has let the caller in." },

        // Announcements: the media unit sends them; members read those delivered to their organisation. The samples are
        // the demo announcements (AnnouncementDemo): A-000001 went to every accredited organisation, Tammuz included.
        Page("/announcements",                        S,    A,     A,     F,    F,    F,     F,    F,     F),
        Page("/announcements/{Id:guid}",              S,    A,     A,     F,    F,    F,     F,    F,     F)
            with { Sample = DemoAnnouncement("/announcements/"),
                   Note = "Opening it records a read receipt; an announcement not sent to the member's organisation is 404 (AnnouncementTests)." },
        Page("/ihec/announcements",                   S,    F,     F,     F,    A,    F,     F,    F,     F),
        Page("/ihec/announcements/new",               S,    F,     F,     F,    A,    F,     F,    F,     F),
        Page("/ihec/announcements/{Id:guid}",         S,    F,     F,     F,    A,    F,     F,    F,     F)
            with { Sample = DemoAnnouncement("/ihec/announcements/") },

        // Admin
        Page("/admin/audit",                          S,    F,     F,     F,    F,    F,     F,    F,     A),

        // Health (load balancers and orchestrators; no sign-in)
        Endpoint("GET", "/healthz",                   A,    A,     A,     A,    A,    A,     A,    A,     A),
        Endpoint("GET", "/readyz",                    A,    A,     A,     A,    A,    A,     A,    A,     A),

        // The OpenAPI document of the minimal-API endpoints: anonymous, since each endpoint checks its own policy (PortalApiTests).
        Endpoint("GET", "/openapi/{documentName}.json", A,  A,     A,     A,    A,    A,     A,    A,     A)
            with { SampleUrl = "/openapi/v1.json" },
    ];

    private static Func<Ihec.Portal.Infrastructure.Data.PortalDbContext, string> DemoReport(string prefix, string slug, string suffix) =>
        db => prefix + db.Set<Ihec.Portal.Features.Reports.CsoReport>().Single(r => r.Slug == slug).Id.ToString("D") + suffix;

    private static Func<Ihec.Portal.Infrastructure.Data.PortalDbContext, string> DemoConversation(string prefix) =>
        db => prefix + db.Set<Ihec.Portal.Features.Chat.Conversation>().Single(c => c.Topic == Ihec.Portal.Features.Chat.ChatDemo.Topic).Id.ToString("D");

    private static Func<Ihec.Portal.Infrastructure.Data.PortalDbContext, string> DemoAnnouncement(string prefix) =>
        db => prefix + db.Set<Ihec.Portal.Features.Announcements.Announcement>().Single(a => a.Number == 1).Id.ToString("D");

    private static Func<Ihec.Portal.Infrastructure.Data.PortalDbContext, string> DemoTape(string prefix) =>
        db => prefix + db.Set<Ihec.Portal.Shared.Statistics.ResultsTapeRecord>().Single(t => t.ClientKey == "demo-tape-1").Id;

    public static RouteRow Row(string key) =>
        All.SingleOrDefault(r => r.Key == key) ?? throw new InvalidOperationException($"No route row '{key}'.");

    /// <summary>Page rows the principal may open, for the browser tests.</summary>
    public static IEnumerable<RouteRow> PagesAllowedFor(Principal principal) =>
        All.Where(r => r.Kind == RouteKind.Page && r.For(principal) == Allowed);

    private static RouteRow Page(string pattern, params Outcome[] expected) => new(RouteKind.Page, "GET", pattern, expected);

    private static RouteRow Endpoint(string method, string pattern, params Outcome[] expected) => new(RouteKind.Endpoint, method, pattern, expected);
}

/// <summary>The portal with one signed-in client per role, each signed in once through the real sign-in form.</summary>
public sealed class AuthorisationMatrixPortal : PortalFactory
{
    private readonly ConcurrentDictionary<Principal, Lazy<Task<HttpClient>>> clients = new();

    public Task<HttpClient> ClientAsync(Principal principal) =>
        clients.GetOrAdd(principal, p => new Lazy<Task<HttpClient>>(() => p == Principal.Anonymous
            ? Task.FromResult(CreateBrowserLikeClient())
            : SignInOnceAsync(p.Email()))).Value;

    private async Task<HttpClient> SignInOnceAsync(string email)
    {
        await EnsureAuthenticatorKeyAsync(email);
        return await SignedInClientAsync(email);
    }

    /// <summary>The app's own endpoints: Razor pages and minimal APIs, without the framework's and static assets.</summary>
    public IReadOnlyList<RouteEndpoint> AppEndpoints() =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsFrameworkEndpoint(e))
            .ToList();

    public static string PatternOf(RouteEndpoint endpoint)
    {
        var raw = endpoint.RoutePattern.RawText ?? "";
        return raw.StartsWith('/') ? raw : "/" + raw;
    }

    private static bool IsFrameworkEndpoint(RouteEndpoint endpoint)
    {
        var pattern = PatternOf(endpoint);
        return endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null // MapStaticAssets: wwwroot, _content, _framework files
               || pattern.StartsWith("/_framework/", StringComparison.Ordinal)   // blazor.web.js, opaque-redirect
               || pattern == "/_blazor" || pattern.StartsWith("/_blazor/", StringComparison.Ordinal) // the circuit hub
               || pattern.StartsWith("/_content/", StringComparison.Ordinal)
               || pattern == "/{**path:file}"; // static web assets' fallback for files
    }
}

public sealed class AuthorisationMatrixTests(AuthorisationMatrixPortal portal) : IClassFixture<AuthorisationMatrixPortal>
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in PortalRoutes.All)
        {
            foreach (var principal in Principals.All)
            {
                data.Add(row.Key, principal.ToString(), row.For(principal).ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_principal_gets_the_expected_outcome_on_each_route(string route, string principal, string expected)
    {
        var row = PortalRoutes.Row(route);
        var who = Enum.Parse<Principal>(principal);
        var client = await portal.ClientAsync(who);
        var url = row.UrlFor(portal);

        using var request = new HttpRequestMessage(new HttpMethod(row.Method), url);
        if (!HttpMethods.IsGet(row.Method))
        {
            // A bare form post, as a forged or stale form would send it: no antiforgery token.
            request.Content = new FormUrlEncodedContent([]);
        }

        using var response = await client.SendAsync(request);

        var actual = Classify(response, row, url);
        Assert.True(actual.Outcome == Enum.Parse<Outcome>(expected),
            $"{row.Method} {url} as {who}: expected {expected}, got {actual.Outcome} ({actual.Detail}).");
    }

    [Fact]
    public void Every_endpoint_the_app_maps_has_a_row_and_every_row_has_an_endpoint()
    {
        var endpoints = portal.AppEndpoints();

        var withoutRow = endpoints
            .Where(e => !PortalRoutes.All.Any(r => Matches(r, e)))
            .Select(e => $"{Methods(e)} {AuthorisationMatrixPortal.PatternOf(e)} ({e.DisplayName})")
            .ToList();
        var withoutEndpoint = PortalRoutes.All
            .Where(r => !endpoints.Any(e => Matches(r, e)))
            .Select(r => r.Key)
            .ToList();

        Assert.True(withoutRow.Count == 0 && withoutEndpoint.Count == 0,
            (withoutRow.Count > 0 ? "Endpoints without a row in PortalRoutes.All:\n  " + string.Join("\n  ", withoutRow) + "\n" : "")
            + (withoutEndpoint.Count > 0 ? "Rows whose endpoint the app no longer maps:\n  " + string.Join("\n  ", withoutEndpoint) : ""));
    }

    [Fact]
    public void Every_row_names_one_outcome_per_principal_and_appears_once()
    {
        Assert.All(PortalRoutes.All, r => Assert.True(r.Expected.Count == Principals.All.Count,
            $"{r.Key} has {r.Expected.Count} outcomes; it needs {Principals.All.Count} (Anonymous + {PortalRoles.All.Count} roles)."));
        Assert.Empty(PortalRoutes.All.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key));
        // Every role of the app has its column.
        Assert.Equal(PortalRoles.All.Order(), Principals.Roles.Select(p => p.Role()).Order());
    }

    [Fact]
    public async Task Signing_out_with_the_form_token_ends_the_session()
    {
        // Its own client: the shared per-role clients must stay signed in.
        var client = await portal.SignedInClientAsync(Principal.CsoMember.Email());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage")).StatusCode);

        var response = await client.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Equal(Outcome.SignIn, Classify(await client.GetAsync("/account/manage"), PortalRoutes.Row("GET /account/manage"), "/account/manage").Outcome);
    }

    [Fact]
    public async Task An_address_the_app_does_not_map_is_not_found_for_everybody()
    {
        foreach (var principal in new[] { Principal.Anonymous, Principal.CsoMember, Principal.Administrator })
        {
            var client = await portal.ClientAsync(principal);
            var response = await client.GetAsync("/no-such-page");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    internal static bool Matches(RouteRow row, RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        return string.Equals(AuthorisationMatrixPortal.PatternOf(endpoint), row.Pattern, StringComparison.Ordinal)
               && (methods is null || methods.Count == 0 || methods.Contains(row.Method, StringComparer.OrdinalIgnoreCase));
    }

    private static string Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? string.Join(",", methods) : "ANY";

    private static (Outcome? Outcome, string Detail) Classify(HttpResponseMessage response, RouteRow row, string url)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location;
        var detail = location is null ? status.ToString() : $"{status} to {location}";
        if (status is 301 or 302 or 303 or 307 or 308 && location is not null)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
            if (target.AbsolutePath == "/account/login")
            {
                // The sign-in page must bring the reader back to where they were going.
                var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(target.Query)
                    .FirstOrDefault(q => q.Key.Equals("ReturnUrl", StringComparison.OrdinalIgnoreCase)).Value.ToString();
                return returnUrl == url ? (Outcome.SignIn, detail) : (null, detail + $"; ReturnUrl '{returnUrl}' is not '{url}'");
            }

            return target.AbsolutePath == "/account/access-denied" ? (Outcome.Forbidden, detail) : (null, detail);
        }

        return status switch
        {
            _ when status == row.AllowedStatus => (Outcome.Allowed, detail),
            403 => (Outcome.Forbidden, detail),
            404 => (Outcome.NotFound, detail),
            400 => (Outcome.BadRequest, detail),
            401 => (Outcome.Unauthorized, detail),
            _ => (null, detail),
        };
    }
}
