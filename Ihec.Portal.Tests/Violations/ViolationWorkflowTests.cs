using Ihec.Portal.Features.Violations;
using Ihec.Portal.Shared.Violations;

namespace Ihec.Portal.Tests.Violations;

public sealed class ViolationWorkflowTests
{
    [Theory]
    [InlineData(ViolationState.Submitted, ViolationState.UnderReview)]
    [InlineData(ViolationState.Submitted, ViolationState.Verified)]
    [InlineData(ViolationState.UnderReview, ViolationState.Verified)]
    [InlineData(ViolationState.UnderReview, ViolationState.Referred)]
    [InlineData(ViolationState.Verified, ViolationState.Referred)]
    [InlineData(ViolationState.NeedsInformation, ViolationState.UnderReview)]
    [InlineData(ViolationState.Dismissed, ViolationState.UnderReview)]
    public void Reviewer_may_make_the_review_moves(ViolationState from, ViolationState to) =>
        Assert.Equal(TransitionRefusal.None, ViolationWorkflow.Check(from, to, ViolationParty.Reviewer, null));

    [Theory]
    [InlineData(ViolationState.Referred, ViolationState.UnderReview)]
    [InlineData(ViolationState.Referred, ViolationState.Dismissed)]
    [InlineData(ViolationState.Submitted, ViolationState.Referred)]
    [InlineData(ViolationState.Verified, ViolationState.Dismissed)]
    [InlineData(ViolationState.UnderReview, ViolationState.UnderReview)]
    [InlineData(ViolationState.UnderReview, ViolationState.Submitted)]
    public void Reviewer_may_not_reopen_a_referral_skip_review_or_go_back_to_submitted(ViolationState from, ViolationState to) =>
        Assert.Equal(TransitionRefusal.NotAllowed, ViolationWorkflow.Check(from, to, ViolationParty.Reviewer, "reason"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Dismissal_needs_a_reason(string? reason)
    {
        Assert.Equal(TransitionRefusal.ReasonRequired, ViolationWorkflow.Check(ViolationState.UnderReview, ViolationState.Dismissed, ViolationParty.Reviewer, reason));
        Assert.Equal(TransitionRefusal.None, ViolationWorkflow.Check(ViolationState.UnderReview, ViolationState.Dismissed, ViolationParty.Reviewer, "Not an electoral matter"));
    }

    [Fact]
    public void Asking_for_information_says_what_is_needed()
    {
        Assert.Equal(TransitionRefusal.ReasonRequired, ViolationWorkflow.Check(ViolationState.Submitted, ViolationState.NeedsInformation, ViolationParty.Reviewer, null));
        Assert.Equal(TransitionRefusal.None, ViolationWorkflow.Check(ViolationState.Submitted, ViolationState.NeedsInformation, ViolationParty.Reviewer, "Which station?"));
    }

    [Fact]
    public void Reporter_can_only_answer_a_request_for_information_which_puts_the_report_back_under_review()
    {
        foreach (var from in Enum.GetValues<ViolationState>())
        {
            var expected = from == ViolationState.NeedsInformation ? [ViolationState.UnderReview] : Array.Empty<ViolationState>();
            Assert.Equal(expected, ViolationWorkflow.NextStates(from, ViolationParty.Reporter));
            Assert.Equal(from == ViolationState.NeedsInformation, ViolationWorkflow.ReporterMayAnswer(from));
        }

        Assert.Equal(TransitionRefusal.NotAllowed, ViolationWorkflow.Check(ViolationState.Submitted, ViolationState.Verified, ViolationParty.Reporter, null));
    }

    [Fact]
    public void Only_verified_consented_reports_that_are_not_duplicates_are_public()
    {
        Assert.True(ViolationWorkflow.IsPublic(ViolationState.Verified, consented: true, isDuplicate: false));
        Assert.False(ViolationWorkflow.IsPublic(ViolationState.Verified, consented: false, isDuplicate: false));
        Assert.False(ViolationWorkflow.IsPublic(ViolationState.Verified, consented: true, isDuplicate: true));
        Assert.All(Enum.GetValues<ViolationState>().Where(s => s != ViolationState.Verified),
            s => Assert.False(ViolationWorkflow.IsPublic(s, consented: true, isDuplicate: false)));
    }

    [Fact]
    public void Public_points_are_rounded_to_a_grid_of_about_one_kilometre()
    {
        Assert.Equal((33.32, 44.37), ViolationWorkflow.Coarsen(33.31523, 44.36612));
        Assert.Equal((30.51, 47.78), ViolationWorkflow.Coarsen(30.5085, 47.7804));
    }

    [Theory]
    [InlineData("33.3152", 33.3152)]
    [InlineData("٣٣٫٣١٥٢", 33.3152)]
    [InlineData("۴۴,۳۶", 44.36)]
    [InlineData(" -12.5 ", -12.5)]
    public void Typed_coordinates_accept_arabic_and_persian_digits_and_either_decimal_mark(string typed, double expected) =>
        Assert.Equal(expected, Coordinate.Parse(typed));

    [Theory]
    [InlineData("")]
    [InlineData("north")]
    [InlineData("33°18'")]
    [InlineData("1e400")]
    public void Other_text_is_not_a_coordinate(string typed) => Assert.Null(Coordinate.Parse(typed));
}
