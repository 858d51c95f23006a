using Ihec.Portal.Features.Reports;

namespace Ihec.Portal.Tests.Reports;

/// <summary>Who may read and do what with a report, as pure rules.</summary>
public sealed class ReportRulesTests
{
    private static readonly Guid Tammuz = Guid.NewGuid();
    private static readonly Guid Kirkuk = Guid.NewGuid();
    private static readonly ReportReader TammuzMember = new(Tammuz, false, false);
    private static readonly ReportReader TammuzAdmin = new(Tammuz, false, true);
    private static readonly ReportReader KirkukMember = new(Kirkuk, false, false);
    private static readonly ReportReader KirkukAdmin = new(Kirkuk, false, true);
    private static readonly ReportReader Editor = new(null, true, false);
    private static readonly ReportReader Anonymous = ReportReader.Public;

    private static CsoReport Report(ReportState state, PublicListing listing = PublicListing.None) =>
        new() { OrganisationId = Tammuz, State = state, Listing = listing, EndorsedAt = listing == PublicListing.Endorsed ? DateTimeOffset.UtcNow : null };

    [Fact]
    public void A_member_writes_but_only_the_organisations_own_administrator_publishes()
    {
        var draft = Report(ReportState.Draft);
        Assert.True(ReportRules.CanEdit(TammuzMember, draft));
        Assert.False(ReportRules.CanPublish(TammuzMember, draft));
        Assert.True(ReportRules.CanPublish(TammuzAdmin, draft));
        Assert.False(ReportRules.CanPublish(KirkukAdmin, draft));
        Assert.False(ReportRules.CanEdit(KirkukMember, draft));
        Assert.False(ReportRules.CanPublish(Editor, draft));
        Assert.False(ReportRules.CanEdit(TammuzMember, Report(ReportState.Published)));
    }

    [Fact]
    public void Drafts_are_read_only_by_their_own_organisation()
    {
        var draft = Report(ReportState.Draft);
        Assert.True(ReportRules.CanRead(TammuzMember, draft));
        Assert.False(ReportRules.CanRead(KirkukMember, draft));
        Assert.False(ReportRules.CanRead(KirkukAdmin, draft));
        Assert.False(ReportRules.CanRead(Editor, draft));
        Assert.False(ReportRules.CanRead(Anonymous, draft));
        Assert.False(ReportRules.CanSeeTombstone(KirkukMember, draft));
    }

    [Theory]
    [InlineData(PublicListing.None)]
    [InlineData(PublicListing.Requested)]
    [InlineData(PublicListing.Declined)]
    public void A_published_report_not_endorsed_is_read_by_every_accredited_organisation_and_editors_but_not_the_public(PublicListing listing)
    {
        var published = Report(ReportState.Published, listing);
        Assert.True(ReportRules.CanRead(KirkukMember, published));
        Assert.True(ReportRules.CanRead(Editor, published));
        Assert.False(ReportRules.CanRead(Anonymous, published));
    }

    [Fact]
    public void An_endorsed_report_is_public()
    {
        Assert.True(ReportRules.CanRead(Anonymous, Report(ReportState.Published, PublicListing.Endorsed)));
    }

    [Fact]
    public void The_administrator_asks_for_public_listing_and_only_an_ihec_editor_decides_a_pending_request()
    {
        var published = Report(ReportState.Published);
        Assert.True(ReportRules.CanRequestListing(TammuzAdmin, published));
        Assert.False(ReportRules.CanRequestListing(TammuzMember, published));
        Assert.False(ReportRules.CanRequestListing(KirkukAdmin, published));
        Assert.False(ReportRules.CanDecideListing(Editor, published));

        var requested = Report(ReportState.Published, PublicListing.Requested);
        Assert.True(ReportRules.CanDecideListing(Editor, requested));
        Assert.False(ReportRules.CanDecideListing(TammuzAdmin, requested));
        Assert.False(ReportRules.CanDecideListing(KirkukAdmin, requested));
        Assert.False(ReportRules.CanDecideListing(Anonymous, requested));
        Assert.True(ReportRules.CanRequestListing(TammuzAdmin, Report(ReportState.Published, PublicListing.Declined)));
    }

    [Fact]
    public void Only_the_publishing_organisations_administrator_withdraws_or_corrects_a_published_report()
    {
        var published = Report(ReportState.Published, PublicListing.Endorsed);
        Assert.True(ReportRules.CanWithdraw(TammuzAdmin, published));
        Assert.True(ReportRules.CanCorrect(TammuzAdmin, published));
        Assert.False(ReportRules.CanWithdraw(TammuzMember, published));
        Assert.False(ReportRules.CanWithdraw(KirkukAdmin, published));
        Assert.False(ReportRules.CanWithdraw(Editor, published));
        Assert.False(ReportRules.CanWithdraw(TammuzAdmin, Report(ReportState.Draft)));
    }

    [Fact]
    public void A_withdrawn_report_shows_only_a_tombstone_and_to_the_public_only_when_it_had_been_endorsed()
    {
        var withdrawnCsoOnly = Report(ReportState.Withdrawn);
        Assert.False(ReportRules.CanRead(TammuzMember, withdrawnCsoOnly));
        Assert.False(ReportRules.CanRead(KirkukMember, withdrawnCsoOnly));
        Assert.True(ReportRules.CanSeeTombstone(KirkukMember, withdrawnCsoOnly));
        Assert.False(ReportRules.CanSeeTombstone(Anonymous, withdrawnCsoOnly));

        var withdrawnPublic = Report(ReportState.Withdrawn, PublicListing.Endorsed);
        Assert.False(ReportRules.CanRead(Anonymous, withdrawnPublic));
        Assert.True(ReportRules.CanSeeTombstone(Anonymous, withdrawnPublic));
    }
}
